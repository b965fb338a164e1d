// Definitions: draft -> validate -> publish (v1, v2) -> versions -> diff -> rollback, the indexes a publish
// creates, and what people who do not design definitions may read. Real runtime, real embedded database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { readingIn } from '../support/reader-language.js';
import { ADMIN_NAME, ISO, englishAdmin, policyIds, policyV1, policyV2, shippedCustomer } from './definitions-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let designer: ApiClient;
let agent1: ApiClient;
let lead: ApiClient;
const ids = policyIds();
const v1 = policyV1(ids);
const v2 = policyV2(ids);

beforeAll(async () => {
  rt = await startRuntime();
  [admin, agent1, lead] = await Promise.all(['admin', 'agent1', 'lead'].map((u) => rt.login(u)));
  designer = await englishAdmin(rt, admin);
});
afterAll(async () => rt?.close());

const indexesOf = async (key: string) => rt.app.db.collection(`records_${key}`).indexes();

describe('draft, validate, publish', () => {
  it('creates an entity draft: 201, version 0, nothing published', async () => {
    const res = await admin.post('/api/definitions', v1);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: ids.entity, kind: 'entity', key: 'policy', version: 0,
      published: null, publishedAt: null, publishedBy: null,
      draft: v1, draftUpdatedAt: expect.stringMatching(ISO), draftUpdatedBy: { id: admin.userId, name: ADMIN_NAME },
    });
    const list = await admin.get('/api/definitions?kind=entity');
    expect(list.body).toEqual([
      { id: shippedCustomer().id, kind: 'entity', key: 'customer', label: { zh: '客户', en: 'Customer' }, version: 1, hasDraft: false, updatedAt: expect.stringMatching(ISO) },
      { id: ids.entity, kind: 'entity', key: 'policy', label: { zh: '保单', en: 'Policy' }, version: 0, hasDraft: true, updatedAt: res.body.draftUpdatedAt },
    ]);
    // no records collection (and so no index) before the first publish
    expect((await rt.app.db.listCollections({ name: 'records_policy' }).toArray())).toEqual([]);
  });

  it('saves a draft even when it does not validate, and answers its issues', async () => {
    const broken = { ...v1, fields: [...v1.fields, { id: ids.start, key: 'kind_of', label: { zh: '类', en: 'Kind' }, type: 'select' }] };
    const res = await designer.put('/api/definitions/entity/policy/draft', broken);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      draft: broken,
      issues: [{ path: '/fields/5/options', code: 'options_required', message: 'a select field needs at least one option' }],
    });
    const head = await admin.get('/api/definitions/entity/policy');
    expect(head.body).toMatchObject({ version: 0, draft: broken, draftUpdatedBy: { id: designer.userId, name: 'Designer' } });
  });

  it('validates without saving: JSON pointer + sentence, English for an English user', async () => {
    const before = await rt.app.db.collection('definitions').find().toArray();
    const bad = { ...v1, key: 'other_policy', titleField: 'nope', fields: [v1.fields[0], { ...v1.fields[2], options: [] }] };
    const res = await designer.post('/api/definitions/validate', bad);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      valid: false,
      issues: [
        { path: '/fields/1/options', code: 'options_required', message: 'a select field needs at least one option' },
        { path: '/titleField', code: 'unknown_title_field', message: 'title field "nope" is not a field' },
      ],
    });
    expect(await rt.app.db.collection('definitions').find().toArray()).toEqual(before);
    expect((await admin.get('/api/definitions/entity/other_policy')).status).toBe(404);
  });

  it('validates in Chinese for a Chinese user (Accept-Language zh)', async () => {
    const bad = { ...v1, titleField: 'nope', fields: [v1.fields[0], { ...v1.fields[2], options: [] }] };
    const res = await admin.request('POST', '/api/definitions/validate', bad, { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(res.body).toEqual({
      valid: false,
      issues: [
        { path: '/fields/1/options', code: 'options_required', message: '单选或多选字段至少需要一个选项' },
        { path: '/titleField', code: 'unknown_title_field', message: '标题字段 “nope” 不存在' },
      ],
    });
    expect((await admin.post('/api/definitions/validate', v1)).body).toEqual({ valid: true, issues: [] });
  });

  it('Accept-Language wins over the stored locale; without it, the stored locale', async () => {
    const bad = { ...v1, fields: [{ ...v1.fields[2], options: [] }] , titleField: undefined };
    const message = async (who: ApiClient, headers: Record<string, string>) =>
      (await who.request('POST', '/api/definitions/validate', bad, headers)).body.issues[0].message;
    expect(await message(designer, { 'accept-language': 'zh-CN' })).toBe('单选或多选字段至少需要一个选项');
    expect(await message(admin, { 'accept-language': 'en-US,en;q=0.8' })).toBe('a select field needs at least one option');
    expect(await message(admin, {})).toBe('单选或多选字段至少需要一个选项');
    expect(await message(designer, { 'accept-language': 'fr' })).toBe('a select field needs at least one option');
  });

  it('publishes version 1 with a message; the draft is gone and the entity is readable', async () => {
    expect((await admin.put('/api/definitions/entity/policy/draft', v1)).body).toEqual({ draft: v1, issues: [] });
    const res = await admin.post('/api/definitions/entity/policy/publish', { message: 'First cut' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ version: 1, publishedAt: expect.stringMatching(ISO) });
    const head = await admin.get('/api/definitions/entity/policy');
    expect(head.body).toEqual({
      id: ids.entity, kind: 'entity', key: 'policy', version: 1, published: v1, draft: null,
      publishedAt: res.body.publishedAt, publishedBy: { id: admin.userId, name: ADMIN_NAME },
      draftUpdatedAt: null, draftUpdatedBy: null,
    });
    expect(await rt.app.definitions.getPublishedEntity('policy')).toEqual(v1);
  });

  it('publishing an entity creates its record indexes: a unique index per unique field', async () => {
    const policy = await indexesOf('policy');
    expect(policy).toContainEqual(expect.objectContaining({ name: 'uniq:policy_no', key: { 'values.policy_no': 1 }, unique: true }));
    const customer = await indexesOf('customer');
    expect(customer).toContainEqual(expect.objectContaining({ key: { 'values.phone': 1 }, unique: true }));
    expect(customer).toContainEqual(expect.objectContaining({ key: { ownerId: 1, updatedAt: -1, _id: -1 } }));
    // the index is real: a second record with the same phone is refused by the database itself
    const phone = (await rt.app.db.collection('records_customer').findOne({}))!.values.phone;
    await expect(rt.app.db.collection('records_customer').insertOne({ _id: 'dup' as never, values: { phone } })).rejects.toMatchObject({ code: 11000 });
  });

  it('publishes version 2', async () => {
    expect((await admin.put('/api/definitions/entity/policy/draft', v2)).body.issues).toEqual([]);
    const res = await admin.post('/api/definitions/entity/policy/publish', { message: 'Rename holder, drop premium' });
    expect(res.body).toEqual({ version: 2, publishedAt: expect.stringMatching(ISO) });
    expect((await admin.get('/api/definitions/entity/policy')).body).toMatchObject({ version: 2, published: v2, draft: null });
  });
});

