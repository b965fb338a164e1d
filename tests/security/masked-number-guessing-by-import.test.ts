// Attack: an agent who sees numbers masked imports a file of guessed numbers; each row that is a "duplicate"
// names a number that exists. Rows whose masked keys an import checks are budgeted per person per day, the
// admins hear of it, and someone who may see the numbers imports large lists freely.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader } from '../support/multipart.js';
import { uploadCsv } from '../integration/import-support.js';

/** The runtime's daily budget (runtime/src/records/masked-checks.ts MASKED_IMPORT_ROWS_PER_DAY). */
const ROWS_PER_DAY = 10_000;
const mapping = { 姓名: 'name', 手机号: 'phone' };
const guesses = (count: number) => `姓名,手机号\n${Array.from({ length: count }, (_, i) => `猜${i},1391${String(i).padStart(7, '0')}`).join('\n')}\n`;

let fx: RuntimeFixture;
let admin: ApiClient;
let agent2: ApiClient;

beforeAll(async () => {
  fx = await startRuntime();
  [admin, agent2] = await Promise.all([fx.login('admin'), fx.login('agent2')]);
});
afterAll(() => fx?.close());

describe('guessing masked numbers with an import', () => {
  it('an agent may preview a small file, but a file of more rows than the day allows is refused with 429 and an alert', async () => {
    const up = await uploader(fx.app, 'agent2');
    const small = await uploadCsv(up, guesses(20), 'few.csv');
    const preview = await agent2.post('/api/imports/customer/preview', { fileId: small.fileId, mapping });
    expect(preview.status, preview.text).toBe(200);

    // With the 20 rows of the preview, these 10,000 are over the day's budget.
    const big = await uploadCsv(up, guesses(ROWS_PER_DAY), 'guesses.csv');
    const toSelf = { type: 'agents', ownerIds: [agent2.userId], mode: 'roundRobin' };
    const res = await agent2.request('POST', '/api/imports/customer', { fileId: big.fileId, mapping, target: toSelf }, { 'accept-language': 'en' });
    expect(res.status, res.text).toBe(429);
    expect(res.body.code).toBe('masked_import_limit');
    expect(await fx.app.db.collection('import_batches').countDocuments()).toBe(0);

    const alerts = await admin.get('/api/security-alerts');
    expect(alerts.body).toEqual([expect.objectContaining({ kind: 'masked_guessing', user: expect.objectContaining({ login: 'agent2' }) })]);
  });

  it('the admin, who sees the numbers, is not budgeted', async () => {
    const up = await uploader(fx.app, 'admin');
    const big = await uploadCsv(up, guesses(ROWS_PER_DAY + 1), 'list.csv');
    const preview = await admin.post('/api/imports/customer/preview', { fileId: big.fileId, mapping });
    expect(preview.status, preview.text).toBe(200);
    const res = await admin.post('/api/imports/customer', { fileId: big.fileId, mapping, target: { type: 'pool', pool: 'default' } });
    expect(res.status, res.text).toBe(202);
    await expect.poll(async () => (await admin.get(`/api/imports/customer/batches/${res.body.batchId}`)).body.status, { timeout: 90_000, interval: 250 })
      .toBe('done');
  }, 120_000);
});
