// Report rows carry the row number a person sees in Excel or a text editor, blank lines and rows included.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader, type Uploader } from '../support/multipart.js';
import { importedRecords, reportRows, runImport, uploadCsv } from './import-support.js';

let fx: RuntimeFixture;
let admin: ApiClient;
let up: Uploader;

beforeAll(async () => {
  fx = await startRuntime();
  admin = await fx.login('admin');
  up = await uploader(fx.app, 'admin');
});
afterAll(() => fx.close());

const expected = [
  ['Row', 'Column', 'Field', 'Reason'],
  ['4', '手机号', 'Mobile', 'is not a valid phone number'],
  ['8', '手机号', 'Mobile', 'Same Mobile as row 2'],
];

describe('row numbers in the report', () => {
  it('CSV: blank lines between rows count', async () => {
    const csv = ['姓名,手机号', '行二,13400000021', '', '行四,12', '', '   ', '行七,13400000027', '行八,13400000021', ''].join('\r\n');
    const file = await uploadCsv(up, csv);
    expect(file.rows).toBe(4);
    const preview = await admin.request('POST', '/api/imports/customer/preview', { fileId: file.fileId, mapping: file.suggested }, { 'accept-language': 'en' });
    expect(preview.body.rows.map((r: { row: number }) => r.row)).toEqual([2, 4, 7, 8]);
    const batch = await runImport(admin, { fileId: file.fileId, mapping: file.suggested, target: { type: 'pool', pool: 'default' } });
    expect(batch).toMatchObject({ inserted: 2, rejected: 2 });
    expect(await reportRows(admin, batch.id)).toEqual(expected);
  });

  it('XLSX: blank rows in the sheet count', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Leads');
    sheet.getRow(1).values = ['姓名', '手机号'];
    sheet.getRow(2).values = ['表二', '13400000031'];
    sheet.getRow(4).values = ['表四', '12'];
    sheet.getRow(7).values = ['表七', '13400000037'];
    sheet.getRow(8).values = ['表八', '13400000031'];
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await up.upload('/api/imports/customer/files', { name: 'gaps.xlsx', content });
    expect(res.status, res.text).toBe(200);
    const batch = await runImport(admin, { fileId: res.body.fileId, mapping: res.body.suggested, target: { type: 'pool', pool: 'default' } });
    expect(batch).toMatchObject({ inserted: 2, rejected: 2 });
    expect((await importedRecords(fx, batch.id)).map((r) => r.values.name)).toEqual(['表二', '表七']);
    expect(await reportRows(admin, batch.id)).toEqual(expected);
  });
});