describe('versions, diff, rollback', () => {
  it('lists versions newest first: who, when, message', async () => {
    const res = await admin.get('/api/definitions/entity/policy/versions');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { version: 2, message: 'Rename holder, drop premium', publishedAt: expect.stringMatching(ISO), publishedBy: { id: admin.userId, name: ADMIN_NAME } },
      { version: 1, message: 'First cut', publishedAt: expect.stringMatching(ISO), publishedBy: { id: admin.userId, name: ADMIN_NAME } },
    ]);
    expect(res.body[0].publishedAt >= res.body[1].publishedAt).toBe(true);
  });

  it('gets one version with its definition', async () => {
    const res = await admin.get('/api/definitions/entity/policy/versions/1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      version: 1, message: 'First cut', definition: v1, publishedAt: expect.stringMatching(ISO), publishedBy: { id: admin.userId, name: ADMIN_NAME },
    });
    expect((await admin.get('/api/definitions/entity/policy/versions/2')).body.definition).toEqual(v2);
  });

  it('diffs two versions matching fields by id: a rename is "changed", not removed + added', async () => {
    const res = await admin.get('/api/definitions/entity/policy/diff?from=1&to=2');
    expect(res.status).toBe(200);
    const [, holder, plan, premium] = v1.fields;
    const planLabel = plan.label;
    expect(res.body).toEqual({
      from: '1', to: '2',
      changes: [
        { change: 'added', path: '/fields/plan/options/bronze/retired', target: 'property', id: ids.bronze, label: { zh: '铜', en: 'Bronze' }, after: true },
        { change: 'added', path: '/fields/plan/options/platinum', target: 'option', id: ids.platinum, label: { zh: '白金', en: 'Platinum' }, after: v2.fields[0].options[3] },
        { change: 'changed', path: '/fields/holder_name/key', target: 'property', id: ids.holder, label: v2.fields[2].label, before: 'holder', after: 'holder_name' },
        { change: 'changed', path: '/fields/holder_name/label/en', target: 'property', id: ids.holder, label: v2.fields[2].label, before: 'Holder', after: 'Policy holder' },
        { change: 'added', path: '/fields/start_date', target: 'field', id: ids.start, label: { zh: '生效日期', en: 'Start' }, after: v2.fields[4] },
        { change: 'removed', path: '/fields/premium', target: 'field', id: ids.premium, label: premium.label, before: premium },
        { change: 'changed', path: '/fields/order', target: 'property', before: ['policy_no', 'holder', 'plan', 'premium', 'uw_notes'], after: ['plan', 'policy_no', 'holder_name', 'uw_notes', 'start_date'] },
      ],
    });
    expect(planLabel).toEqual(v2.fields[0].label);
    expect(holder.id).toBe(ids.holder);
    // nothing is reported as both removed and added
    const removed = res.body.changes.filter((c: any) => c.change === 'removed').map((c: any) => c.id);
    const added = res.body.changes.filter((c: any) => c.change === 'added' && c.target !== 'property').map((c: any) => c.id);
    expect(removed.filter((id: string) => added.includes(id))).toEqual([]);
  });

  it('diffs against version 0 (everything added) and against the draft', async () => {
    const fromZero = await admin.get('/api/definitions/entity/policy/diff?from=0&to=1');
    expect(fromZero.body.changes.filter((c: any) => c.target === 'field').map((c: any) => [c.change, c.path])).toEqual(
      v1.fields.map((f: any) => ['added', `/fields/${f.key}`]),
    );
    const draft = { ...v2, label: { zh: '保单', en: 'Insurance policy' } };
    await admin.put('/api/definitions/entity/policy/draft', draft);
    const toDraft = await admin.get('/api/definitions/entity/policy/diff?from=2&to=draft');
    expect(toDraft.body).toEqual({
      from: '2', to: 'draft', changes: [{ change: 'changed', path: '/label/en', target: 'property', before: 'Policy', after: 'Insurance policy' }],
    });
    expect((await admin.delete('/api/definitions/entity/policy/draft')).status).toBe(204);
    expect((await admin.get('/api/definitions/entity/policy')).body).toMatchObject({ version: 2, draft: null });
  });

  it('rolls back: version 3 equals version 1, with the message', async () => {
    const res = await admin.post('/api/definitions/entity/policy/rollback', { version: 1, message: 'Back to the first cut' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ version: 3, publishedAt: expect.stringMatching(ISO) });
    const v3 = await admin.get('/api/definitions/entity/policy/versions/3');
    expect(v3.body).toMatchObject({ version: 3, message: 'Back to the first cut', definition: v1, publishedBy: { id: admin.userId } });
    expect((await admin.get('/api/definitions/entity/policy')).body).toMatchObject({ version: 3, published: v1 });
    expect((await admin.get('/api/definitions/entity/policy/diff?from=1&to=3')).body.changes).toEqual([]);
    // without a message, the version says what it is
    const again = await admin.post('/api/definitions/entity/policy/rollback', { version: 2 });
    expect(again.body.version).toBe(4);
    expect((await admin.get('/api/definitions/entity/policy/versions/4')).body).toMatchObject({ message: 'Roll back to version 2', definition: v2 });
    expect((await admin.get('/api/definitions/entity/policy/versions')).body.map((v: any) => v.version)).toEqual([4, 3, 2, 1]);
  });

  it('a publish brings indexes in line: a field no longer unique loses its unique index, a searchable one gains one', async () => {
    const next = structuredClone(v2);
    next.fields[1].unique = false;
    next.fields[2].searchable = true;
    await admin.put('/api/definitions/entity/policy/draft', next);
    expect((await admin.post('/api/definitions/entity/policy/publish', { message: 'not unique' })).body.version).toBe(5);
    const names = (await indexesOf('policy')).map((i) => i.name);
    expect(names).not.toContain('uniq:policy_no');
    expect(names).toEqual(expect.arrayContaining(['idx:holder_name', 'sys:owner_updated_id', 'sys:updated_id', 'sys:deleted']));
  });

  it('publishes a role, which then governs permissions', async () => {
    const role = {
      kind: 'role', schemaVersion: 1, id: randomUUID(), key: 'auditor', label: { zh: '审计', en: 'Auditor' },
      dataScope: 'all', entities: { customer: { read: true } },
    };
    expect((await admin.post('/api/definitions', role)).status).toBe(201);
    expect((await admin.post('/api/definitions/role/auditor/publish', { message: 'Auditors' })).body.version).toBe(1);
    const user = await admin.post('/api/users', { login: 'audit1', name: 'Auditor One', password: 'auditor123', role: 'auditor' });
    expect(user.status).toBe(201);
    const auditor = await rt.login('audit1', 'auditor123');
    const me = await auditor.get('/api/auth/me');
    expect(me.body.permissions.entities).toEqual({
      customer: { read: true, create: false, update: false, delete: false, export: false, unmask: false, dataScope: 'all' },
      policy: { read: false, create: false, update: false, delete: false, export: false, unmask: false, dataScope: 'own' },
    });
    expect((await auditor.get('/api/definitions?kind=entity')).body.map((d: any) => d.key)).toEqual(['customer']);
    expect((await auditor.get('/api/definitions/entity/policy')).status).toBe(404);
  });
});

