// Import into a pool: bad rows, duplicates within the file and against the database -> the exact report,
// and every good row stored in the pool, carrying its batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader, type Uploader } from '../support/multipart.js';
import { AGENT1_PHONE, importedRecords, reportRows, runImport, uploadCsv } from './import-support.js';

let fx: RuntimeFixture;
let admin: ApiClient;
let up: Uploader;

const CSV = [
  '姓名,手机号,来源,邮箱,预算年保费',
  '张一,13900000001,online,a@example.com,1000', // 2 good
  ',13900000002,list,,', // 3 no name
  '李二,12,list,,', // 4 bad phone
  '王三,139 0000 0001,list,,', // 5 same phone as row 2 (normalised)
  '赵四,' + AGENT1_PHONE + ',list,,', // 6 agent1's customer
  '钱五,13900000007,list,not-an-email,', // 7 bad email
  '孙六,13900000008,list,,abc', // 8 not a number
  '周七,13900000009,线上,,"2,000"', // 9 good (source by its zh label, money with a thousands separator)
].join('\r\n');

beforeAll(async () => {
  fx = await startRuntime();
  admin = await fx.login('admin');
  up = await uploader(fx.app, 'admin');
});
afterAll(() => fx.close());

describe('import into a pool', () => {
  it('uploads, suggests a mapping from the labels and previews the first rows with their issues', async () => {
    const file = await uploadCsv(up, CSV);
    expect(file.columns).toEqual(['姓名', '手机号', '来源', '邮箱', '预算年保费']);
    expect(file.rows).toBe(8);
    expect(file.sample[0]).toEqual(['张一', '13900000001', 'online', 'a@example.com', '1000']);
    expect(file.suggested).toEqual({ 姓名: 'name', 手机号: 'phone', 来源: 'source', 邮箱: 'email', 预算年保费: 'annual_premium' });

    const preview = await admin.request('POST', '/api/imports/customer/preview', { fileId: file.fileId, mapping: file.suggested }, { 'accept-language': 'en' });
    expect(preview.status, preview.text).toBe(200);
    const byRow = Object.fromEntries(preview.body.rows.map((r: any) => [r.row, r]));
    expect(byRow[2].issues).toEqual([]);
    expect(byRow[2].duplicate).toBeNull();
    expect(byRow[3].issues).toEqual([{ column: '姓名', field: 'name', reason: 'is required' }]);
    expect(byRow[5].duplicate).toEqual({ kind: 'file', row: 2, reason: 'Same Mobile as row 2' });
    expect(byRow[6].duplicate.kind).toBe('db');
  });

  it('stores every good row in the pool and reports every rejected one: row, column, field, reason', async () => {
    const file = await uploadCsv(up, CSV);
    const batch = await runImport(admin, { fileId: file.fileId, mapping: file.suggested, source: 'vendor-a', target: { type: 'pool', pool: 'default' } });
    expect(batch).toMatchObject({
      status: 'done', total: 8, processed: 8, inserted: 2, updated: 0, rejected: 6, duplicatesInFile: 1, duplicatesInDb: 1, source: 'vendor-a',
    });

    const records = await importedRecords(fx, batch.id);
    expect(records.map((r) => [r.values.name, r.values.phone, r.ownerId, r.poolKey])).toEqual([
      ['张一', '+8613900000001', null, 'default'],
      ['周七', '+8613900000009', null, 'default'],
    ]);
    expect(records[1]!.values).toMatchObject({ source: 'online', annual_premium: 2000, status: 'pending' });

    expect(await reportRows(admin, batch.id)).toEqual([
      ['Row', 'Column', 'Field', 'Reason'],
      ['3', '姓名', 'Name', 'is required'],
      ['4', '手机号', 'Mobile', 'is not a valid phone number'],
      ['5', '手机号', 'Mobile', 'Same Mobile as row 2'],
      ['6', '手机号', 'Mobile', 'A record with this Mobile is already owned by 李娜 Li Na'],
      ['7', '邮箱', 'Email', 'is not a valid email'],
      ['8', '预算年保费', 'Annual premium budget', 'must be a number'],
    ]);
    const zh = await reportRows(admin, batch.id, 'zh');
    expect(zh[0]).toEqual(['行号', '列', '字段', '原因']);
    expect(zh[4]).toEqual(['6', '手机号', '手机号', '相同手机号的记录已归属 李娜 Li Na']);

    const list = await admin.get('/api/imports/customer/batches');
    expect(list.body[0]).toMatchObject({ id: batch.id, fileName: 'leads.csv', by: { name: '管理员 Admin' } });
  });

  it('saves a mapping per source and reads it back', async () => {
    const put = await admin.put('/api/imports/customer/mappings/vendor-a', { mapping: { 姓名: 'name', 手机号: 'phone' } });
    expect(put.status, put.text).toBe(200);
    expect((await admin.get('/api/imports/customer/mappings/vendor-a')).body.mapping).toEqual({ 姓名: 'name', 手机号: 'phone' });
    expect((await admin.get('/api/imports/customer/mappings')).body.map((m: any) => m.source)).toEqual(['vendor-a']);
    expect((await admin.get('/api/imports/customer/mappings/nobody')).status).toBe(404);
  });

  it('imports to the automatic pool choice: rows matching a pool condition land there', async () => {
    const csv = '姓名,手机号,来源\n网一,13700000001,online\n线二,13700000002,list\n';
    const file = await uploadCsv(up, csv);
    const batch = await runImport(admin, { fileId: file.fileId, mapping: file.suggested, target: { type: 'pool', pool: 'auto' } });
    expect(batch.inserted).toBe(2);
    const records = await importedRecords(fx, batch.id);
    expect(Object.fromEntries(records.map((r) => [r.values.name, r.poolKey]))).toEqual({ 网一: 'online_leads', 线二: 'default' });
  });
});
