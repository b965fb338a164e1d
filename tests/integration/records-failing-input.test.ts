// Bad input to the records API: each answer is a 4xx with where and why (pinned exactly as a person sees
// it), and nothing is written. Messages follow the signed-in person's language: agent2 reads English.
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { dbOf, filterParam, prospectEntity, publish } from './records-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let agent2: ApiClient;
let before: number[];

const bad = (code: string, message: string, errors: Array<[string, string, string]>) => ({
  statusCode: 400, error: 'Bad Request', code, message, errors: errors.map(([path, c, m]) => ({ path, code: c, message: m })),
});
const invalidRecord = (...errors: Array<[string, string, string]>) => bad('invalid_record', 'The record has invalid values', errors);
const invalidFilter = (...errors: Array<[string, string, string]>) => bad('invalid_filter', 'The filter is invalid', errors);

/** Records and operation-log entries: a refused request changes neither. */
const counts = () => Promise.all(['records_customer', 'records_prospect', 'oplog'].map((c) => dbOf(rt).collection(c).countDocuments()));

beforeAll(async () => {
  rt = await startRuntime();
  [admin, agent2] = await Promise.all([rt.login('admin'), rt.login('agent2')]);
  expect((await publish(admin, prospectEntity())).status).toBe(200);
});
afterAll(async () => rt?.close());
beforeEach(async () => { before = await counts(); });
afterEach(async () => { expect(await counts()).toEqual(before); });

const query = (filter: unknown, entity = 'customer') => agent2.post(`/api/records/${entity}/query`, { filter });

describe('unknown things', () => {
  it('an unknown entity is 404 on every route', async () => {
    const expected = { statusCode: 404, error: 'Not Found', code: 'not_found', message: 'There is no entity "nope"' };
    for (const res of [
      await agent2.get('/api/records/nope'),
      await agent2.post('/api/records/nope/query', {}),
      await agent2.post('/api/records/nope', { values: { name: 'x' } }),
      await agent2.get('/api/records/nope/123'),
      await agent2.patch('/api/records/nope/123', { version: 1, values: {} }),
      await agent2.delete('/api/records/nope/123?version=1'),
      await agent2.get('/api/records/nope/123/log'),
      await agent2.post('/api/saved-filters', { entity: 'nope', name: 'x' }),
    ]) expect(res.body).toEqual(expected);
  });

  it('an unknown record is 404, in the reader’s language', async () => {
    expect((await agent2.patch('/api/records/customer/nope', { version: 1, values: { name: 'x' } })).body)
      .toEqual({ statusCode: 404, error: 'Not Found', code: 'not_found', message: 'The record does not exist' });
    expect((await admin.get('/api/records/customer/nope')).body)
      .toEqual({ statusCode: 404, error: 'Not Found', code: 'not_found', message: '记录不存在' });
  });

  it('without a session: 401 before anything else is looked at', async () => {
    const res = await rt.anonymous().post('/api/records/customer', { nonsense: true });
    expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', code: 'unauthenticated', message: 'Please sign in' });
  });
});

