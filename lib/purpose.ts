/**
 * 用证事由: the purpose a request states (X-Purpose) or a grant is bound to. It is stored in
 * access records and shown to holders and auditors, so it must read as what it is: one line of
 * text, at most MAX_PURPOSE characters, with nothing that could forge a second line or field in
 * a log, or turn the text around on a reader's screen.
 */

/** Longest purpose, in characters (code points), after trimming. */
export const MAX_PURPOSE = 200;

/**
 * Characters a purpose may not hold, each with why:
 * - C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F): newlines and the like start a
 *   fake record or field in anything that prints the purpose line by line;
 * - bidirectional formatting characters (U+202A–U+202E embeddings and overrides, U+2066–U+2069
 *   isolates, U+200E/U+200F marks, U+061C Arabic letter mark): they reorder what a reader sees,
 *   so "…事由 <RLO>…" can display as something other than what was stored;
 * - U+2028 and U+2029: line and paragraph separators, newlines by another name.
 */
const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/[\u0000-\u001f\u007f-\u009f]/u, 'a control character'],
  [/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u, 'a bidirectional formatting character'],
  [/[\u2028\u2029]/u, 'a line or paragraph separator'],
];

const codePoint = (character: string): string => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `text` is not acceptable as a purpose, or null when it is: empty (or only white space),
 * longer than MAX_PURPOSE characters once trimmed, or holding a control, bidirectional
 * formatting or line-separator character anywhere (the reason names the character and its
 * position, counted in characters from 1). Callers store `text.trim()`.
 */
export function purposeProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'must not be empty';
  const unsafe = unsafeCharacterProblem(text);
  if (unsafe) return unsafe;
  if ([...trimmed].length > MAX_PURPOSE) return `must be at most ${MAX_PURPOSE} characters`;
  return null;
}

/**
 * The first character of `text` that could forge or turn around what a reader sees (FORBIDDEN
 * above), as a reason naming it and its position; null when there is none. With `newlines`,
 * line feeds (and the carriage returns before them) are text, as in a notice's body.
 */
export function unsafeCharacterProblem(text: string, newlines = false): string | null {
  const characters = [...text];
  for (const [pattern, what] of FORBIDDEN) {
    const at = characters.findIndex(
      (character, i) => pattern.test(character) && !(newlines && (character === '\n' || (character === '\r' && characters[i + 1] === '\n'))),
    );
    if (at >= 0) return `must not contain ${what} (${codePoint(characters[at]!)} at character ${at + 1})`;
  }
  return null;
}
