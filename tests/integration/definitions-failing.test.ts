// Definitions that must be refused, with the exact error a person sees: invalid at publish, identity
// changes, duplicate keys, non-admins writing, unknown kinds and keys, and publishes that would break the
// demo customers' stored data (retiring instead is allowed and keeps the data).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedKinds } from '@telesales/schemas';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { readingIn } from '../support/reader-language.js';
import { englishAdmin, policyIds, policyV1, shippedCustomer } from './definitions-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let designer: ApiClient;
let agent1: ApiClient;
let lead: ApiClient;
const ids = policyIds();
const v1 = policyV1(ids);

beforeAll(async () => {
  rt = await startRuntime();
  [admin, agent1, lead] = await Promise.all(['admin', 'agent1', 'lead'].map((u) => rt.login(u)));
  designer = await englishAdmin(rt, admin);
  expect((await admin.post('/api/definitions', v1)).status).toBe(201);
  expect((await admin.post('/api/definitions/entity/policy/publish', { message: 'v1' })).status).toBe(200);
});
afterAll(async () => rt?.close());

const head = async (kind: string, key: string) => (await admin.get(`/api/definitions/${kind}/${key}`)).body;
const versionsOf = async (kind: string, key: string) => (await admin.get(`/api/definitions/${kind}/${key}/versions`)).body.map((v: any) => v.version);
const records = () => rt.app.db.collection('records_customer');

describe('invalid definitions', () => {
  it('an invalid draft is refused at publish: 400 invalid_definition with the path; the version is unchanged', async () => {
    const bad = structuredClone(v1);
    bad.fields[2].options = [];
    bad.fields[3].min = 10;
    bad.fields[3].max = 1;
    expect((await designer.put('/api/definitions/entity/policy/draft', bad)).status).toBe(200);
    const res = await designer.post('/api/definitions/entity/policy/publish', { message: 'broken' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400, error: 'Bad Request', code: 'invalid_definition',
      message: 'The entity "policy" is not valid: /fields/2/options a select field needs at least one option',
      errors: [
        { path: '/fields/2/options', code: 'options_required', message: 'a select field needs at least one option' },
        { path: '/fields/3/min', code: 'min_above_max', message: 'min is greater than max' },
      ],
    });
    expect(await head('entity', 'policy')).toMatchObject({ version: 1, published: v1, draft: bad });
    expect(await versionsOf('entity', 'policy')).toEqual([1]);
    expect(await rt.app.definitions.getPublishedEntity('policy')).toEqual(v1);
  });

  it('the same refusal in Chinese for a Chinese user', async () => {
    const res = await admin.post('/api/definitions/entity/policy/publish', { message: 'broken' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_definition');
    expect(res.body.message).toBe('定义 “entity/policy” 无效：/fields/2/options 单选或多选字段至少需要一个选项');
    expect(res.body.errors[0]).toEqual({ path: '/fields/2/options', code: 'options_required', message: '单选或多选字段至少需要一个选项' });
  });

  it('a structurally broken draft (unknown property, bad key) is refused the same way', async () => {
    const bad = structuredClone(v1);
    bad.fields[1].key = 'Holder Name';
    bad.fields[1].colour = 'red';
    await designer.put('/api/definitions/entity/policy/draft', bad);
    const res = await designer.post('/api/definitions/entity/policy/publish', { message: 'broken' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: '/fields/1/colour', code: 'additionalProperties', message: 'has an unknown property "colour"' },
      { path: '/fields/1/key', code: 'pattern', message: 'has the wrong format' },
    ]);
    expect(await versionsOf('entity', 'policy')).toEqual([1]);
  });

  it('publish without a message is a 400 naming /body/message', async () => {
    const res = await designer.post('/api/definitions/entity/policy/publish', {});
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'bad_request', errors: [{ path: '/body/message', code: 'required' }] });
  });

  it('publish with no draft: 400 no_draft', async () => {
    expect((await designer.delete('/api/definitions/entity/policy/draft')).status).toBe(204);
    const res = await designer.post('/api/definitions/entity/policy/publish', { message: 'nothing' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'no_draft', message: 'There is no draft to publish' });
    expect(await versionsOf('entity', 'policy')).toEqual([1]);
  });
});

