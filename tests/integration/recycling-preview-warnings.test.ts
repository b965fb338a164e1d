import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recycleWarnings } from '@telesales/runtime/recycling/warnings';
import type {} from '@telesales/runtime/db/plugin';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { DAY, HOUR, NO_DEAL, NO_FOLLOW_UP, customers, seed, userId } from './recycling-support.js';

const DEFAULT_POOL = JSON.parse(readFileSync(new URL('../../templates/insurance/pools/default.json', import.meta.url), 'utf8'));
const ago = (ms: number) => new Date(Date.now() - ms);

describe('recycle warnings and the designer\'s preview', () => {
  let fx: RuntimeFixture;
  let admin: ApiClient;
  let agent1Client: ApiClient;
  let agent1: string;
  let agent2: string;

  beforeAll(async () => {
    fx = await startRuntime();
    admin = await fx.login('admin');
    agent1Client = await fx.login('agent1');
    agent1 = agent1Client.userId;
    agent2 = await userId(fx.app.db, 'agent2');
  });
  afterAll(() => fx.close());
  beforeEach(async () => {
    await customers(fx.app.db).deleteMany({});
  });

  it('warns an agent of their customers a rule takes within 24 hours, soonest first', async () => {
    const now = new Date();
    const [overdue, in10h, , noDealIn12h] = await seed(fx.app.db, [
      { ownerId: agent1, fromPool: 'default', ownedSince: ago(80 * HOUR), name: 'Overdue' },
      { ownerId: agent1, fromPool: null, ownedSince: ago(62 * HOUR), name: 'Ten hours' },
      { ownerId: agent1, fromPool: 'default', ownedSince: ago(40 * HOUR), name: 'Thirty hours' },
      { ownerId: agent1, fromPool: 'default', ownedSince: ago(180 * DAY - 12 * HOUR), followedUpAt: ago(HOUR), name: 'No deal', status: 'interested' },
      { ownerId: agent1, fromPool: 'default', ownedSince: ago(180 * DAY - 12 * HOUR), followedUpAt: ago(HOUR), name: 'Won', status: 'won' },
      { ownerId: agent2, fromPool: 'default', ownedSince: ago(70 * HOUR), name: 'Not mine' },
      { ownerId: agent1, fromPool: 'lost', ownedSince: ago(300 * DAY), name: 'No rules' },
    ]);
    const warnings = await recycleWarnings(fx.app, ['customer'], agent1, now);
    expect(warnings.map((w) => w.title)).toEqual(['Overdue', 'Ten hours', 'No deal']);
    const docs = new Map((await customers(fx.app.db).find({}).toArray()).map((d) => [d._id, d]));
    expect(warnings[0]).toEqual({
      entity: 'customer', id: overdue, title: 'Overdue', rule: 'noFollowUp', toPool: 'default',
      dueAt: new Date(docs.get(overdue!)!.ownedSince!.getTime() + 72 * HOUR).toISOString(),
    });
    expect(warnings[1]).toMatchObject({ id: in10h, rule: 'noFollowUp' });
    expect(warnings[2]).toMatchObject({
      id: noDealIn12h, rule: 'noDeal', dueAt: new Date(docs.get(noDealIn12h!)!.ownedSince!.getTime() + 180 * DAY).toISOString(),
    });
    expect(await recycleWarnings(fx.app, ['customer'], agent2, now)).toHaveLength(1);
  });

  it('caps the warnings at 50', async () => {
    await seed(fx.app.db, Array.from({ length: 60 }, (_, i) => ({ ownerId: agent1, fromPool: 'default', ownedSince: ago(60 * HOUR + i * 1000) })));
    const warnings = await recycleWarnings(fx.app, ['customer'], agent1, new Date());
    expect(warnings).toHaveLength(50);
    expect(warnings.map((w) => w.dueAt)).toEqual([...warnings.map((w) => w.dueAt)].sort());
  });

  it('counts per rule what a draft pool would recycle now', async () => {
    await seed(fx.app.db, [
      { ownerId: agent1, fromPool: 'default', ownedSince: ago(5 * HOUR) },
      { ownerId: agent1, fromPool: null, ownedSince: ago(3 * HOUR) },
      { ownerId: agent2, fromPool: 'default', ownedSince: ago(30 * DAY), followedUpAt: ago(HOUR), status: 'interested' },
      { ownerId: agent2, fromPool: 'default', ownedSince: ago(30 * DAY), followedUpAt: ago(HOUR), status: 'won' },
      { ownerId: agent2, fromPool: 'default', ownedSince: ago(30 * DAY), status: 'interested' }, // due under both rules: counted once
      { ownerId: agent2, fromPool: 'default', ownedSince: ago(HOUR) },
      { ownerId: agent2, fromPool: 'online_leads', ownedSince: ago(30 * DAY) },
    ]);
    const draft = {
      ...DEFAULT_POOL,
      recycle: [
        { ...DEFAULT_POOL.recycle[0], after: { value: 2, unit: 'hours' } },
        { ...DEFAULT_POOL.recycle[1], after: { value: 7, unit: 'days' } },
      ],
    };
    const res = await admin.post('/api/pools/recycle-preview', { pool: draft });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ total: 4, rules: [{ id: NO_FOLLOW_UP, count: 3 }, { id: NO_DEAL, count: 1 }] });
    // The published rules (72 h, 180 days) take nothing of these now.
    expect((await admin.post('/api/pools/recycle-preview', { pool: DEFAULT_POOL })).body).toEqual({
      total: 1, rules: [{ id: NO_FOLLOW_UP, count: 1 }, { id: NO_DEAL, count: 0 }],
    });
  });

  it('refuses people who do not manage definitions, and invalid pools, with the exact error', async () => {
    const forbidden = await agent1Client.request('POST', '/api/pools/recycle-preview', { pool: DEFAULT_POOL }, { 'accept-language': 'zh-CN' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({ statusCode: 403, error: 'Forbidden', code: 'forbidden', message: '只有可以设计定义的人才能预览回收规则' });

    const en = (body: unknown) => admin.request('POST', '/api/pools/recycle-preview', body, { 'accept-language': 'en' });
    const bad = await en({ pool: { ...DEFAULT_POOL, recycle: [{ ...DEFAULT_POOL.recycle[0], after: { value: 0, unit: 'hours' } }] } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_definition', errors: [expect.objectContaining({ path: '/recycle/0/after/value' })] });
    expect(bad.body.message).toBe('The pool definition is not valid: /recycle/0/after/value must be at least 1');

    const notPool = await en({ pool: { kind: 'entity' } });
    expect(notPool.status).toBe(400);
    expect(notPool.body.errors).toEqual([{ path: '/kind', code: 'const', message: 'is not a pool definition' }]);

    const unknown = await en({ pool: { ...DEFAULT_POOL, entity: 'nothing' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'invalid_definition', message: 'There is no published owned entity "nothing"', errors: [{ path: '/entity', code: 'unknown_entity' }] });

    const missing = await admin.post('/api/pools/recycle-preview', {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: '/body/pool', code: 'required' })]);

    expect((await fx.anonymous().post('/api/pools/recycle-preview', { pool: DEFAULT_POOL })).status).toBe(401);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await admin.get('/api/openapi.json')).body;
    expect(Object.keys(doc.paths['/api/pools/recycle-preview'])).toEqual(['post']);
  });
});
