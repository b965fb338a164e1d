// Who may not import where, and input the import refuses before anything is stored: exact error payloads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader, type Uploader } from '../support/multipart.js';
import { uploadCsv } from './import-support.js';

let fx: RuntimeFixture;
let agent1: ApiClient;
let agentUp: Uploader;
let fileId: string;
let agent2Id: string;

beforeAll(async () => {
  fx = await startRuntime();
  agent1 = await fx.login('agent1');
  agent2Id = (await fx.login('agent2')).userId;
  agentUp = await uploader(fx.app, 'agent1');
  fileId = (await uploadCsv(agentUp, '姓名,手机号\n甲,13100000001\n')).fileId;
});
afterAll(() => fx.close());

const en = { 'accept-language': 'en' };

describe('import refusals', () => {
  it('an agent cannot import into a pool: 403, and nothing is stored', async () => {
    const res = await agent1.request('POST', '/api/imports/customer', { fileId, mapping: { 姓名: 'name', 手机号: 'phone' }, target: { type: 'pool', pool: 'default' } }, en);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'forbidden_pool', message: 'Only admins of the pool "Default pool" may import into it' });
    expect(await fx.app.db.collection('import_batches').countDocuments()).toBe(0);
    const auto = await agent1.request('POST', '/api/imports/customer', { fileId, mapping: { 姓名: 'name' }, target: { type: 'pool', pool: 'auto' } }, en);
    expect(auto.status).toBe(403);
  });

  it('an agent cannot hand records to another agent outside their scope: 400', async () => {
    const res = await agent1.request('POST', '/api/imports/customer', { fileId, mapping: { 姓名: 'name' }, target: { type: 'agents', ownerIds: [agent2Id], mode: 'roundRobin' } }, en);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_agents', errors: [{ path: '/target', code: 'invalid_agents', message: 'An agent chosen is not a user within your data scope' }] });
  });

  it('a mapping naming unknown columns or fields is refused with the place of each problem', async () => {
    const res = await agent1.request('POST', '/api/imports/customer/preview', { fileId, mapping: { 姓名: 'name', 手机号: 'name', 传真: 'phone', 手机: 'nope' } }, en);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_mapping');
    expect(res.body.errors).toEqual([
      { path: '/mapping/手机号', code: 'mapped_twice', message: 'is mapped from another column too' },
      { path: '/mapping/传真', code: 'unknown_column', message: 'is not a column of the file' },
      { path: '/mapping/手机', code: 'unknown_column', message: 'is not a column of the file' },
    ]);
  });

  it('refuses files that are not tables and files without rows', async () => {
    const garbage = await agentUp.upload('/api/imports/customer/files', { name: 'x.xlsx', content: Buffer.from('PK\u0003\u0004not a zip') });
    expect(garbage.status).toBe(400);
    expect(garbage.body).toMatchObject({ code: 'bad_file', message: 'The file cannot be read: upload a CSV or XLSX file' });
    const empty = await agentUp.upload('/api/imports/customer/files', { name: 'x.csv', content: '姓名,手机号\n' });
    expect(empty.body).toMatchObject({ statusCode: 400, code: 'empty_file' });
  });

  it('anonymous callers and unknown files get nothing', async () => {
    expect((await fx.anonymous().get('/api/imports/customer/batches')).status).toBe(401);
    const res = await agent1.request('POST', '/api/imports/customer/preview', { fileId: 'nope', mapping: { 姓名: 'name' } }, en);
    expect(res.status).toBe(404);
  });
});
