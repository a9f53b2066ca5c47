/**
 * A small streaming CSV reader and writer after RFC 4180: fields separated by commas, a field in
 * double quotes may hold commas, line breaks and doubled quotes (""). Reads line by line, so a
 * file of any size is read in constant memory, one record at a time. The lines come from the
 * file's bytes through {@link textLines}, which finds out how the text is encoded and refuses
 * bytes that are not text in it, rather than guessing (a wrong guess seals mojibake).
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** One record of the file: the line it starts on (1-based) and its fields, or why it is malformed. */
export type CsvRecord = { line: number; fields: string[]; problem?: undefined } | { line: number; fields: string[]; problem: string };

/**
 * The records of a CSV file given as its lines (line breaks removed, as {@link textLines} gives them).
 * A quoted field that spans lines is joined back with '\n'. Blank lines between records are
 * skipped. A malformed record (text after a closing quote, a quote inside an unquoted field, a
 * quoted field never closed) is yielded with its `problem` and the fields read so far; the reader
 * goes on with the next record.
 */
export async function* csvRecords(lines: AsyncIterable<string> | Iterable<string>): AsyncGenerator<CsvRecord> {
  let lineNumber = 0;
  let start = 0;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  // In a quoted field (between its quotes), or just after its closing quote.
  let inQuotes = false;
  let closed = false;
  let problem: string | undefined;

  for await (const raw of lines) {
    lineNumber++;
    const text = lineNumber === 1 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
    if (!inQuotes) {
      if (text === '') continue;
      start = lineNumber;
    } else {
      field += '\n';
    }
    for (let i = 0; i < text.length; i++) {
      const char = text[i];
      if (inQuotes) {
        if (char !== '"') field += char;
        else if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
          closed = true;
        }
      } else if (char === ',') {
        fields.push(field);
        field = '';
        quoted = closed = false;
      } else if (closed) {
        problem ??= `column ${fields.length + 1}: text after the closing quote`;
      } else if (char === '"') {
        if (field === '' && !quoted) inQuotes = quoted = true;
        else problem ??= `column ${fields.length + 1}: a quote inside an unquoted field`;
      } else {
        field += char;
      }
    }
    if (inQuotes) continue;
    fields.push(field);
    yield problem === undefined ? { line: start, fields } : { line: start, fields, problem };
    fields = [];
    field = '';
    quoted = closed = false;
    problem = undefined;
  }
  if (inQuotes) {
    fields.push(field);
    yield { line: start, fields, problem: `column ${fields.length}: quoted field not closed before the end of the file` };
  }
}

