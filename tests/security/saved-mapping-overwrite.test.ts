// Attack: an agent saves a mapping under the source the admin set up for a vendor, so every importer's next
// file of that vendor maps wrongly (or into fields of the agent's choosing). A source's workspace mapping is
// written only by people who manage definitions; anyone else saves a mapping of their own, read only by them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';

const adminMapping = { 姓名: 'name', 手机号: 'phone' };
const agentMapping = { 手机号: 'name' };

let fx: RuntimeFixture;
let admin: ApiClient;
let agent1: ApiClient;
let agent2: ApiClient;

beforeAll(async () => {
  fx = await startRuntime();
  [admin, agent1, agent2] = await Promise.all([fx.login('admin'), fx.login('agent1'), fx.login('agent2')]);
  expect((await admin.put('/api/imports/customer/mappings/vendor-a', { mapping: adminMapping })).status).toBe(200);
});
afterAll(() => fx.close());

describe("saving over the workspace's mapping of a source", () => {
  it("an agent's save does not change the workspace's mapping: the admin and the other agents still read it", async () => {
    const put = await agent1.put('/api/imports/customer/mappings/vendor-a', { mapping: agentMapping });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({ source: 'vendor-a', mapping: agentMapping, shared: false });
    for (const reader of [admin, agent2]) {
      const got = await reader.get('/api/imports/customer/mappings/vendor-a');
      expect(got.body).toMatchObject({ source: 'vendor-a', mapping: adminMapping, shared: true });
      const list = await reader.get('/api/imports/customer/mappings');
      expect(list.body.map((m: any) => [m.source, m.mapping])).toEqual([['vendor-a', adminMapping]]);
    }
  });

  it('the agent who saved reads their own mapping before the workspace one', async () => {
    expect((await agent1.get('/api/imports/customer/mappings/vendor-a')).body).toMatchObject({ mapping: agentMapping, shared: false });
    expect((await agent1.get('/api/imports/customer/mappings')).body.map((m: any) => m.mapping)).toEqual([agentMapping]);
  });

  it("an agent's mapping of a new source is theirs alone: 404 for the others", async () => {
    expect((await agent1.put('/api/imports/customer/mappings/vendor-b', { mapping: agentMapping })).status).toBe(200);
    for (const reader of [admin, agent2]) {
      expect((await reader.get('/api/imports/customer/mappings/vendor-b')).status).toBe(404);
      expect((await reader.get('/api/imports/customer/mappings')).body.map((m: any) => m.source)).toEqual(['vendor-a']);
    }
  });

  it("the admin's save changes the workspace's mapping, not the agent's own", async () => {
    const changed = { 姓名: 'name' };
    expect((await admin.put('/api/imports/customer/mappings/vendor-a', { mapping: changed })).body).toMatchObject({ mapping: changed, shared: true });
    expect((await agent2.get('/api/imports/customer/mappings/vendor-a')).body.mapping).toEqual(changed);
    expect((await agent1.get('/api/imports/customer/mappings/vendor-a')).body.mapping).toEqual(agentMapping);
  });
});