describe('identity', () => {
  it('PUT cannot change the key, the id or the kind; the draft is untouched', async () => {
    const draft = { ...v1, label: { zh: '保单', en: 'Policy (draft)' } };
    await designer.put('/api/definitions/entity/policy/draft', draft);
    const cases: [object, string][] = [
      [{ ...v1, key: 'policy2' }, '/key'],
      [{ ...v1, id: randomUUID() }, '/id'],
      [{ ...v1, kind: 'role' }, '/kind'],
    ];
    for (const [body, path] of cases) {
      const res = await designer.put('/api/definitions/entity/policy/draft', body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400, error: 'Bad Request', code: 'identity_changed',
        message: 'A definition keeps its kind, key and id; create a new one instead',
        errors: [{ path, code: 'immutable', message: 'cannot change' }],
      });
    }
    expect(await head('entity', 'policy')).toMatchObject({ id: ids.entity, key: 'policy', draft: draft });
    expect(await head('entity', 'policy2').then((b) => b.code)).toBe('not_found');
    await designer.delete('/api/definitions/entity/policy/draft');
  });

  it('creating with an existing key (or id) is 409 definition_exists and changes nothing', async () => {
    const before = await head('entity', 'customer');
    const res = await designer.post('/api/definitions', { ...shippedCustomer(), id: randomUUID(), label: { zh: '别的', en: 'Other' } });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      statusCode: 409, error: 'Conflict', code: 'definition_exists',
      message: expect.stringMatching(/^A entity with key "customer" or id [0-9a-f-]{36} already exists$/),
    });
    const sameId = await designer.post('/api/definitions', { ...v1, key: 'policy_copy' });
    expect(sameId.status).toBe(409);
    expect(sameId.body.code).toBe('definition_exists');
    expect(await head('entity', 'customer')).toEqual(before);
    expect((await admin.get('/api/definitions/entity/policy_copy')).status).toBe(404);
  });

  it('creating with a bad key or an unknown kind is 400 invalid_definition with the path', async () => {
    const badKey = await designer.post('/api/definitions', { ...v1, id: randomUUID(), key: 'Bad Key' });
    expect(badKey.status).toBe(400);
    expect(badKey.body).toEqual({
      statusCode: 400, error: 'Bad Request', code: 'invalid_definition', message: '/key has the wrong format',
      errors: [{ path: '/key', code: 'pattern', message: 'has the wrong format' }],
    });
    const badKind = await designer.post('/api/definitions', { ...v1, kind: 'template' });
    expect(badKind.status).toBe(400);
    expect(badKind.body).toEqual({
      statusCode: 400, error: 'Bad Request', code: 'invalid_definition', message: 'Unknown definition kind',
      errors: [{ path: '/kind', code: 'enum', message: `must be one of ${storedKinds().map((k) => k.kind).join(', ')}` }],
    });
    expect((await rt.app.db.collection('definitions').countDocuments({ key: 'Bad Key' }))).toBe(0);
  });
});

