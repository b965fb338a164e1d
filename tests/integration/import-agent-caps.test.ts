// Round-robin to named agents within each agent's cap: an agent at the cap is skipped, a row nobody has
// room for goes to the default pool (when the importer administers it) or is reported, and the report says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader } from '../support/multipart.js';
import { importedRecords, reportRows, runImport, uploadCsv } from './import-support.js';

let fx: RuntimeFixture;
let admin: ApiClient;
let ids: Record<string, string>;

const owned = (id: string) => fx.app.db.collection('records_customer').countDocuments({ ownerId: id, deletedAt: null });

/** Publishes the agent role with another per-entity cap, for the time of `run`. */
async function withAgentCap(cap: number, run: () => Promise<void>) {
  const role = (await admin.get('/api/definitions/role/agent')).body;
  await admin.put('/api/definitions/role/agent/draft', { ...role.published, entities: { '*': { ...role.published.entities['*'], cap } } });
  expect((await admin.post('/api/definitions/role/agent/publish', { message: `cap ${cap}` })).status).toBe(200);
  try {
    await run();
  } finally {
    await admin.put('/api/definitions/role/agent/draft', role.published);
    await admin.post('/api/definitions/role/agent/publish', { message: 'cap back' });
  }
}

beforeAll(async () => {
  fx = await startRuntime();
  admin = await fx.login('admin');
  const users = await fx.app.db.collection('users').find().toArray();
  ids = Object.fromEntries(users.map((u) => [u.login, u._id as unknown as string]));
});
afterAll(() => fx.close());

describe('round-robin import within caps', () => {
  it('skips an agent at the cap and sends rows nobody has room for to the default pool, saying so per row', async () => {
    const [a1, a2] = [await owned(ids.agent1!), await owned(ids.agent2!)];
    const cap = Math.max(a1, a2) + 1;
    await withAgentCap(cap, async () => {
      const room1 = cap - a1;
      const room2 = cap - a2;
      const rows = Array.from({ length: room1 + room2 + 2 }, (_, i) => `限${i},137${String(i).padStart(8, '0')}`);
      const up = await uploader(fx.app, 'admin');
      const file = await uploadCsv(up, ['姓名,手机号', ...rows].join('\n'));
      const batch = await runImport(admin, { fileId: file.fileId, mapping: file.suggested, target: { type: 'agents', ownerIds: [ids.agent1, ids.agent2], mode: 'roundRobin' } });
      expect(batch).toMatchObject({ status: 'done', inserted: rows.length, rejected: 0 });
      expect(await owned(ids.agent1!)).toBe(cap);
      expect(await owned(ids.agent2!)).toBe(cap);

      const records = await importedRecords(fx, batch.id);
      const inPool = records.filter((r) => r.poolKey === 'default');
      expect(inPool.map((r) => r.values.name)).toEqual([`限${rows.length - 2}`, `限${rows.length - 1}`]);
      for (const r of inPool) expect(r).toMatchObject({ ownerId: null, fromPool: null });

      const last = [String(rows.length), String(rows.length + 1)]; // file rows of the last two data lines
      const en = await reportRows(admin, batch.id);
      expect(en).toEqual([
        ['Row', 'Column', 'Field', 'Reason'],
        [last[0], '', '', 'Every chosen agent is at their cap: put in the pool "Default pool"'],
        [last[1], '', '', 'Every chosen agent is at their cap: put in the pool "Default pool"'],
      ]);
      const zh = await reportRows(admin, batch.id, 'zh');
      expect(zh.slice(1)).toEqual([
        [last[0], '', '', '所选坐席均已达到客户上限，已放入公海“公共公海”'],
        [last[1], '', '', '所选坐席均已达到客户上限，已放入公海“公共公海”'],
      ]);
    });
  });

  it('reports a row nobody has room for when the importer may not fill the default pool', async () => {
    const agent1 = await fx.login('agent1');
    const up = await uploader(fx.app, 'agent1');
    await withAgentCap(await owned(ids.agent1!), async () => {
      const file = await uploadCsv(up, '姓名,手机号\n满员,13600000001\n');
      const batch = await runImport(agent1, { fileId: file.fileId, mapping: file.suggested, target: { type: 'agents', ownerIds: [ids.agent1], mode: 'roundRobin' } });
      expect(batch).toMatchObject({ status: 'done', inserted: 0, rejected: 1 });
      expect(await reportRows(agent1, batch.id)).toEqual([['Row', 'Column', 'Field', 'Reason'], ['2', '', '', 'Every chosen agent is at their cap']]);
      expect((await reportRows(agent1, batch.id, 'zh'))[1]).toEqual(['2', '', '', '所选坐席均已达到客户上限']);
    });
  });
});
