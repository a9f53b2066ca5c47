import { describe, expect, it } from 'vitest';
import { csvLine, csvRecords, type CsvRecord } from './csv.js';

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
