// Number lists (名单) of an outbound task and the do-not-call list: a CSV and an XLSX list go in with a reason per bad
// row (invalid number, duplicate, on DNC) and the good rows kept; a DNC entry takes its number out of every task;
// an agent converts the number of their call into a customer (the records' duplicate check, their cap), and sees
// numbers masked exactly like customer phones.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoDigitsOf } from '../e2e/support/number-leaks.js';
import { uploader, type Uploader } from '../support/multipart.js';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { AGENT1_PHONE, AGENT2_PHONE, parseCsv } from './import-support.js';

let fx: RuntimeFixture;
let admin: ApiClient;
let agent1: ApiClient;
let agent2: ApiClient;
let up: Uploader;

// not the template's own task (campaign/renewal)
const TASK = 'car_renewal';
const LIST = `/api/outbound/tasks/${TASK}/list`;
const campaign = {
  kind: 'campaign', schemaVersion: 1, id: '5d7c0e7a-1111-4a2b-8c3d-000000000016', key: TASK, label: { zh: '车险续保', en: 'Car insurance renewal' },
  entity: 'customer', phoneColumn: 'phone',
  columns: [{ column: 'name', field: 'name' }, { column: 'id_no', field: 'id_number' }, { column: 'note', field: 'notes' }],
  schedule: { timeZone: 'Asia/Shanghai', week: { mon: ['09:00-18:00'] } }, dialMode: 'progressive', maxConcurrent: 5,
};
const MAPPING = { 姓名: 'name', 手机号: 'phone', 证件号: 'id_no', 备注: 'note' };
const ID_NO = '110101199001011237';

beforeAll(async () => {
  fx = await startRuntime();
  [admin, agent1, agent2] = await Promise.all([fx.login('admin'), fx.login('agent1'), fx.login('agent2')]);
  up = await uploader(fx.app, 'admin');
  const created = await admin.post('/api/definitions', campaign);
  expect(created.status, created.text).toBe(201);
  const published = await admin.post(`/api/definitions/campaign/${TASK}/publish`, { message: 'test' });
  expect(published.status, published.text).toBe(200);
});
afterAll(() => fx?.close());

type Doc = { _id: string } & Record<string, any>;
const numbers = () => fx.app.db.collection<Doc>('task_numbers');
const customers = () => fx.app.db.collection<Doc>('records_customer');

async function upload(base: string, name: string, content: string | Buffer, type?: string) {
  const res = await up.upload(`${base}/files`, { name, content, ...(type ? { type } : {}) });
  expect(res.status, res.text).toBe(200);
  return res.body as { fileId: string; columns: string[]; suggested: Record<string, string>; listColumns: unknown[] };
}

