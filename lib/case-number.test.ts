import { describe, expect, it } from 'vitest';
import { caseNumberProblem, MAX_CASE_NUMBER } from './case-number.js';

describe('caseNumberProblem', () => {
  it('accepts case numbers as offices write them, up to 64 characters', () => {
    for (const caseNumber of ['2026-FZ-000123', '350100202611290001', '闽榕办〔2026〕123号', ' 2026-FZ-000123 ', 'x'.repeat(MAX_CASE_NUMBER)]) {
      expect(caseNumberProblem(caseNumber), caseNumber).toBeNull();
    }
  });

  it('refuses an empty case number and one longer than 64 characters, counting characters rather than UTF-16 units', () => {
    expect(caseNumberProblem('')).toBe('must not be empty');
    expect(caseNumberProblem('  ')).toBe('must not be empty');
    expect(caseNumberProblem('x'.repeat(MAX_CASE_NUMBER + 1))).toBe(`must be at most ${MAX_CASE_NUMBER} characters`);
    expect(caseNumberProblem('𠀀'.repeat(MAX_CASE_NUMBER))).toBeNull();
  });

  it('refuses a second line, control characters and bidirectional formatting, naming the character and where it is', () => {
    expect(caseNumberProblem('2026-FZ-000123\nseq: 1')).toBe('must not contain a control character (U+000A at character 15)');
    expect(caseNumberProblem('2026\u2028FZ')).toMatch(/line or paragraph separator \(U\+2028/);
    expect(caseNumberProblem('2026-\u202eZF')).toMatch(/bidirectional formatting character \(U\+202E at character 6\)/);
    expect(caseNumberProblem('a\u0000b')).toMatch(/control character \(U\+0000/);
  });
});