describe('unknown kinds and keys', () => {
  it('an unknown key is a 404 on every route', async () => {
    const notFound = { statusCode: 404, error: 'Not Found', code: 'not_found', message: 'No entity definition "nosuch"' };
    expect(await designer.get('/api/definitions/entity/nosuch')).toMatchObject({ status: 404, body: notFound });
    expect(await designer.get('/api/definitions/entity/nosuch/versions')).toMatchObject({ status: 404, body: notFound });
    expect(await designer.put('/api/definitions/entity/nosuch/draft', { ...v1, key: 'nosuch' })).toMatchObject({ status: 404, body: notFound });
    expect(await designer.post('/api/definitions/entity/nosuch/publish', { message: 'x' })).toMatchObject({ status: 404, body: notFound });
    expect(await designer.delete('/api/definitions/entity/nosuch/draft')).toMatchObject({ status: 404, body: notFound });
    expect(await designer.get('/api/definitions/entity/nosuch/diff?from=0&to=1')).toMatchObject({ status: 404, body: notFound });
    expect(await designer.post('/api/definitions/entity/nosuch/rollback', { version: 1 })).toMatchObject({
      status: 404, body: { code: 'not_found', message: 'Version 1 does not exist' },
    });
    // The demo admin reads Chinese.
    expect(await admin.get('/api/definitions/entity/nosuch')).toMatchObject({ status: 404, body: { code: 'not_found', message: '没有定义 “entity/nosuch”' } });
    expect(await admin.post('/api/definitions/entity/nosuch/rollback', { version: 1 })).toMatchObject({ status: 404, body: { message: '版本 1 不存在' } });
  });

  it('an unknown kind is a 404 too', async () => {
    expect(await designer.get('/api/definitions/widget/customer')).toMatchObject({
      status: 404, body: { statusCode: 404, code: 'not_found', message: 'No widget definition "customer"' },
    });
    expect(await admin.get('/api/definitions/template/insurance/versions')).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(await admin.post('/api/definitions/widget/customer/publish', { message: 'x' })).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });

  it('an unknown version: 404', async () => {
    expect(await designer.get('/api/definitions/entity/policy/versions/99')).toMatchObject({
      status: 404, body: { statusCode: 404, code: 'not_found', message: 'Version 99 does not exist' },
    });
    expect(await designer.get('/api/definitions/entity/policy/diff?from=1&to=99')).toMatchObject({ status: 404, body: { message: 'Version 99 does not exist' } });
    expect(await designer.post('/api/definitions/entity/policy/rollback', { version: 99 })).toMatchObject({ status: 404, body: { message: 'Version 99 does not exist' } });
    expect(await versionsOf('entity', 'policy')).toEqual([1]);
  });
});

describe('people who may not write definitions', () => {
  const forbidden = { statusCode: 403, error: 'Forbidden', code: 'forbidden', message: 'Only people who manage definitions may do this' };

  it('an agent and a supervisor get 403 on every write, and nothing is written', async () => {
    const before = await rt.app.db.collection('definitions').find().toArray();
    const versionsBefore = await rt.app.db.collection('definition_versions').countDocuments();
    for (const who of [agent1, lead].map((c) => readingIn(c, 'en'))) {
      expect(await who.post('/api/definitions', { ...v1, id: randomUUID(), key: 'sneaky' })).toMatchObject({ status: 403, body: forbidden });
      expect(await who.put('/api/definitions/entity/policy/draft', { ...v1, label: { zh: '改', en: 'Changed' } })).toMatchObject({ status: 403, body: forbidden });
      expect(await who.put('/api/definitions/role/agent/draft', {})).toMatchObject({ status: 403, body: forbidden });
      expect(await who.post('/api/definitions/entity/customer/publish', { message: 'x' })).toMatchObject({ status: 403, body: forbidden });
      expect(await who.post('/api/definitions/entity/policy/rollback', { version: 1 })).toMatchObject({ status: 403, body: forbidden });
      expect(await who.delete('/api/definitions/entity/policy/draft')).toMatchObject({ status: 403, body: forbidden });
      expect(await who.post('/api/definitions/validate', v1)).toMatchObject({ status: 403, body: forbidden });
    }
    expect(await agent1.post('/api/definitions/validate', v1)).toMatchObject({ status: 403, body: { ...forbidden, message: '只有可以设计定义的人才能这样做' } });
    expect(await rt.app.db.collection('definitions').find().toArray()).toEqual(before);
    expect(await rt.app.db.collection('definition_versions').countDocuments()).toBe(versionsBefore);
  });

  it('an agent cannot raise its own role by editing it', async () => {
    const agentRole = (await admin.get('/api/definitions/role/agent')).body.published;
    const res = await agent1.put('/api/definitions/role/agent/draft', { ...agentRole, manageDefinitions: true });
    expect(res.status).toBe(403);
    expect((await rt.app.permissions.of({ id: agent1.userId, login: 'agent1', name: '', role: 'agent', teamId: null, locale: 'zh' })).manageDefinitions).toBe(false);
  });

  it('without a session: 401', async () => {
    const anon = rt.anonymous();
    expect(await anon.get('/api/definitions?kind=entity')).toMatchObject({ status: 401, body: { statusCode: 401, code: 'unauthenticated', message: 'Please sign in' } });
    expect(await anon.post('/api/definitions', v1)).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
  });
});