async function runList(base: string, body: object) {
  const started = await admin.post(`${base}/imports`, body);
  expect(started.status, started.text).toBe(202);
  for (let i = 0; i < 600; i++) {
    const batch = await admin.get(`${base}/imports/${started.body.batchId}`);
    if (batch.body.status !== 'running') return batch.body;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('list import did not finish');
}

async function report(base: string, batchId: string, locale: 'en' | 'zh') {
  const res = await admin.request('GET', `${base}/imports/${batchId}/report.csv`, undefined, { 'accept-language': locale });
  expect(res.status).toBe(200);
  return parseCsv(res.text.replace(/^\uFEFF/, ''));
}

const numberOf = (phone: string) => numbers().findOne({ task: TASK, phone });

describe('importing a task\'s list', () => {
  it('a CSV: bad rows reported each with its reason (zh/en), good ones kept, matched to a customer when asked', async () => {
    expect((await admin.post('/api/outbound/dnc', { phone: '13912340002' })).status).toBe(201);
    const csv = [
      '姓名,手机号,证件号,备注',
      `张一,13912340001,${ID_NO},老客户`,
      '李二,12345,,',
      '王三,139 1234 0001,,',
      '赵四,13912340002,,',
      `马芳,${AGENT1_PHONE},,`,
      '孙六,+86 139-1234-0003,,',
      '',
    ].join('\r\n');
    const file = await upload(LIST, 'renewal.csv', csv, 'text/csv');
    expect(file.suggested).toMatchObject({ 姓名: 'name', 手机号: 'phone' });

    const preview = await admin.request('POST', `${LIST}/preview`, { fileId: file.fileId, mapping: MAPPING }, { 'accept-language': 'en' });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.rows[1]).toMatchObject({ row: 3, issues: [{ column: '手机号', reason: expect.stringMatching(/^Invalid number/) }] });

    const batch = await runList(LIST, { fileId: file.fileId, mapping: MAPPING, matchCustomers: true });
    expect(batch).toMatchObject({ status: 'done', total: 6, inserted: 3, rejected: 3, duplicatesInFile: 1 });
    expect(await report(LIST, batch.id, 'en')).toEqual([
      ['Row', 'Column', 'Field', 'Reason'],
      ['3', '手机号', 'phone', expect.stringMatching(/^Invalid number/)],
      ['4', '手机号', 'phone', 'Duplicate: same number as row 2'],
      ['5', '手机号', 'phone', 'Do not call: the number is on the do-not-call list'],
    ]);
    const zh = (await report(LIST, batch.id, 'zh')).slice(1).map((r) => r[3]!);
    expect(zh).toEqual([expect.stringMatching(/^号码无效/), '重复：与第 2 行号码相同', '免打扰：此号码在免打扰名单中']);
    // The import page's table: the same lines as JSON, in the reader's language.
    const rows = await admin.request('GET', `${LIST}/imports/${batch.id}/report.json`, undefined, { 'accept-language': 'zh' });
    expect(rows.status, rows.text).toBe(200);
    expect(rows.body).toEqual({
      more: false,
      rows: [
        { row: 3, column: '手机号', field: 'phone', reason: expect.stringMatching(/^号码无效/) },
        { row: 4, column: '手机号', field: 'phone', reason: '重复：与第 2 行号码相同' },
        { row: 5, column: '手机号', field: 'phone', reason: '免打扰：此号码在免打扰名单中' },
      ],
    });
    expect((await agent1.get(`${LIST}/imports/${batch.id}/report.json`)).status).toBe(403);

    const first = await numberOf('+8613912340001');
    expect(first).toMatchObject({ state: 'fresh', attempts: 0, values: { name: '张一', id_no: ID_NO, note: '老客户' }, importId: batch.id });
    expect(first!.customerId).toBeUndefined();
    const maFang = await customers().findOne({ 'values.phone': `+86${AGENT1_PHONE}` });
    expect((await numberOf(`+86${AGENT1_PHONE}`))!.customerId).toBe(maFang!._id);
    expect(await numberOf('+8613912340002')).toBeNull();
  });

  it('an XLSX: a number already in the task is a duplicate, the new ones go in', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '手机号']);
    ws.addRow(['张一又', '13912340001']);
    ws.addRow(['周七', '+8613912340004']);
    ws.addRow(['吴八', 'abc']);
    ws.addRow(['高娟', AGENT2_PHONE]);
    const file = await upload(LIST, 'more.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const batch = await runList(LIST, { fileId: file.fileId, mapping: { 姓名: 'name', 手机号: 'phone' } });
    expect(batch).toMatchObject({ status: 'done', total: 4, inserted: 2, rejected: 2, duplicatesInDb: 1 });
    expect((await report(LIST, batch.id, 'en')).slice(1).map((r) => [r[0], r[3]!.slice(0, 14)])).toEqual([
      ['2', 'Duplicate: the'], ['4', 'Invalid number'],
    ]);
    expect(await numbers().countDocuments({ task: TASK })).toBe(5);
  });

  it('a mapping without the number column, or naming a column the list lacks, is refused with its path', async () => {
    const file = await upload(LIST, 'bad.csv', '姓名,手机号\n某,13912340009\n', 'text/csv');
    const res = await admin.request('POST', `${LIST}/imports`, { fileId: file.fileId, mapping: { 姓名: 'nickname' } }, { 'accept-language': 'en' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'invalid_mapping',
      errors: [
        { path: '/mapping/姓名', code: 'unknown_list_column', message: 'is not a column of this list' },
        { path: '/mapping', code: 'phone_unmapped', message: 'Map a column to the number column "phone"' },
      ],
    });
    expect((await agent1.post(`${LIST}/imports`, { fileId: file.fileId, mapping: MAPPING })).status).toBe(403);
  });
});

describe('the do-not-call list', () => {
  it('adding a number marks it dnc in the task; an imported DNC list does too and reports its repeats', async () => {
    const added = await admin.post('/api/outbound/dnc', { phone: '139 1234 0003' });
    expect(added).toMatchObject({ status: 201, body: { phone: '+8613912340003', added: true, marked: 1 } });
    expect((await numberOf('+8613912340003'))!.state).toBe('dnc');

    const base = '/api/outbound/dnc/list';
    const file = await upload(base, 'dnc.csv', '号码\n13912340004\n13912340004\n13912340002\n', 'text/csv');
    const batch = await runList(base, { fileId: file.fileId, mapping: { 号码: 'phone' } });
    expect(batch).toMatchObject({ status: 'done', inserted: 1, rejected: 2 });
    expect((await report(base, batch.id, 'zh')).slice(1).map((r) => r[3])).toEqual(['重复：与第 2 行号码相同', '重复：此号码已在免打扰名单中']);
    expect((await numberOf('+8613912340004'))!.state).toBe('dnc');
  });

  it('reads masked for an agent, in full for an admin; only admins change it', async () => {
    const asAgent = await agent1.get('/api/outbound/dnc');
    expect(asAgent.status).toBe(200);
    expect(asAgent.body.items.map((i: { phone: string }) => i.phone)).toContain('*******0003');
    expectNoDigitsOf([asAgent.text], '13912340003', 'a DNC number');
    expect((await admin.get('/api/outbound/dnc')).body.items.map((i: { phone: string }) => i.phone)).toContain('+8613912340003');
    expect((await agent1.post('/api/outbound/dnc', { phone: '13912340005' })).status).toBe(403);
    expect((await admin.request('DELETE', '/api/outbound/dnc', { phone: '13912340004' })).status).toBe(204);
    expect((await admin.request('DELETE', '/api/outbound/dnc', { phone: '13912340004' })).status).toBe(404);
  });
});

