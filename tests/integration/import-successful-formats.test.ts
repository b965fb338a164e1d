// Import of XLSX and GB18030 CSV files, round-robin to agents, updating duplicates, and a crashed batch
// marked interrupted and resumed without storing anything twice.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markInterrupted } from '@telesales/runtime/imports/batch-recovery';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader, type Uploader } from '../support/multipart.js';
import { AGENT1_PHONE, AGENT2_PHONE, gb18030, importedRecords, reportRows, runImport, uploadCsv } from './import-support.js';

let fx: RuntimeFixture;
let admin: ApiClient;
let up: Uploader;
let ids: Record<string, string>;

beforeAll(async () => {
  fx = await startRuntime();
  admin = await fx.login('admin');
  up = await uploader(fx.app, 'admin');
  const users = await fx.app.db.collection('users').find().toArray();
  ids = Object.fromEntries(users.map((u) => [u.login, u._id as unknown as string]));
});
afterAll(() => fx.close());

describe('file formats', () => {
  it('reads an XLSX file: text, numbers and dates in cells', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('客户');
    sheet.addRow(['Name', 'Mobile', 'Date of birth', 'Annual premium budget']);
    sheet.addRow(['Excel 一', 13600000001, new Date(Date.UTC(1990, 4, 6)), 5000]);
    sheet.addRow(['Excel 二', '136-0000-0002', '1985/1/2', 8000.5]);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await up.upload('/api/imports/customer/files', { name: 'leads.xlsx', content });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ format: 'xlsx', rows: 2, columns: ['Name', 'Mobile', 'Date of birth', 'Annual premium budget'] });
    expect(res.body.sample[0]).toEqual(['Excel 一', '13600000001', '1990-05-06', '5000']);
    const batch = await runImport(admin, { fileId: res.body.fileId, mapping: res.body.suggested, target: { type: 'pool', pool: 'default' } });
    expect(batch).toMatchObject({ status: 'done', inserted: 2, rejected: 0 });
    const records = await importedRecords(fx, batch.id);
    expect(records.map((r) => r.values)).toEqual([
      expect.objectContaining({ name: 'Excel 一', phone: '+8613600000001', birth_date: '1990-05-06', annual_premium: 5000 }),
      expect.objectContaining({ name: 'Excel 二', phone: '+8613600000002', birth_date: '1985-01-02', annual_premium: 8000.5 }),
    ]);
  });

  it('reads a GB18030 (GBK) CSV as saved by Excel in China', async () => {
    const bytes = gb18030('姓名,手机号,性别\r\n黄小明,13500000001,男\r\n');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const file = await uploadCsv(up, bytes, 'gbk.csv');
    expect(file.encoding).toBe('gb18030');
    expect(file.columns).toEqual(['姓名', '手机号', '性别']);
    const batch = await runImport(admin, { fileId: file.fileId, mapping: file.suggested, target: { type: 'pool', pool: 'default' } });
    expect(batch.inserted).toBe(1);
    expect((await importedRecords(fx, batch.id))[0]!.values).toMatchObject({ name: '黄小明', gender: 'male' });
  });
});