describe('people who do not design definitions', () => {
  it('an agent lists only published entities it may read, without draft information', async () => {
    await admin.post('/api/definitions', { ...policyV1(policyIds(), 'quote'), label: { zh: '报价', en: 'Quote' } });
    await admin.put('/api/definitions/entity/policy/draft', v2);
    const res = await agent1.get('/api/definitions?kind=entity');
    expect(res.status).toBe(200);
    expect(res.body.map((d: any) => [d.key, d.version, d.hasDraft])).toEqual([['customer', 1, false], ['policy', 5, false]]);
    expect((await admin.get('/api/definitions?kind=entity')).body.map((d: any) => [d.key, d.hasDraft])).toEqual([
      ['customer', false], ['policy', true], ['quote', true],
    ]);
    expect((await agent1.get('/api/definitions?kind=role')).body).toEqual([]);
  });

  it('an agent reads a published entity without the fields hidden from agents, and no draft', async () => {
    const res = await agent1.get('/api/definitions/entity/policy');
    expect(res.status).toBe(200);
    const published = (await admin.get('/api/definitions/entity/policy')).body.published;
    expect(res.body).toMatchObject({ key: 'policy', version: 5, draft: null, draftUpdatedAt: null, draftUpdatedBy: null });
    expect(res.body.published.fields.map((f: any) => f.key)).toEqual(['plan', 'policy_no', 'holder_name', 'start_date']);
    expect(res.body.published).toEqual({ ...published, fields: published.fields.filter((f: any) => f.key !== 'uw_notes') });
    expect(res.text).not.toContain('uw_notes');
    expect(res.text).not.toContain('核保意见');
    // the supervisor has no such rule and sees the field
    const asLead = await lead.get('/api/definitions/entity/policy');
    expect(asLead.body.published.fields.map((f: any) => f.key)).toContain('uw_notes');
    expect(asLead.body.draft).toBeNull();
  });

  it('an agent cannot read roles, drafts-only entities, versions or diffs', async () => {
    const agent1InEnglish = readingIn(agent1, 'en');
    expect((await agent1InEnglish.get('/api/definitions/role/agent')).body).toEqual({ statusCode: 404, error: 'Not Found', code: 'not_found', message: 'No role definition "agent"' });
    expect((await agent1InEnglish.get('/api/definitions/entity/quote')).body).toMatchObject({ statusCode: 404, code: 'not_found', message: 'No entity definition "quote"' });
    const forbidden = { statusCode: 403, error: 'Forbidden', code: 'forbidden', message: 'Only people who manage definitions may do this' };
    expect(await agent1InEnglish.get('/api/definitions/entity/policy/versions')).toMatchObject({ status: 403, body: forbidden });
    expect(await agent1InEnglish.get('/api/definitions/entity/policy/versions/1')).toMatchObject({ status: 403, body: forbidden });
    expect(await agent1InEnglish.get('/api/definitions/entity/policy/diff?from=1&to=2')).toMatchObject({ status: 403, body: forbidden });
    expect(await agent1.get('/api/definitions/role/agent')).toMatchObject({ status: 404, body: { message: '没有定义 “role/agent”' } });
  });
});