describe('a number on an agent\'s call', () => {
  /** The dialer (outbound/) records who talked to a number; here the test stands in for it. */
  const onCallOf = async (phone: string, agent: ApiClient) => {
    const doc = await numberOf(phone);
    await numbers().updateOne({ _id: doc!._id }, { $set: { lastAgent: agent.userId, lastDialAt: new Date() } });
    return doc!._id;
  };

  it('is masked for the agent exactly like a customer phone, list values like their fields; other agents get 404', async () => {
    const id = await onCallOf('+8613912340001', agent1);
    const res = await agent1.get(`/api/outbound/tasks/${TASK}/numbers/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phone: '*******0001', masked: true, values: { name: '张一', note: '老客户' } });
    expect(res.body.values.id_no).not.toBe(ID_NO);
    expectNoDigitsOf([res.text], '13912340001', 'the number');
    expect((await agent2.get(`/api/outbound/tasks/${TASK}/numbers/${id}`)).status).toBe(404);
    expect((await agent1.get(`/api/outbound/tasks/${TASK}/numbers`)).status).toBe(403);
    const all = await admin.get(`/api/outbound/tasks/${TASK}/numbers`);
    expect(all.body.items.find((n: { id: string }) => n.id === id)).toMatchObject({ phone: '+8613912340001', values: { id_no: ID_NO } });
  });

  it('converts into a customer owned by the agent, with the list values mapped by the task (those the agent may write); the number is linked', async () => {
    const id = await onCallOf('+8613912340001', agent1);
    const res = await agent1.post(`/api/outbound/tasks/${TASK}/numbers/${id}/convert`, {});
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ ownerId: agent1.userId, values: { name: '张一', notes: '老客户', phone: '*******0001' } });
    expectNoDigitsOf([res.text], '13912340001', 'the converted number');
    const stored = await customers().findOne({ _id: res.body.id });
    // The agent's role may only read the ID number: it stays on the number, the record is the agent's own create.
    expect(stored!.values).toMatchObject({ phone: '+8613912340001' });
    expect(stored!.values.id_number).toBeUndefined();
    expect((await numbers().findOne({ _id: id }))!.customerId).toBe(res.body.id);
    expect((await agent1.post(`/api/outbound/tasks/${TASK}/numbers/${id}/convert`, {})).body).toMatchObject({ code: 'already_converted' });
  });

  it('a number that is already a customer\'s is refused by the records\' duplicate check', async () => {
    const id = await onCallOf(`+86${AGENT2_PHONE}`, agent1);
    const res = await agent1.request('POST', `/api/outbound/tasks/${TASK}/numbers/${id}/convert`, { values: { name: '高娟' } }, { 'accept-language': 'en' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('duplicate');
    expectNoDigitsOf([res.text], AGENT2_PHONE, 'the duplicate');
    expect((await numbers().findOne({ _id: id }))!.customerId).toBeUndefined();
  });

  it('an agent at their cap cannot convert; the number stays unlinked', async () => {
    const owned = await customers().countDocuments({ ownerId: agent1.userId, deletedAt: null });
    const role = (await admin.get('/api/definitions/role/agent')).body.published;
    expect((await admin.put('/api/definitions/role/agent/draft', { ...role, entities: { '*': { ...role.entities['*'], cap: owned } } })).status).toBe(200);
    expect((await admin.post('/api/definitions/role/agent/publish', { message: 'cap' })).status).toBe(200);
    await numbers().insertOne({ _id: 'n-cap', task: TASK, phone: '+8613912340007', values: { name: '郑九' }, state: 'fresh', attempts: 0, createdAt: new Date() });
    const id = await onCallOf('+8613912340007', agent1);
    const res = await agent1.request('POST', `/api/outbound/tasks/${TASK}/numbers/${id}/convert`, {}, { 'accept-language': 'en' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'over_cap', message: `You own ${owned} of at most ${owned} customers; follow up or release some first` });
    expect((await numbers().findOne({ _id: id }))!.customerId).toBeUndefined();
    expect(await customers().countDocuments({ 'values.phone': '+8613912340007' })).toBe(0);
  });

  it('the callee asks not to be called again: on the DNC list (requested), out of the task', async () => {
    const doc = await numbers().findOne({ task: TASK, state: 'fresh', phone: `+86${AGENT2_PHONE}` });
    const res = await agent1.post(`/api/outbound/tasks/${TASK}/numbers/${doc!._id}/do-not-call`, {});
    expect(res).toMatchObject({ status: 200, body: { added: true, marked: 1 } });
    expect(await fx.app.db.collection<Doc>('dnc_numbers').findOne({ _id: `+86${AGENT2_PHONE}` })).toMatchObject({ reason: 'requested', task: TASK, by: agent1.userId });
  });
});