/** One CSV record, fields quoted where they need it, ended with CRLF (RFC 4180). */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map((field) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field)).join(',')}\r\n`;
}

/** The encodings a CSV file may be read in: UTF-8, or GB18030 (and its subset GBK), which Excel on Chinese Windows writes. */
export const CSV_ENCODINGS = ['utf-8', 'gb18030', 'gbk'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** Text that cannot be read as it stands: where, and why. `offset` (0-based, from the file's start) when the bytes are at fault. */
export class UnreadableText extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly offset?: number,
  ) {
    super(message);
  }
}

interface Decoder {
  write(chunk: Buffer): string;
  end(): string;
}

/** How many of `bytes` end on a whole UTF-8 sequence: a sequence cut by the chunk's end waits for the next chunk. */
function wholeUtf8Length(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 3); i--) {
    const byte = bytes[i]!;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0xc0) return bytes.length;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return i + length > bytes.length ? i : bytes.length;
  }
  return bytes.length;
}

/** Where the first sequence that is not UTF-8 starts in `bytes` (overlong forms and surrogates included), or -1. */
export function invalidUtf8At(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // The second byte's range excludes overlong forms (E0, F0), surrogates (ED) and beyond U+10FFFF (F4).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      if (byte === undefined || byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return -1;
}

const countLineFeeds = (bytes: Uint8Array): number => {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) count++;
  return count;
};

/**
 * Decodes UTF-8 that must be valid: the first bad sequence throws, with its line and offset,
 * instead of becoming U+FFFD. Node's own check (isUtf8) keeps the common case fast; the byte
 * walk runs only to say where a chunk went wrong.
 */
function strictUtf8(start: number): Decoder {
  let carry: Buffer = Buffer.alloc(0);
  let offset = start;
  let line = 1;
  const refuse = (bytes: Buffer, at: number): never => {
    const where = line + countLineFeeds(bytes.subarray(0, at));
    const shown = [...bytes.subarray(at, at + 4)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
    throw new UnreadableText(`line ${where}, byte offset ${offset + at}: not UTF-8 (bytes ${shown})`, where, offset + at);
  };
  return {
    write(chunk) {
      const bytes = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
      const whole = bytes.subarray(0, wholeUtf8Length(bytes));
      // The bytes after `whole` are shown too: they may be what makes its last sequence wrong.
      if (!isUtf8(whole)) refuse(bytes, Math.max(0, invalidUtf8At(whole)));
      carry = Buffer.from(bytes.subarray(whole.length));
      line += countLineFeeds(whole);
      offset += whole.length;
      return whole.toString('utf8');
    },
    end() {
      if (carry.length > 0) refuse(carry, 0);
      return '';
    },
  };
}

/** A decoder of iconv-lite, fed chunk by chunk: it keeps a character cut by a chunk's end for the next. */
function iconvDecoder(encoding: 'gb18030' | 'gbk' | 'utf16le' | 'utf16be'): Decoder {
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
}

/** The byte order marks a file may start with, and what each says about the text. */
const BOMS = [
  { bytes: [0xef, 0xbb, 0xbf], name: 'UTF-8' },
  { bytes: [0xff, 0xfe], name: 'UTF-16LE' },
  { bytes: [0xfe, 0xff], name: 'UTF-16BE' },
] as const;

/** The decoder for a file that starts with `head`, and how many bytes of its start are a byte order mark. */
function decoderFor(head: Buffer, encoding: CsvEncoding | undefined): { decoder: Decoder; skip: number } {
  const bom = BOMS.find((mark) => head.length >= mark.bytes.length && mark.bytes.every((byte, i) => head[i] === byte));
  if (bom && encoding !== undefined && !(bom.name === 'UTF-8' && encoding === 'utf-8')) {
    throw new UnreadableText(`the file starts with the byte order mark of ${bom.name}, but its encoding was given as ${encoding}`, 1);
  }
  const skip = bom?.bytes.length ?? 0;
  if (bom?.name === 'UTF-16LE') return { decoder: iconvDecoder('utf16le'), skip };
  if (bom?.name === 'UTF-16BE') return { decoder: iconvDecoder('utf16be'), skip };
  if (encoding === 'gb18030' || encoding === 'gbk') return { decoder: iconvDecoder(encoding), skip };
  return { decoder: strictUtf8(skip), skip };
}

/**
 * The lines of a text file given as its bytes, chunk by chunk, line breaks (CRLF, LF or CR)
 * removed — what {@link csvRecords} reads. The encoding is found from the start of the file: a
 * UTF-8 byte order mark (dropped), a UTF-16 one (decoded as UTF-16), else `encoding`, else UTF-8,
 * which must then be valid: the first sequence that is not throws {@link UnreadableText} with its
 * line and byte offset. A byte order mark that contradicts `encoding` throws too. Memory stays
 * flat: one chunk and one line at a time.
 */
export async function* textLines(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, encoding?: CsvEncoding): AsyncGenerator<string> {
  let decoder: Decoder | undefined;
  let head = Buffer.alloc(0);
  let rest = '';
  const BREAK = /\r\n|\r|\n/g;
  /** The whole lines of `rest` plus `text`; a CR at the very end waits, as it may be half of a CRLF. */
  function* take(text: string, last: boolean): Generator<string> {
    rest += text;
    let start = 0;
    BREAK.lastIndex = 0;
    for (let match = BREAK.exec(rest); match; match = BREAK.exec(rest)) {
      if (!last && match[0] === '\r' && match.index === rest.length - 1) break;
      yield rest.slice(start, match.index);
      start = match.index + match[0].length;
    }
    rest = rest.slice(start);
    if (last && rest !== '') yield rest;
  }
  for await (const chunk of chunks) {
    if (decoder === undefined) {
      // Three bytes tell every byte order mark apart; a first chunk may hold fewer.
      head = Buffer.concat([head, chunk]);
      if (head.length < 3) continue;
      const found = decoderFor(head, encoding);
      decoder = found.decoder;
      yield* take(decoder.write(head.subarray(found.skip)), false);
      continue;
    }
    yield* take(decoder.write(chunk), false);
  }
  if (decoder === undefined) {
    const found = decoderFor(head, encoding);
    decoder = found.decoder;
    yield* take(decoder.write(head.subarray(found.skip)), false);
  }
  yield* take(decoder.end(), true);
}

/** Characters that no field of a certificate holds: controls but tab and line breaks, C1 controls, broken UTF-16. */
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]|\p{Cs}/u;
/**
 * NOT_TEXT, or any surrogate, whole pairs included: a search by code units, several times faster
 * than NOT_TEXT's by code points, so that most fields of a large file are passed by it alone.
 */
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFD]/;

/**
 * Why a decoded field is not text to seal, or undefined: a U+FFFD (bytes that were not text in
 * the encoding read), a control character other than tab, CR and LF, or half a surrogate pair.
 * Each would be sealed as it stands and shown on every copy of the certificate.
 */
export function textProblem(value: string): string | undefined {
  const found = SUSPECT.test(value) ? NOT_TEXT.exec(value) : null;
  if (!found) return undefined;
  const char = found[0];
  if (char === '\uFFFD') return 'a replacement character U+FFFD: bytes that were not text in the encoding read (wrong encoding?)';
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (char.length === 1 && char >= '\uD800' && char <= '\uDFFF') return `half a UTF-16 surrogate pair (${code})`;
  return `the control character ${code} at character ${found.index + 1}`;
}
