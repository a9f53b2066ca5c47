import { describe, expect, it } from 'vitest';
import { MAX_PURPOSE, purposeProblem } from './purpose.js';

describe('purposeProblem', () => {
  it('accepts a matter code, a reason in Chinese, and one with spaces and punctuation', () => {
    for (const purpose of ['350100-YS-0007', '税务登记核验', '道路运输证年审 (matter 350100-YS-0007)', 'x'.repeat(MAX_PURPOSE)]) {
      expect(purposeProblem(purpose), purpose).toBeNull();
    }
  });

  it('refuses an empty purpose and one longer than 200 characters, counting characters rather than UTF-16 units', () => {
    expect(purposeProblem('')).toBe('must not be empty');
    expect(purposeProblem('   ')).toBe('must not be empty');
    expect(purposeProblem('x'.repeat(MAX_PURPOSE + 1))).toBe(`must be at most ${MAX_PURPOSE} characters`);
    expect(purposeProblem('𠀀'.repeat(MAX_PURPOSE))).toBeNull();
  });

  it('refuses a newline that would forge a second record, naming the character and where it is', () => {
    expect(purposeProblem('年审\nagency: 91350100MA0000000X')).toBe('must not contain a control character (U+000A at character 3)');
    expect(purposeProblem('年审\r')).toMatch(/control character \(U\+000D/);
  });

  it('refuses every C0 and C1 control character, and DEL', () => {
    for (const code of [0x00, 0x09, 0x1b, 0x1f, 0x7f, 0x85, 0x9f]) {
      expect(purposeProblem(`a${String.fromCharCode(code)}b`), code.toString(16)).toMatch(/a control character/);
    }
  });

  it('refuses bidirectional overrides, embeddings, isolates and marks that reorder what a reader sees', () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]) {
      expect(purposeProblem(`年审${String.fromCharCode(code)}txt.exe`), code.toString(16)).toMatch(/a bidirectional formatting character \(U\+[0-9A-F]{4} at character 3\)/);
    }
  });

  it('refuses the Unicode line and paragraph separators', () => {
    expect(purposeProblem('a\u2028b')).toBe('must not contain a line or paragraph separator (U+2028 at character 2)');
    expect(purposeProblem('a\u2029b')).toMatch(/U\+2029/);
  });
});