describe('invalid records', () => {
  it('every invalid value is named, with its reason', async () => {
    const res = await agent2.post('/api/records/customer', { values: { phone: '12', gender: 'x', birth_date: '1900-01-01', annual_premium: 'lots' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalidRecord(
      ['/values/name', 'required', 'is required'],
      ['/values/gender', 'enum', 'is not one of the allowed values'],
      ['/values/birth_date', 'formatMinimum', 'must not be before 1920-01-01'],
      ['/values/phone', 'invalid_phone', 'is not a valid phone number'],
      ['/values/annual_premium', 'type', 'must be a number'],
    ));
  });

  it('in Chinese for a Chinese-speaking user', async () => {
    const res = await admin.post('/api/records/customer', { values: { name: 'x' } });
    expect(res.body).toEqual(bad('invalid_record', '记录中有无效的值', [['/values/phone', 'required', '必填']]));
  });

  it('unknown fields (a "$" key too) and fields hidden from the writer are unknown', async () => {
    const res = await agent2.post('/api/records/customer', { values: { name: 'x', phone: '13800000000', salary: 1, $set: { a: 1 } } });
    expect(res.body).toEqual(invalidRecord(
      ['/values/salary', 'unknown_field', 'is not a field of this entity'],
      ['/values/$set', 'unknown_field', 'is not a field of this entity'],
    ));
    const hidden = await agent2.post('/api/records/prospect', { values: { name: 'x', secret: 's' } });
    expect(hidden.body).toEqual(invalidRecord(['/values/secret', 'unknown_field', 'is not a field of this entity']));
  });

  it('read-only and retired fields are refused, for the admin too when the definition says read-only', async () => {
    const res = await agent2.post('/api/records/prospect', { values: { name: 'x', policy_no: 'P1', audit: 'ok', old_field: 'o' } });
    expect(res.body).toEqual(invalidRecord(
      ['/values/policy_no', 'read_only', 'is read-only'],
      ['/values/audit', 'read_only', 'is read-only'],
      ['/values/old_field', 'retired_field', 'is retired and can no longer be written'],
    ));
    const asAdmin = await admin.post('/api/records/prospect', { values: { name: 'x', policy_no: 'P1' } });
    expect(asAdmin.body).toEqual(bad('invalid_record', '记录中有无效的值', [['/values/policy_no', 'read_only', '只读，不能修改']]));
  });

  it('an update may not clear a required field nor write an invalid value', async () => {
    const { body: rec } = await admin.get(`/api/records/customer?pageSize=1`).then((r) => ({ body: r.body.items[0] }));
    const res = await admin.patch(`/api/records/customer/${rec.id}`, { version: rec.version, values: { name: null, level: 'z', id_number: '123' } });
    expect(res.body).toEqual(bad('invalid_record', '记录中有无效的值', [
      ['/values/name', 'required', '必填'],
      ['/values/id_number', 'pattern', '身份证号应为18位'],
      ['/values/level', 'enum', '不是可选的值'],
    ]));
    expect((await admin.get(`/api/records/customer/${rec.id}`)).body.version).toBe(rec.version);
  });

  it('malformed bodies are refused by the route schema', async () => {
    expect((await agent2.post('/api/records/customer', { values: null })).body).toEqual(bad('bad_request', '/body/values must be object', [
      ['/body/values', 'type', 'must be object'],
    ]));
    expect((await agent2.patch('/api/records/customer/x', { values: {} })).body).toEqual(bad('bad_request', "/body/version must have required property 'version'", [
      ['/body/version', 'required', "must have required property 'version'"],
    ]));
    expect((await agent2.delete('/api/records/customer/x')).body).toEqual(bad('bad_request', "/querystring/version must have required property 'version'", [
      ['/querystring/version', 'required', "must have required property 'version'"],
    ]));
  });
});

describe('invalid filters, searches and paging', () => {
  it('an unknown operator', async () => {
    expect((await query({ field: 'name', op: 'like', value: 'x' })).body)
      .toEqual(invalidFilter(['/filter/op', 'enum', 'is not one of the allowed values']));
  });

  it('an operator that does not fit the field type, or a value of the wrong type', async () => {
    expect((await query({ field: 'annual_premium', op: 'contains', value: '1' })).body)
      .toEqual(invalidFilter(['/filter/op', 'unknown_operator', 'operator contains does not apply to a money field']));
    expect((await query({ field: 'annual_premium', op: 'gt', value: 'big' })).body)
      .toEqual(invalidFilter(['/filter/value', 'bad_value', 'value must be a number']));
  });

  it('{"$where": ...} as a filter, in the body or the query string', async () => {
    const expected = invalidFilter(
      ['/filter/field', 'required', 'is required'],
      ['/filter/op', 'required', 'is required'],
      ['/filter/$where', 'additionalProperties', 'has an unknown property "$where"'],
    );
    expect((await query({ $where: 'sleep(1000)' })).body).toEqual(expected);
    expect((await agent2.get(`/api/records/customer?filter=${filterParam({ $where: 'sleep(1000)' })}`)).body).toEqual(expected);
    expect((await agent2.post('/api/records/customer/query', { $where: 'x' })).body).toEqual(bad('bad_request', '/body/$where must NOT have additional properties', [
      ['/body/$where', 'additionalProperties', 'must NOT have additional properties'],
    ]));
  });

  it('{"$gt": ""} as a value', async () => {
    expect((await query({ field: 'name', op: 'eq', value: { $gt: '' } })).body)
      .toEqual(invalidFilter(['/filter/value', 'type', 'must be text, a number or true/false']));
    expect((await query({ and: [{ field: 'name', op: 'in', value: [{ $gt: '' }] }] })).body).toEqual(invalidFilter(
      ['/filter/and/0/value', 'type', 'must be text, a number or true/false'],
      ['/filter/and/0/value/0', 'type', 'must be text, a number or true/false'],
    ));
  });

  it('an unknown field, a field hidden from the reader, a masked field compared by value', async () => {
    expect((await query({ field: 'salary', op: 'eq', value: 1 })).body)
      .toEqual(invalidFilter(['/filter/field', 'unknown_field', 'is not a field of this entity']));
    expect((await query({ or: [{ field: 'name', op: 'eq', value: 'x' }, { field: 'secret', op: 'eq', value: 'x' }] }, 'prospect')).body)
      .toEqual(invalidFilter(['/filter/or/1/field', 'unknown_field', 'is not a field of this entity']));
    expect((await query({ field: 'phone', op: 'startsWith', value: '138' })).body)
      .toEqual(invalidFilter(['/filter/op', 'masked_field', 'is masked for you: only isEmpty and isNotEmpty can be used']));
  });

  it('too deep, and not JSON', async () => {
    const deep = { and: [{ and: [{ and: [{ and: [{ and: [{ field: 'name', op: 'eq', value: 'x' }] }] }] }] }] };
    expect((await query(deep)).body)
      .toEqual(invalidFilter(['/filter/and/0/and/0/and/0/and/0/and/0', 'too_deep', 'must not nest deeper than 5 levels']));
    expect((await agent2.get('/api/records/customer?filter=%7Bnope')).body)
      .toEqual(invalidFilter(['/filter', 'invalid_json', 'is not valid JSON']));
  });

  it('sorting by a masked or unlisted field; paging out of range', async () => {
    const notSortable = bad('invalid_sort', 'The records cannot be sorted by this field', [['/sort', 'not_sortable', 'is not a field you can sort by']]);
    expect((await agent2.get('/api/records/customer?sort=-phone')).body).toEqual(notSortable);
    expect((await agent2.get('/api/records/customer?sort=gender')).body).toEqual(notSortable);
    expect((await agent2.get('/api/records/prospect?sort=secret')).body).toEqual(notSortable);
    expect((await agent2.get('/api/records/customer?pageSize=500&page=0')).body).toEqual(bad('bad_request', '/querystring/page must be >= 1', [
      ['/querystring/page', 'minimum', 'must be >= 1'],
      ['/querystring/pageSize', 'maximum', 'must be <= 200'],
    ]));
  });

  it('saved filters are checked like searches', async () => {
    expect((await agent2.post('/api/saved-filters', { entity: 'customer', name: 'x', filter: { field: 'phone', op: 'eq', value: '1' } })).body)
      .toEqual(invalidFilter(['/filter/op', 'masked_field', 'is masked for you: only isEmpty and isNotEmpty can be used']));
    expect((await agent2.post('/api/saved-filters', { entity: 'customer', name: 'x', sort: 'phone' })).body.code).toBe('invalid_sort');
    expect((await agent2.post('/api/saved-filters', { entity: 'customer', name: ' ' })).body.code).toBe('bad_request');
  });
});
