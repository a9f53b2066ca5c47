/**
 * 办件号: the case number of the application a request serves (an applicant's matter at a
 * service counter or online). It comes with a request (X-Case-Number) or a resolver's argument
 * and is kept in every access record the request writes, so an auditor can tell which
 * application a read served. Like a purpose it is shown to holders and auditors, so the same
 * characters are refused (lib/purpose.ts unsafeCharacterProblem).
 */
import { unsafeCharacterProblem } from './purpose.js';

/** Longest case number, in characters (code points), after trimming. */
export const MAX_CASE_NUMBER = 64;

/**
 * Why `text` is not acceptable as a case number, or null when it is: empty (or only white
 * space), longer than MAX_CASE_NUMBER characters once trimmed, or holding a control,
 * bidirectional formatting or line-separator character anywhere (the reason names the character
 * and its position). Callers store `text.trim()`.
 */
export function caseNumberProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'must not be empty';
  const unsafe = unsafeCharacterProblem(text);
  if (unsafe) return unsafe;
  if ([...trimmed].length > MAX_CASE_NUMBER) return `must be at most ${MAX_CASE_NUMBER} characters`;
  return null;
}
