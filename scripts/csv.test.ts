import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvLine, csvRecords, invalidUtf8At, textLines, textProblem, UnreadableText, type CsvEncoding, type CsvRecord } from './csv.js';

const read = async (text: string): Promise<CsvRecord[]> => {
  const records: CsvRecord[] = [];
  for await (const record of csvRecords(text.split(/\r?\n/))) records.push(record);
  return records;
};

describe('the CSV reader', () => {
  it('reads plain fields, empty fields and the line each record starts on', async () => {
    expect(await read('a,b,c\n1,,3\n\n4,5,\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '', '3'] },
      { line: 4, fields: ['4', '5', ''] },
    ]);
  });

  it('reads quoted fields holding commas, doubled quotes, Chinese text and line breaks', async () => {
    expect(await read('n,scope\r\n1,"软件开发，信息技术咨询, ""云""服务"\r\n2,"第一行\r\n第二行,\r\n第三行"\r\n3,x')).toEqual([
      { line: 1, fields: ['n', 'scope'] },
      { line: 2, fields: ['1', '软件开发，信息技术咨询, "云"服务'] },
      { line: 3, fields: ['2', '第一行\n第二行,\n第三行'] },
      { line: 6, fields: ['3', 'x'] },
    ]);
  });

  it('keeps an empty quoted field and a quoted field that ends the line', async () => {
    expect(await read('"",""\n"a"')).toEqual([
      { line: 1, fields: ['', ''] },
      { line: 2, fields: ['a'] },
    ]);
  });

  it('skips a byte order mark at the start of the file', async () => {
    expect(await read('\uFEFFnumber,x')).toEqual([{ line: 1, fields: ['number', 'x'] }]);
  });

  it('reports a malformed record with its line and goes on with the next', async () => {
    const records = await read('1,"a"b,c\n2,a"b\n3,ok\n4,"never closed\nat all');
    expect(records.map((record) => [record.line, record.problem])).toEqual([
      [1, 'column 2: text after the closing quote'],
      [2, 'column 2: a quote inside an unquoted field'],
      [3, undefined],
      [4, 'column 2: quoted field not closed before the end of the file'],
    ]);
  });

  it('writes what it reads back', async () => {
    const fields = ['JY-1', '软件开发，咨询', 'a,b', 'say "hi"', 'two\nlines', ''];
    const text = csvLine(fields);
    expect(text).toBe('JY-1,软件开发，咨询,"a,b","say ""hi""","two\nlines",\r\n');
    expect(await read(text)).toEqual([{ line: 1, fields }]);
  });
});

describe('the text of a CSV file', () => {
  const lines = async (chunks: Buffer[], encoding?: CsvEncoding): Promise<string[]> => {
    const read: string[] = [];
    for await (const line of textLines(chunks, encoding)) read.push(line);
    return read;
  };
  /** The bytes one at a time: every character and every line break cut by a chunk's end. */
  const byteByByte = (bytes: Buffer) => [...bytes].map((byte) => Buffer.from([byte]));
  const NAMES = 'number,holderName\r\n闽榕工商字第000001号,福州仓山贸易有限公司\r\n2,林建国\n3,"第一行\r第二行"';
  const EXPECTED = ['number,holderName', '闽榕工商字第000001号,福州仓山贸易有限公司', '2,林建国', '3,"第一行', '第二行"'];

  it('reads UTF-8 split anywhere, with CRLF, LF and CR line breaks', async () => {
    expect(await lines(byteByByte(Buffer.from(NAMES)))).toEqual(EXPECTED);
    expect(await lines([Buffer.from(NAMES)], 'utf-8')).toEqual(EXPECTED);
  });

  it('drops a UTF-8 byte order mark, and reads UTF-16 from its byte order mark', async () => {
    expect(await lines([Buffer.from(`\uFEFF${NAMES}`)])).toEqual(EXPECTED);
    expect(await lines(byteByByte(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(NAMES, 'utf16le')])))).toEqual(EXPECTED);
    expect(await lines(byteByByte(iconv.encode(NAMES, 'utf16be', { addBOM: true })))).toEqual(EXPECTED);
  });

  it('refuses GB18030 read as UTF-8, naming the line and byte offset of the first bad sequence', async () => {
    const gb18030 = iconv.encode(NAMES, 'gb18030');
    const offset = 'number,holderName\r\n'.length;
    const refused = await lines([gb18030]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UnreadableText);
    expect(refused).toMatchObject({ line: 2, offset, message: `line 2, byte offset ${offset}: not UTF-8 (bytes c3 f6 e9 c5)` });
    expect(await lines(byteByByte(gb18030)).catch((error: unknown) => error)).toMatchObject({ line: 2, offset });
  });

  it('reads GB18030 and GBK when told, split anywhere', async () => {
    expect(await lines(byteByByte(iconv.encode(NAMES, 'gb18030')), 'gb18030')).toEqual(EXPECTED);
    expect(await lines([iconv.encode(NAMES, 'gbk')], 'gbk')).toEqual(EXPECTED);
  });

  it('refuses overlong forms, surrogates, stray continuation bytes and a sequence cut by the end of the file', async () => {
    for (const [bytes, offset] of [
      [[0x61, 0x0a, 0xc0, 0x80], 2],
      [[0x61, 0xed, 0xa0, 0x80], 1],
      [[0x61, 0x62, 0x80], 2],
      [[0x61, 0xe9, 0x97], 1],
    ] as const) {
      const refused = await lines([Buffer.from(bytes)]).catch((error: unknown) => error);
      expect(refused, bytes.join(' ')).toMatchObject({ offset });
    }
    expect(invalidUtf8At(Buffer.from('闽榕 ok ✓ 𠀀'))).toBe(-1);
  });

  it('refuses a byte order mark that contradicts the encoding given', async () => {
    await expect(lines([Buffer.from(`\uFEFF${NAMES}`)], 'gb18030')).rejects.toThrow('byte order mark of UTF-8, but its encoding was given as gb18030');
  });

  it('says why a field is not text to seal: U+FFFD, control characters, half a surrogate pair; tabs and line breaks are text', () => {
    expect(textProblem('福州\t仓山\n贸易\r有限公司')).toBeUndefined();
    expect(textProblem('福州�公司')).toContain('U+FFFD');
    expect(textProblem('ab\u0007c')).toBe('the control character U+0007 at character 3');
    expect(textProblem('a\u0085')).toContain('U+0085');
    expect(textProblem('a\uD800b')).toContain('surrogate');
    expect(textProblem('𠀀')).toBeUndefined();
  });
});
