// An upload that is no text is refused with a sentence that says so, and a CSV whose encoding the bytes do
// not tell is not silently decoded as GB18030: the answer says the encoding is uncertain and offers the
// plausible ones, and the upload with the one a person picked reads right. UTF-8 and GBK still need no question.
// Before: 4 KB of random bytes became garbage column names, and "José;Müller" in Latin-1 read "Jos関;M黮ler".
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader, type Uploader } from '../support/multipart.js';
import { gb18030 } from '../integration/import-support.js';

let fx: RuntimeFixture;
let up: Uploader;

beforeAll(async () => {
  fx = await startRuntime();
  up = await uploader(fx.app, 'admin');
});
afterAll(() => fx?.close());

const URL = '/api/imports/customer/files';
const csv = (content: Buffer, query = '', locale: 'en' | 'zh' = 'en') => up.upload(`${URL}${query}`, { name: 'leads.csv', content, type: 'text/csv' }, locale);

describe('not text', () => {
  it('refuses 4 KB of random bytes named .csv, in both languages, and stores nothing', async () => {
    const bytes = randomBytes(4096);
    const before = await fx.app.db.collection('import_files').countDocuments();
    expect((await csv(bytes)).body).toEqual({
      statusCode: 400, error: 'Bad Request', code: 'not_text_file',
      message: 'This file is not a text or spreadsheet file: upload a CSV or XLSX file',
    });
    expect((await csv(bytes, '', 'zh')).body).toMatchObject({ statusCode: 400, code: 'not_text_file', message: '此文件不是文本或表格文件：请上传 CSV 或 XLSX 文件' });
    expect(await fx.app.db.collection('import_files').countDocuments()).toBe(before);
  });

  it('refuses a binary file with NUL bytes (a PNG renamed .csv)', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR name,phone\n')]);
    expect((await csv(png)).body).toMatchObject({ statusCode: 400, code: 'not_text_file' });
  });
});

describe('uncertain encoding', () => {
  const latin1 = Buffer.from('Name;Surname\nJosé;Müller\nFrançois;Löwe\n', 'latin1');

  it('a Latin-1 file: the answer says the encoding is uncertain and offers candidates', async () => {
    const res = await csv(latin1);
    expect(res.status, res.text).toBe(200);
    expect(res.body.encodingUncertain).toBe(true);
    // GB18030 cannot decode these bytes (é then ";" is no GB sequence), so it is not offered.
    expect(res.body.encodings).toEqual(expect.arrayContaining(['windows-1252', 'iso-8859-2']));
    expect(res.body.encodings).not.toContain('gb18030');
    expect(res.body.encoding).toBe('windows-1252');
    expect(res.body.encodings[0]).toBe('windows-1252');
  });

  it.each(['latin1', 'windows-1252'])('with the encoding picked (%s), the text reads right', async (encoding) => {
    const res = await csv(latin1, `?encoding=${encoding}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ encoding: 'windows-1252', encodingUncertain: false, encodings: [], columns: ['Name', 'Surname'] });
    expect(res.body.sample).toEqual([['José', 'Müller'], ['François', 'Löwe']]);
    const preview = await up.upload(URL, { name: 'x.csv', content: latin1 }); // the bytes are the same, so is the question
    expect(preview.body.encodingUncertain).toBe(true);
  });

  it('an encoding no decoder knows is a 400 naming the parameter', async () => {
    const res = await csv(latin1, '?encoding=klingon');
    expect(res.body).toMatchObject({ statusCode: 400, errors: [{ path: '/querystring/encoding', code: 'unknown_encoding' }] });
  });
});

describe('certain encodings need no question', () => {
  it('GBK (GB18030) with Chinese', async () => {
    const res = await csv(gb18030('姓名,手机号,性别\r\n黄小明,13500000001,男\r\n'));
    expect(res.body).toMatchObject({ encoding: 'gb18030', encodingUncertain: false, encodings: [], columns: ['姓名', '手机号', '性别'] });
    expect(res.body.sample).toEqual([['黄小明', '13500000001', '男']]);
  });

  it('UTF-8 with Chinese, with and without a BOM', async () => {
    const text = '姓名,手机号\n王小红,13500000002\n';
    for (const [bytes, encoding] of [[Buffer.from(text), 'utf-8'], [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8-bom']] as const) {
      const res = await csv(bytes);
      expect(res.body).toMatchObject({ encoding, encodingUncertain: false, encodings: [], columns: ['姓名', '手机号'], sample: [['王小红', '13500000002']] });
    }
  });
});
