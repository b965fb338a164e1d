// Conflicts: stale versions, duplicates (whose record holds the value, never the value itself), deleting
// twice, restoring what is not deleted, and publishes that would break stored data. Exact payloads pinned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { dbOf, demoOf, expectNoPhones, phoneForms, prospectEntity, publish } from './records-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let lead: ApiClient;
let agent1: ApiClient;
let agent2: ApiClient;

beforeAll(async () => {
  rt = await startRuntime();
  [admin, lead, agent1, agent2] = await Promise.all(['admin', 'lead', 'agent1', 'agent2'].map((u) => rt.login(u)));
});
afterAll(async () => rt?.close());

const conflict = (code: string, message: string, extra: object = {}) => ({ statusCode: 409, error: 'Conflict', code, message, ...extra });
const count = (collection: string) => dbOf(rt).collection(collection).countDocuments();

/** Records whose annual premium another record has too. */
async function sharedPremiums(): Promise<number> {
  const docs = await dbOf(rt).collection('records_customer').find({ 'values.annual_premium': { $exists: true } }).toArray();
  const seen = new Map<number, number>();
  for (const d of docs) seen.set(d.values.annual_premium, (seen.get(d.values.annual_premium) ?? 0) + 1);
  return [...seen.values()].filter((k) => k > 1).reduce((a, b) => a + b, 0);
}

