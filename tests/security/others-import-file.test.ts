// Attack: agent2 learns the id of a file the admin uploaded (phone numbers as typed, unmasked) and asks
// for its preview, or imports it to themself. The file is its uploader's alone: 404, as for no file at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader } from '../support/multipart.js';
import { uploadCsv } from '../integration/import-support.js';

const PHONES = ['13911110001', '13911110002'];
const mapping = { 姓名: 'name', 手机号: 'phone' };

let fx: RuntimeFixture;
let admin: ApiClient;
let agent2: ApiClient;
let fileId: string;

beforeAll(async () => {
  fx = await startRuntime();
  [admin, agent2] = await Promise.all([fx.login('admin'), fx.login('agent2')]);
  fileId = (await uploadCsv(await uploader(fx.app, 'admin'), `姓名,手机号\n甲,${PHONES[0]}\n乙,${PHONES[1]}\n`)).fileId;
});
afterAll(() => fx.close());

const en = { 'accept-language': 'en' };
const notFound = { statusCode: 404, code: 'not_found', message: 'The uploaded file does not exist; upload it again' };

describe("another person's uploaded file", () => {
  it('agent2 gets no preview of it: 404, and no number of the file in the answer', async () => {
    const res = await agent2.request('POST', '/api/imports/customer/preview', { fileId, mapping }, en);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject(notFound);
    for (const phone of PHONES) expect(res.text).not.toContain(phone);
  });

  it('agent2 cannot import it: 404, no batch and no record', async () => {
    const toSelf = { type: 'agents', ownerIds: [agent2.userId], mode: 'roundRobin' };
    const res = await agent2.request('POST', '/api/imports/customer', { fileId, mapping, target: toSelf }, en);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject(notFound);
    expect(await fx.app.db.collection('import_batches').countDocuments()).toBe(0);
    expect(await fx.app.db.collection('records_customer').countDocuments({ 'values.phone': { $in: PHONES } })).toBe(0);
  });

  it('its uploader still previews and imports it', async () => {
    const preview = await admin.post('/api/imports/customer/preview', { fileId, mapping });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.rows.map((r: { cells: string[] }) => r.cells[1])).toEqual(PHONES);
    const started = await admin.post('/api/imports/customer', { fileId, mapping, target: { type: 'pool', pool: 'default' } });
    expect(started.status, started.text).toBe(202);
  });
});
