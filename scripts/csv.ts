/**
 * A small streaming CSV reader and writer after RFC 4180: fields separated by commas, a field in
 * double quotes may hold commas, line breaks and doubled quotes (""). Reads line by line, so a
 * file of any size is read in constant memory, one record at a time.
 */

/** One record of the file: the line it starts on (1-based) and its fields, or why it is malformed. */
export type CsvRecord = { line: number; fields: string[]; problem?: undefined } | { line: number; fields: string[]; problem: string };

/**
 * The records of a CSV file given as its lines (line breaks removed, as node:readline gives them).
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