describe('publishes that would break stored data (the demo customers)', () => {
  const customer = shippedCustomer();
  const indexOf = (key: string) => customer.fields.findIndex((f: any) => f.key === key);
  const without = (key: string) => ({ ...customer, fields: customer.fields.filter((f: any) => f.key !== key) });
  const withField = (key: string, change: object) => ({
    ...customer, fields: customer.fields.map((f: any) => (f.key === key ? { ...f, ...change } : f)),
  });
  const levelC = () => records().countDocuments({ 'values.level': 'c' });

  async function refused(who: ApiClient, draft: object) {
    expect((await who.put('/api/definitions/entity/customer/draft', draft)).body.issues).toEqual([]);
    const res = await who.post('/api/definitions/entity/customer/publish', { message: 'try' });
    expect(res.status).toBe(409);
    expect(await versionsOf('entity', 'customer')).toEqual([1]);
    expect(await rt.app.definitions.getPublishedEntity('customer')).toEqual(customer);
    return res.body;
  }

  it('the demo data uses the fields these cases change', async () => {
    expect(await records().countDocuments()).toBe(40);
    expect(await records().countDocuments({ 'values.gender': { $exists: true } })).toBe(40);
    expect(await levelC()).toBeGreaterThan(0);
  });

  it('removing a field that records use: 409 breaks_data, retire it instead', async () => {
    const body = await refused(designer, without('gender'));
    const message = '40 records have values for the removed field "Gender (gender)": retire it instead';
    expect(body).toEqual({ statusCode: 409, error: 'Conflict', code: 'breaks_data', message, errors: [{ path: '/fields', code: 'breaks_data', message }] });
  });

  it('the same in Chinese', async () => {
    const body = await refused(admin, without('gender'));
    expect(body.errors).toEqual([{ path: '/fields', code: 'breaks_data', message: '40 条记录有已删除字段“性别 (gender)”的值：请改为停用该字段' }]);
  });

  it('changing a used text field to integer: 409 at /fields/<i>/type', async () => {
    const body = await refused(designer, withField('name', { type: 'integer', maxLength: undefined, searchable: true }));
    const message = '40 records have text values in "Name (name)" that an integer field cannot hold: retire it instead';
    expect(body).toEqual({ statusCode: 409, error: 'Conflict', code: 'breaks_data', message, errors: [{ path: `/fields/${indexOf('name')}/type`, code: 'breaks_data', message }] });
  });

  it('removing a used option: 409 at /fields/<i>/options with the number of records', async () => {
    const level = customer.fields[indexOf('level')];
    const body = await refused(designer, withField('level', { options: level.options.filter((o: any) => o.value !== 'c') }));
    const n = await levelC();
    const message = `${n} records use the option "c" of "Level (level)": retire it instead`;
    expect(body.errors).toEqual([{ path: `/fields/${indexOf('level')}/options`, code: 'breaks_data', message }]);
  });

  it('renaming the key of a used field: 409 at /fields/<i>/key', async () => {
    const draft = { ...withField('email', { key: 'mail' }) };
    const body = await refused(designer, draft);
    const n = await records().countDocuments({ 'values.email': { $exists: true } });
    expect(body.errors).toEqual([{
      path: `/fields/${indexOf('email')}/key`, code: 'breaks_data',
      message: `${n} records have values stored under "Email (email)", whose key cannot change once used: retire the field and add a new one instead`,
    }]);
  });

  it('several problems are listed together; the message is the first', async () => {
    const draft = without('gender');
    draft.fields = draft.fields.map((f: any) => (f.key === 'annual_premium' ? { ...f, type: 'text', currency: undefined, decimals: undefined, min: undefined, max: undefined } : f));
    const body = await refused(designer, JSON.parse(JSON.stringify(draft)));
    expect(body.errors.map((e: any) => e.path)).toEqual(['/fields', `/fields/${indexOf('annual_premium') - 1}/type`]);
    expect(body.message).toBe(body.errors[0].message);
  });

  it('a compatible type change of a used field is allowed (text -> longtext)', async () => {
    await designer.put('/api/definitions/entity/customer/draft', withField('name', { type: 'longtext' }));
    const res = await designer.post('/api/definitions/entity/customer/publish', { message: 'longer names' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
  });

  it('retiring the field and the option instead: published, the old values stay stored', async () => {
    const level = customer.fields[indexOf('level')];
    const cBefore = await levelC();
    const draft = {
      ...customer,
      fields: customer.fields.map((f: any) => {
        if (f.key === 'gender') return { ...f, retired: true };
        if (f.key === 'level') return { ...f, options: level.options.map((o: any) => (o.value === 'c' ? { ...o, retired: true } : o)) };
        return f;
      }),
    };
    await designer.put('/api/definitions/entity/customer/draft', draft);
    const res = await designer.post('/api/definitions/entity/customer/publish', { message: 'retire gender and level c' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(3);
    expect(await versionsOf('entity', 'customer')).toEqual([3, 2, 1]);
    expect(await records().countDocuments({ 'values.gender': { $exists: true } })).toBe(40);
    expect(await levelC()).toBe(cBefore);
    // a retired option can no longer be chosen for a new record
    const created = await admin.post('/api/records/customer', { values: { name: 'Retired test', phone: '13900001111', level: 'c' } });
    expect(created.status).toBe(400);
    expect(created.body.errors).toContainEqual(expect.objectContaining({ path: '/values/level', code: 'retired_option' }));
  });

  it('once retired (kept in the definition), removing it still counts its data', async () => {
    const current = (await admin.get('/api/definitions/entity/customer')).body.published;
    const draft = { ...current, fields: current.fields.filter((f: any) => f.key !== 'gender') };
    await designer.put('/api/definitions/entity/customer/draft', draft);
    const res = await designer.post('/api/definitions/entity/customer/publish', { message: 'drop gender' });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([{ path: '/fields', code: 'breaks_data', message: '40 records have values for the removed field "Gender (gender)": retire it instead' }]);
    await designer.delete('/api/definitions/entity/customer/draft');
  });

  it('making a field unique when records share a value: 409 at /fields/<i>/unique', async () => {
    const n = await records().countDocuments({ 'values.annual_premium': { $exists: true } });
    const current = (await admin.get('/api/definitions/entity/customer')).body.published;
    const at = current.fields.findIndex((f: any) => f.key === 'annual_premium');
    current.fields[at].unique = true;
    await designer.put('/api/definitions/entity/customer/draft', current);
    const res = await designer.post('/api/definitions/entity/customer/publish', { message: 'unique premium' });
    expect(res.status).toBe(409);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).toMatchObject({ path: `/fields/${at}/unique`, code: 'breaks_data' });
    expect(res.body.errors[0].message).toMatch(/^\d+ records share their Annual premium budget \(annual_premium\) with another record: merge or correct them first$/);
    expect(Number(res.body.errors[0].message.split(' ')[0])).toBeLessThanOrEqual(n);
    expect(await versionsOf('entity', 'customer')).toEqual([3, 2, 1]);
  });
});