describe('targets and duplicates', () => {
  it('deals rows to the chosen agents in turn', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => `轮${i},1340000000${i}`);
    const file = await uploadCsv(up, ['姓名,手机号', ...rows].join('\n'));
    const batch = await runImport(admin, {
      fileId: file.fileId, mapping: file.suggested, target: { type: 'agents', ownerIds: [ids.agent1, ids.agent2], mode: 'roundRobin' },
    });
    expect(batch.inserted).toBe(6);
    const records = await importedRecords(fx, batch.id);
    expect(records.map((r) => r.ownerId)).toEqual([ids.agent1, ids.agent2, ids.agent1, ids.agent2, ids.agent1, ids.agent2]);
    for (const r of records) expect(r).toMatchObject({ poolKey: null, fromPool: null, ownedSince: expect.any(Date), followedUpAt: expect.any(Date) });
  });

  it('updates the existing record instead when asked, logging the change as an import', async () => {
    const csv = `姓名,手机号,邮箱\n马芳,${AGENT1_PHONE},new-mail@example.com\n新客,13300000001,\n`;
    const file = await uploadCsv(up, csv);
    const batch = await runImport(admin, { fileId: file.fileId, mapping: file.suggested, target: { type: 'pool', pool: 'default' }, onDuplicate: 'update' });
    expect(batch).toMatchObject({ inserted: 1, updated: 1, rejected: 0, duplicatesInDb: 0 });
    const existing = await fx.app.db.collection('records_customer').findOne({ 'values.phone': `+86${AGENT1_PHONE}` });
    expect(existing).toMatchObject({ ownerId: ids.agent1, version: 2, values: expect.objectContaining({ email: 'new-mail@example.com' }) });
    const log = await admin.get(`/api/records/customer/${existing!._id}/log`);
    expect(log.body[0]).toMatchObject({ action: 'import', detail: { importBatch: batch.id }, changes: [expect.objectContaining({ field: 'email', after: 'new-mail@example.com' })] });
  });

  it('tells an agent only that "another agent" owns a duplicate', async () => {
    const agentUp = await uploader(fx.app, 'agent1');
    const agent1 = await fx.login('agent1');
    const res = await agentUp.upload('/api/imports/customer/files', { name: 'mine.csv', content: `姓名,手机号\n某人,${AGENT2_PHONE}\n自己,13200000001\n` });
    const batch = await runImport(agent1, { fileId: res.body.fileId, mapping: res.body.suggested, target: { type: 'agents', ownerIds: [ids.agent1], mode: 'roundRobin' } });
    expect(batch).toMatchObject({ inserted: 1, duplicatesInDb: 1 });
    const report = await reportRows(agent1, batch.id);
    expect(report[1]).toEqual(['2', '手机号', 'Mobile', 'A record with this Mobile is already owned by another agent']);
    expect(report.join()).not.toContain('张伟');
  });
});

describe('a crash in the middle', () => {
  it('marks a batch whose heartbeat stopped as interrupted, and a resume stores nothing twice', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `批${i},131${String(i).padStart(8, '0')}`);
    rows[1800] = `重复,13100000005`; // a duplicate of row 7 in the third chunk
    const file = await uploadCsv(up, ['姓名,手机号', ...rows].join('\n'));
    const done = await runImport(admin, { fileId: file.fileId, mapping: file.suggested, target: { type: 'pool', pool: 'default' } });
    expect(done).toMatchObject({ inserted: 2499, duplicatesInFile: 1, rejected: 1 });

    // As if the process died in the middle of chunk 1 (rows 1002-2001): half of its records written, none
    // of chunk 2, and its progress not saved.
    const lost = Array.from({ length: 1000 }, (_, i) => `批${i + 1500}`);
    await fx.app.db.collection('records_customer').deleteMany({ importBatch: done.id, 'values.name': { $in: lost } });
    await fx.app.db.collection('import_rejects').deleteMany({ batchId: done.id });
    const batches = fx.app.db.collection('import_batches');
    await batches.updateOne({ _id: done.id }, { $set: { status: 'running', nextChunk: 1, heartbeatAt: new Date(Date.now() - 120_000), processed: 1000, inserted: 1000 } });
    expect(await markInterrupted(fx.app)).toBe(1);
    expect((await admin.get(`/api/imports/customer/batches/${done.id}`)).body).toMatchObject({ status: 'interrupted', inserted: 1500, rejected: 0 });

    const resumed = await admin.post(`/api/imports/customer/batches/${done.id}/resume`);
    expect(resumed.status, resumed.text).toBe(202);
    let batch = resumed.body;
    while (batch.status === 'running') batch = (await admin.get(`/api/imports/customer/batches/${done.id}`)).body;
    expect(batch).toMatchObject({ status: 'done', inserted: 2499, rejected: 1, duplicatesInDb: 0 });
    expect(await fx.app.db.collection('records_customer').countDocuments({ importBatch: done.id })).toBe(2499);
    expect(await reportRows(admin, done.id)).toEqual([['Row', 'Column', 'Field', 'Reason'], ['1802', '手机号', 'Mobile', 'Same Mobile as row 7']]);
  });
});
