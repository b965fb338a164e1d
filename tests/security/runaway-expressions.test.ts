// An admin's expression must never stall the API: a catastrophic regular expression, a huge $pad and an
// endless recursion, in a flow's condition and in pools' landing conditions, run while /api/health is polled.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader, type Uploader } from '../support/multipart.js';
import { importedRecords, reportRows, runImport, uploadCsv } from '../integration/import-support.js';

/** Generous for a loaded machine; the stalls this guards against lasted 3 to 8 seconds (or for ever). */
const HEALTH_BOUND_MS = 750;
// Long enough to take seconds on a backtracking engine (which doubles its time per added "a"), not hours.
const CATASTROPHIC = '$match("' + 'a'.repeat(25) + '!", /^(a+)+$/)';
const HUGE_PAD = '$pad("x", 60000000) = "x"';
// A million (tail-)recursive calls: seconds unbounded; the truly endless kind is in tests/expressions.
const LONG_LOOP = '($f := function($n){ $n = 0 ? false : $f($n - 1) }; $f(1000000))';

let fx: RuntimeFixture;
let admin: ApiClient;
let up: Uploader;

beforeAll(async () => {
  fx = await startRuntime();
  admin = await fx.login('admin');
  up = await uploader(fx.app, 'admin');
});
afterAll(() => fx.close());

/** Runs `work` while asking for /api/health every 25 ms; answers the work's result and the slowest health answer. */
async function whilePolling<T>(work: () => Promise<T>): Promise<{ result: T; slowestMs: number; polls: number }> {
  let done = false;
  let slowestMs = 0;
  let polls = 0;
  const poller = (async () => {
    while (!done) {
      const started = performance.now();
      const res = await fx.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      slowestMs = Math.max(slowestMs, performance.now() - started);
      polls += 1;
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const result = await work().finally(() => { done = true; });
  await poller;
  return { result, slowestMs, polls };
}

function conditionFlow(key: string, cases: { port: string; expression: string }[]) {
  return {
    kind: 'flow', schemaVersion: 1, id: randomUUID(), key, label: { zh: '失控', en: 'Runaway' }, languages: ['en'], defaultLanguage: 'en', start: 'entry',
    nodes: [
      { id: 'entry', type: 'entry', position: { x: 0, y: 0 }, config: { numbers: [] }, next: [{ port: 'next', to: 'check' }] },
      { id: 'check', type: 'condition', position: { x: 0, y: 100 }, config: { cases }, next: [...cases.map((c) => ({ port: c.port, to: 'bye' })), { port: 'else', to: 'bye' }] },
      { id: 'bye', type: 'hangup', position: { x: 0, y: 200 }, config: {}, next: [] },
    ],
  };
}

function conditionPool(key: string, condition: string) {
  const pool = JSON.parse(readFileSync(new URL('../../templates/insurance/pools/online_leads.json', import.meta.url), 'utf8'));
  delete pool.$schema;
  return { ...pool, id: randomUUID(), key, label: { zh: key, en: key }, condition, recycle: [] };
}

async function publish(definition: { kind: string; key: string }) {
  const created = await admin.post('/api/definitions', definition);
  expect(created.status, created.text).toBe(201);
  return admin.post(`/api/definitions/${definition.kind}/${definition.key}/publish`, { message: 'runaway' });
}

describe('a flow condition', () => {
  it('with a catastrophic regular expression and a huge $pad: the API keeps answering, the call goes on', async () => {
    const published = await publish(conditionFlow('runaway_flow', [{ port: 'regex', expression: CATASTROPHIC }, { port: 'pad', expression: HUGE_PAD }]));
    expect(published.status, published.text).toBe(200);

    const { result: res, slowestMs, polls } = await whilePolling(() =>
      admin.post('/api/flows/runaway_flow/simulate', { script: { caller: '+8613900000000', startAt: '2025-03-03T02:00:00.000Z', digits: [], freeAgents: {} } }));
    expect(res.status, res.text).toBe(200);
    const check = res.body.trace.find((t: { node: string }) => t.node === 'check');
    // The regular expression simply does not match (in linear time); the $pad fails with its reason.
    expect(check.port).toBe('else');
    expect(check.note).toMatch(/^pad: L1001 at \d+: A text would be longer than 1000000 characters$/);
    expect(polls).toBeGreaterThan(0);
    expect(slowestMs).toBeLessThan(HEALTH_BOUND_MS);
  });

  it('with a regular expression a linear-time engine cannot run is refused at publish, with its position', async () => {
    const refused = await publish(conditionFlow('backreference_flow', [{ port: 'same', expression: '$match(vars.x, /(a)\\1/)' }]));
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({
      path: '/nodes/1/config/cases/0/expression', code: 'bad_expression',
      message: expect.stringMatching(/^表达式有误（第 \d+ 个字符）：The regular expression \/\(a\)\\1\/ is not supported .*backreferences and lookarounds/),
    })]);
  });
});

describe('pool landing conditions on import', () => {
  it('recursing a million times or padding hugely: the API keeps answering, each row reports the condition errors', async () => {
    expect((await publish(conditionPool('runaway_loop', LONG_LOOP))).status).toBe(200);
    expect((await publish(conditionPool('runaway_pad', HUGE_PAD))).status).toBe(200);

    const file = await uploadCsv(up, '姓名,手机号,来源\n失一,13700000101,list\n失二,13700000102,list\n');
    const { result: batch, slowestMs } = await whilePolling(() =>
      runImport(admin, { fileId: file.fileId, mapping: file.suggested, target: { type: 'pool', pool: 'auto' } }));
    expect(batch).toMatchObject({ status: 'done', inserted: 2, rejected: 0 });
    const records = await importedRecords(fx, batch.id);
    // Failed conditions count as false: the rows go on to the next pool, here the default one.
    expect(Object.fromEntries(records.map((r) => [r.values.name, r.poolKey]))).toEqual({ 失一: 'default', 失二: 'default' });

    const report = await reportRows(admin, batch.id);
    expect(report.slice(1).map((row) => row[0])).toEqual(['2', '3']);
    for (const row of report.slice(1)) {
      expect(row[3]).toMatch(/^A pool condition could not be evaluated \("runaway_loop": F1001 at \d+: Evaluation took more than 20000 steps\. Check for an endless loop; "runaway_pad": L1001 at \d+: A text would be longer than 1000000 characters\): put in the pool /);
    }
    expect(slowestMs).toBeLessThan(HEALTH_BOUND_MS);
  });
});
