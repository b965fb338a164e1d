// Filters and searches that used to crash the server (a 500 from the database): a NUL byte in a text match or
// in the quick search, a 1 MB "contains". Each is bad input: a 400 that names the path and the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let agent1: ApiClient;

beforeAll(async () => {
  rt = await startRuntime();
  admin = await rt.login('admin');
  agent1 = await rt.login('agent1');
});
afterAll(async () => rt?.close());

const NUL = 'Zh\u0000ang';
const HUGE = 'a'.repeat(1024 * 1024);
const filterParam = (op: string, value: unknown) => encodeURIComponent(JSON.stringify({ field: 'name', op, value }));

function expectBadInput(res: { status: number; body: any }, path: string, code: string) {
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
  expect(res.body.errors).toEqual([expect.objectContaining({ path, code, message: expect.any(String) })]);
}

describe('bad filter and search text', () => {
  it('a NUL byte in contains / startsWith is a 400 on the value', async () => {
    for (const op of ['contains', 'startsWith']) {
      expectBadInput(await admin.get(`/api/records/customer?filter=${filterParam(op, NUL)}`), '/filter/value', 'control_characters');
      expectBadInput(await admin.post('/api/records/customer/query', { filter: { and: [{ field: 'name', op, value: NUL }] } }), '/filter/and/0/value', 'control_characters');
    }
    expectBadInput(await admin.post('/api/records/customer/query', { filter: { field: 'name', op: 'in', value: ['ok', NUL] } }), '/filter/value/1', 'control_characters');
  });

  it('a NUL byte in q is a 400 on q: records, pools, export, calls', async () => {
    const q = encodeURIComponent(NUL);
    expectBadInput(await admin.get(`/api/records/customer?q=${q}`), '/q', 'control_characters');
    expectBadInput(await admin.post('/api/records/customer/query', { q: NUL }), '/q', 'control_characters');
    expectBadInput(await agent1.get(`/api/pools/default/records?q=${q}`), '/q', 'control_characters');
    expectBadInput(await admin.get(`/api/records/customer/export.csv?q=${q}`), '/q', 'control_characters');
    const calls = await admin.get(`/api/calls?view=all&q=${q}`);
    expect(calls.status).toBeLessThan(500);
  });

  it('a 1 MB contains is a 400 naming the limit, in English and in Chinese', async () => {
    const body = { filter: { field: 'name', op: 'contains', value: HUGE } };
    const en = await admin.request('POST', '/api/records/customer/query', body, { 'accept-language': 'en' });
    expectBadInput(en, '/filter/value', 'maxLength');
    expect(en.body.errors[0].message).toBe('must have at most 500 characters');
    const zh = await admin.request('POST', '/api/records/customer/query', body, { 'accept-language': 'zh' });
    expectBadInput(zh, '/filter/value', 'maxLength');
    expect(zh.body.errors[0].message).toBe('最多 500 个字符');
    const nul = await admin.request('GET', `/api/records/customer?q=${encodeURIComponent(NUL)}`, undefined, { 'accept-language': 'zh' });
    expect(nul.body.errors[0].message).toBe('不能包含控制字符（如空字符）');
  });

  it('saved filters are checked the same before they are stored', async () => {
    expectBadInput(await agent1.post('/api/saved-filters', { entity: 'customer', name: 'nul', filter: { field: 'name', op: 'contains', value: NUL } }), '/filter/value', 'control_characters');
    expectBadInput(await agent1.post('/api/saved-filters', { entity: 'customer', name: 'nul q', q: NUL }), '/q', 'control_characters');
  });

  it('ordinary text with tabs and newlines still searches', async () => {
    expect((await admin.get(`/api/records/customer?filter=${filterParam('contains', 'a\tb\nc')}`)).status).toBe(200);
  });
});