describe('optimistic concurrency', () => {
  it('the second of two edits of the same version gets 409 with the current version, and changes nothing', async () => {
    const { body: rec } = await agent2.post('/api/records/customer', { values: { name: 'Two Editors', phone: '13700000100' } });
    const first = await agent2.patch(`/api/records/customer/${rec.id}`, { version: 1, values: { level: 'a' } });
    expect(first.body.version).toBe(2);
    // The record's log, pending entries and moved ones alike: the outbox may move the first edit's entry meanwhile.
    const logOf = async () => (await agent2.get(`/api/records/customer/${rec.id}/log`)).body.map((e: { action: string }) => e.action);
    expect(await logOf()).toEqual(['update', 'create']);
    const second = await lead.patch(`/api/records/customer/${rec.id}`, { version: 1, values: { level: 'c', name: 'Overwritten' } });
    expect(second.status).toBe(409);
    expect(second.body).toEqual(conflict('version_conflict', '记录已被他人修改（当前版本 2），请刷新后重试', { current: 2 }));
    const agentSees = await agent2.patch(`/api/records/customer/${rec.id}`, { version: 1, values: { level: 'c' } });
    expect(agentSees.body).toEqual(conflict('version_conflict', 'The record was changed by someone else (now version 2); reload it and try again', { current: 2 }));
    expect((await agent2.get(`/api/records/customer/${rec.id}`)).body).toMatchObject({ version: 2, values: { name: 'Two Editors', level: 'a' } });
    expect(await logOf()).toEqual(['update', 'create']);
  });

  it('concurrent edits of one version: exactly one wins', async () => {
    const { body: rec } = await agent2.post('/api/records/customer', { values: { name: 'Race', phone: '13700000101' } });
    const results = await Promise.all(['a', 'b', 'c', 'a', 'b'].map((level, i) =>
      agent2.patch(`/api/records/customer/${rec.id}`, { version: 1, values: { level, notes: `try ${i}` } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const log = await agent2.get(`/api/records/customer/${rec.id}/log`);
    expect(log.body.map((e: any) => e.action)).toEqual(['update', 'create']);
  });

  it('deleting with a stale version is 409; deleting twice is 404; restoring a live record is 409', async () => {
    const { body: rec } = await agent1.post('/api/records/customer', { values: { name: 'Deleted Twice', phone: '13700000102' } });
    await agent1.patch(`/api/records/customer/${rec.id}`, { version: 1, values: { level: 'b' } });
    expect((await lead.delete(`/api/records/customer/${rec.id}?version=1`)).body)
      .toEqual(conflict('version_conflict', '记录已被他人修改（当前版本 2），请刷新后重试', { current: 2 }));
    expect((await admin.post(`/api/records/customer/${rec.id}/restore`)).body).toEqual(conflict('not_deleted', '记录没有被删除'));
    expect((await lead.delete(`/api/records/customer/${rec.id}?version=2`)).status).toBe(204);
    expect((await lead.delete(`/api/records/customer/${rec.id}?version=3`)).body)
      .toEqual({ statusCode: 404, error: 'Not Found', code: 'not_found', message: '记录不存在' });
    expect((await lead.patch(`/api/records/customer/${rec.id}`, { version: 3, values: { level: 'a' } })).status).toBe(404);
  });
});

describe('duplicate check', () => {
  it('says the number is already one of the asker’s own records, without echoing it', async () => {
    const mine = demoOf('agent1')[0]!;
    const phone = String(mine.values.phone);
    const before = await count('records_customer');
    const res = await agent1.post('/api/records/customer', { values: { name: 'Again', phone: `+86 ${phone}` } });
    expect(res.body).toEqual(conflict('duplicate', '已有相同的记录', {
      errors: [{ path: '/values/phone', code: 'duplicate', message: '您名下已有相同手机号的记录' }],
    }));
    expectNoPhones(res.text, phoneForms(phone));
    expect(await count('records_customer')).toBe(before);
  });

  it('says "already owned by another agent" for someone else’s record, naming neither them nor the number', async () => {
    const theirs = demoOf('agent1')[1]!;
    const res = await agent2.post('/api/records/customer', { values: { name: 'Poacher', phone: String(theirs.values.phone) } });
    expect(res.body).toEqual(conflict('duplicate', 'A record with the same values already exists', {
      errors: [{ path: '/values/phone', code: 'duplicate', message: 'A record with this Mobile is already owned by another agent' }],
    }));
    expectNoPhones(res.text, phoneForms(String(theirs.values.phone)));
    expect(res.text).not.toContain('李娜');
    expect(res.text).not.toContain(theirs.id);
  });

  it('an update into a duplicate is refused the same way and leaves the record as it was', async () => {
    const { body: rec } = await agent2.post('/api/records/customer', { values: { name: 'Mover', phone: '13700000103' } });
    const res = await agent2.patch(`/api/records/customer/${rec.id}`, { version: 1, values: { phone: String(demoOf('lead')[0]!.values.phone) } });
    expect(res.body.errors).toEqual([{ path: '/values/phone', code: 'duplicate', message: 'A record with this Mobile is already owned by another agent' }]);
    expect((await admin.get(`/api/records/customer/${rec.id}`)).body).toMatchObject({ version: 1, values: { phone: '+8613700000103' } });
  });

  it('compound duplicate keys name every field of the key', async () => {
    expect((await publish(admin, prospectEntity())).status).toBe(200);
    const values = { name: 'Twin', birthday: '2000-01-01' };
    expect((await agent2.post('/api/records/prospect', { values })).status).toBe(201);
    expect((await agent2.post('/api/records/prospect', { values: { ...values, birthday: '2000-01-02' } })).status).toBe(201);
    const res = await agent2.post('/api/records/prospect', { values });
    const message = 'One of your own records already has this Name + Birthday';
    expect(res.body).toEqual(conflict('duplicate', 'A record with the same values already exists', {
      errors: [{ path: '/values/name', code: 'duplicate', message }, { path: '/values/birthday', code: 'duplicate', message }],
    }));
  });
});

describe('publishing a change that breaks stored data', () => {
  it('is refused with the number of records affected, field by field; retiring instead is accepted', async () => {
    const entity = (await admin.get('/api/definitions/entity/customer')).body.published;
    const index = (key: string) => entity.fields.findIndex((f: any) => f.key === key);
    const changed = structuredClone(entity);
    changed.fields = changed.fields.filter((f: any) => f.key !== 'email');
    const at = (key: string) => changed.fields.findIndex((f: any) => f.key === key);
    changed.fields[at('name')].type = 'integer';
    delete changed.fields[at('name')].maxLength;
    changed.fields[at('source')].options = changed.fields[at('source')].options.filter((o: any) => o.value !== 'online');
    changed.fields[at('annual_premium')].unique = true;
    const res = await publish(admin, changed);
    expect(res.status).toBe(409);
    const records = await dbOf(rt).collection('records_customer');
    const n = async (q: object) => records.countDocuments(q);
    const [emails, names, online, premiums] = [
      await n({ 'values.email': { $exists: true } }), await n({ 'values.name': { $exists: true } }),
      await n({ 'values.source': 'online' }), await sharedPremiums(),
    ];
    expect(res.body).toEqual({
      statusCode: 409, error: 'Conflict', code: 'breaks_data', message: res.body.errors[0].message,
      errors: [
        { path: `/fields/${at('name')}/type`, code: 'breaks_data', message: `${names} 条记录的“姓名 (name)”存有text类型的值，integer字段无法保存：请改为停用该字段` },
        { path: '/fields', code: 'breaks_data', message: `${emails} 条记录有已删除字段“邮箱 (email)”的值：请改为停用该字段` },
        { path: `/fields/${at('source')}/options`, code: 'breaks_data', message: `${online} 条记录使用了“来源 (source)”的选项“online”：请改为停用该选项` },
        { path: `/fields/${at('annual_premium')}/unique`, code: 'breaks_data', message: `${premiums} 条记录的“预算年保费 (annual_premium)”与其他记录重复：请先合并或修正` },
      ],
    });
    expect((await admin.get('/api/definitions/entity/customer')).body.version).toBe(1);

    // The same intent, expressed without losing data: retire the field and the option; compatible type change.
    const retired = structuredClone(entity);
    retired.fields[index('email')].retired = true;
    retired.fields[index('source')].options.find((o: any) => o.value === 'online').retired = true;
    retired.fields[index('notes')].type = 'text';
    retired.fields[index('notes')].maxLength = 1000;
    const ok = await publish(admin, retired);
    expect(ok.status, ok.text).toBe(200);
    const rec = (await admin.get(`/api/records/customer?q=customer3%40&pageSize=1`)).body;
    expect(rec.total).toBe(0); // email is retired: no longer searched
    const stored = await records.findOne({ 'values.email': 'customer3@example.com' });
    expect(stored).not.toBeNull(); // ...but its data is kept
  });
});
