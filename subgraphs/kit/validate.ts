import { holderCodeProblem, isRealDate, usccProblem, type HolderKindValue } from '../../lib/codes.js';
import { badInput } from '../../lib/errors.js';
import { unsafeCharacterProblem } from '../../lib/purpose.js';

/** A trimmed, non-empty text of at most `max` characters, or BAD_USER_INPUT naming the field. */
export function requireText(field: string, value: string, max: number): string {
  const text = value.trim();
  if (text.length === 0) throw badInput(field, 'must not be empty');
  if ([...text].length > max) throw badInput(field, `must be at most ${max} characters`);
  return text;
}

/** An optional text: null when absent or blank, else as requireText. */
export function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  if (value == null || value.trim() === '') return null;
  return requireText(field, value, max);
}

/**
 * One line of text that clerks, holders or supervisors read (a name, a note): requireText, and
 * nothing that could forge a second line or turn around what they read (lib/purpose.ts).
 */
export function requireLine(field: string, value: string, max: number): string {
  const text = requireText(field, value, max);
  const unsafe = unsafeCharacterProblem(text);
  if (unsafe) throw badInput(field, unsafe);
  return text;
}

/** An optional line: null when absent or blank, else as requireLine. */
export function optionalLine(field: string, value: string | null | undefined, max: number): string | null {
  if (value == null || value.trim() === '') return null;
  return requireLine(field, value, max);
}

export function requireUscc(field: string, code: string): string {
  const problem = usccProblem(code);
  if (problem) throw badInput(field, problem);
  return code;
}

export function requireHolderCode(field: string, kind: HolderKindValue, code: string): string {
  const problem = holderCodeProblem(kind, code);
  if (problem) throw badInput(field, problem);
  return code;
}

/** A real calendar date YYYY-MM-DD. */
export function requireDate(field: string, value: string): string {
  // Quoted back, but never more than a date's worth: a megabyte of garbage is not echoed.
  const shown = value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
  if (!isRealDate(value)) throw badInput(field, `${shown} is not a real date (YYYY-MM-DD)`);
  return value;
}
