// Attack: agent2 asks for an import batch someone else ran (its counts, its row report naming owners of
// duplicates), or resumes it. A batch is seen by its importer and by those whose data scope covers the importer
// (batch-access.ts); to anyone else it does not exist: 404, and it is not listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader } from '../support/multipart.js';
import { AGENT1_PHONE, runImport, uploadCsv } from '../integration/import-support.js';

let fx: RuntimeFixture;
let admin: ApiClient;
let agent1: ApiClient;
let agent2: ApiClient;
let lead: ApiClient;
let adminBatch: string;
let agent1Batch: string;

const csv = `姓名,手机号\n甲,${AGENT1_PHONE}\n乙,13922220001\n`;
const mapping = { 姓名: 'name', 手机号: 'phone' };

beforeAll(async () => {
  fx = await startRuntime();
  [admin, agent1, agent2, lead] = await Promise.all(['admin', 'agent1', 'agent2', 'lead'].map((n) => fx.login(n)));
  const adminFile = await uploadCsv(await uploader(fx.app, 'admin'), csv);
  adminBatch = (await runImport(admin, { fileId: adminFile.fileId, mapping, target: { type: 'pool', pool: 'default' } })).id;
  const agentFile = await uploadCsv(await uploader(fx.app, 'agent1'), csv);
  agent1Batch = (await runImport(agent1, { fileId: agentFile.fileId, mapping, target: { type: 'agents', ownerIds: [agent1.userId], mode: 'roundRobin' } })).id;
});
afterAll(() => fx.close());

const paths = (id: string) => [`/api/imports/customer/batches/${id}`, `/api/imports/customer/batches/${id}/report.csv`, `/api/imports/customer/batches/${id}/report.xlsx`];

describe("another person's import batch", () => {
  it("agent2 reads neither the admin's nor agent1's batch or report: 404, and lists neither", async () => {
    for (const id of [adminBatch, agent1Batch]) {
      for (const path of paths(id)) {
        const res = await agent2.request('GET', path, undefined, { 'accept-language': 'en' });
        expect(res.status, path).toBe(404);
        expect(res.body).toMatchObject({ code: 'not_found', message: 'The import batch does not exist' });
      }
      expect((await agent2.post(`/api/imports/customer/batches/${id}/resume`)).status).toBe(404);
    }
    expect((await agent2.get('/api/imports/customer/batches')).body).toEqual([]);
  });

  it("agent1 sees their own batch, not the admin's", async () => {
    expect((await agent1.get('/api/imports/customer/batches')).body.map((b: any) => b.id)).toEqual([agent1Batch]);
    expect((await agent1.get(`/api/imports/customer/batches/${adminBatch}`)).status).toBe(404);
    expect((await agent1.get(`/api/imports/customer/batches/${agent1Batch}/report.csv`)).status).toBe(200);
  });

  it("agent1's supervisor sees agent1's batch (team scope); the admin sees both", async () => {
    expect((await lead.get(`/api/imports/customer/batches/${agent1Batch}`)).status).toBe(200);
    expect((await lead.get(`/api/imports/customer/batches/${adminBatch}`)).status).toBe(404);
    expect((await admin.get('/api/imports/customer/batches')).body.map((b: any) => b.id).sort()).toEqual([adminBatch, agent1Batch].sort());
  });
});
