#!/usr/bin/env node
// Benchmark of automatic distribution (`npm run bench:distribute`, which builds the runtime first).
//   1. The pure module (runtime/src/ownership/distribution.ts): 10,000 customers to 50 agents, some holding
//      reward tickets, some penalty tickets, some at a cap, in calls of 500 (as the runtime deals them), state
//      carried between calls; vs a bare round-robin loop over the same ids in the same run (the cheapest
//      possible dealer: what the rules cost on top of it). Median of 5 runs each.
//   2. The runtime (distribute-pool.ts): the same 10,000 customers waiting in an automatic pool of the demo
//      template, 50 online member agents with tickets, on the embedded database; every chunk of 500 in one
//      transaction with its log entries, ticket uses and round state. Baseline in the same run: the driver's
//      bulkWrite of the same 10,000 single-document updates (owner set, same log entry shape) without a
//      transaction, in chunks of 500. customers/s for both and the ratio.
// It prints figures and fails only on wrong answers (every customer dealt once, tickets used as granted).
import { randomUUID } from 'node:crypto';
import { startEmbeddedMongo } from '@telesales/embedded-mongo';
import { buildApp } from '@telesales/runtime/app';
import { installTemplate, templateDir } from '@telesales/runtime/templates/install';
import { distribute } from '@telesales/runtime/ownership/distribution';
import { distributePool } from '@telesales/runtime/ownership/distribute-pool';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 50);
const CHUNK = 500;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = (n, ms) => Math.round((n / ms) * 1000);

function agentsFor(now) {
  return Array.from({ length: AGENTS }, (_, i) => ({
    id: `agent-${i}`, online: true, receiving: true, receivedThisWeek: i % 7,
    rewardTickets: i % 10 === 0 ? 20 : 0, penaltyTickets: i % 10 === 5 ? 3 : 0, owned: 0, cap: i % 25 === 3 ? 50 : null, now,
  }));
}

function seeded(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function pureModule() {
  const ids = Array.from({ length: CUSTOMERS }, (_, i) => `c${i}`);
  const times = [];
  const baseline = [];
  for (let run = 0; run < 5; run++) {
    const agents = agentsFor();
    let state = null;
    let dealt = 0;
    const t0 = performance.now();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const result = distribute({ customerIds: ids.slice(i, i + CHUNK), agents, state, random: seeded(run) });
      state = result.state;
      dealt += result.assignments.length;
      for (const a of agents) {
        const used = result.ticketsUsed[a.id];
        if (used) { a.rewardTickets -= used.reward; a.penaltyTickets -= used.penalty; }
        a.owned += result.given[a.id] ?? 0;
      }
    }
    times.push(performance.now() - t0);
    if (dealt !== CUSTOMERS) throw new Error(`pure module dealt ${dealt} of ${CUSTOMERS}`);
    const t1 = performance.now();
    const out = new Map();
    for (let i = 0; i < ids.length; i++) out.set(ids[i], `agent-${i % AGENTS}`);
    baseline.push(performance.now() - t1);
  }
  return { module: rate(CUSTOMERS, median(times)), roundRobin: rate(CUSTOMERS, median(baseline)) };
}

async function runtime() {
  const mongo = await startEmbeddedMongo();
  const app = await buildApp({ mongoUri: mongo.uri, dbName: 'bench_distribute', embedded: true, jobs: false });
  try {
    await installTemplate(app, templateDir('insurance'));
    const teamId = '23e72191-90a6-42d0-b71b-8832e2442338';
    const now = new Date();
    const users = Array.from({ length: AGENTS }, (_, i) => ({
      _id: randomUUID(), login: `bench${i}`, name: `Bench ${i}`, passwordHash: 'x', role: 'supervisor', teamId, locale: 'en', createdAt: now,
    }));
    await app.db.collection('users').insertMany(users);
    await app.db.collection('agent_status').insertMany(users.map((u, i) => ({
      // Seen "in the future": they stay online however long the run takes.
      _id: u._id, lastSeenAt: new Date(now.getTime() + 86_400_000), reward: i % 10 === 0 ? 20 : 0, penalty: i % 10 === 5 ? 3 : 0,
    })));
    const records = app.db.collection('records_customer');
    const seed = async (tag) => {
      const docs = Array.from({ length: CUSTOMERS }, (_, i) => ({
        _id: randomUUID(), version: 1, ownerId: null, poolKey: 'online_leads', fromPool: null, ownedSince: null, followedUpAt: null, request: null,
        createdAt: new Date(now.getTime() + i), createdBy: 'bench', updatedAt: now, updatedBy: 'bench', deletedAt: null, deletedBy: null,
        values: { name: `${tag} ${i}`, source: 'online' },
      }));
      for (let i = 0; i < docs.length; i += 5000) await records.insertMany(docs.slice(i, i + 5000));
      return docs;
    };
    // The template's online-leads pool caps each agent at 30 from it, the agent role at 100: the bench's members have
    // the supervisor role (no cap) and the pool's cap is lifted (10,000 / 50 = 200 each).
    const pool = { ...(await app.definitions.publishedPool('online_leads')), cap: undefined };

    await seed('runtime');
    const t0 = performance.now();
    const result = await distributePool(app, pool);
    const runtimeMs = performance.now() - t0;
    if (result.given !== CUSTOMERS) throw new Error(`runtime dealt ${result.given} of ${CUSTOMERS}: ${JSON.stringify(result)}`);
    const left = await app.db.collection('agent_status').aggregate([{ $group: { _id: null, reward: { $sum: '$reward' }, penalty: { $sum: '$penalty' } } }]).toArray();
    if (left[0].reward !== 0 || left[0].penalty !== 0) throw new Error(`tickets left: ${JSON.stringify(left[0])}`);

    const docs = await seed('baseline');
    const t1 = performance.now();
    for (let i = 0; i < docs.length; i += CHUNK) {
      await records.bulkWrite(docs.slice(i, i + CHUNK).map((d, j) => ({
        updateOne: {
          filter: { _id: d._id, version: 1, poolKey: 'online_leads', ownerId: null },
          update: {
            $set: { ownerId: users[(i + j) % AGENTS]._id, poolKey: null, fromPool: 'online_leads', ownedSince: now, followedUpAt: now, updatedAt: now, updatedBy: 'system', logPending: true },
            $inc: { version: 1 },
            $push: { pendingLog: { _id: randomUUID(), entity: 'customer', recordId: d._id, version: 2, action: 'distribute', at: now, by: { id: 'system', name: 'System' }, changes: [], detail: { reason: 'round' } } },
          },
        },
      })), { ordered: true });
    }
    const baselineMs = performance.now() - t1;
    return { runtime: rate(CUSTOMERS, runtimeMs), driver: rate(CUSTOMERS, baselineMs) };
  } finally {
    await app.close();
    await mongo.stop();
  }
}

const pure = pureModule();
console.log(`distribution module: ${pure.module.toLocaleString('en')} customers/s  (bare round-robin loop ${pure.roundRobin.toLocaleString('en')}/s, ${(pure.module / pure.roundRobin).toFixed(3)}x)`);
const rt = await runtime();
console.log(`runtime distributePool: ${rt.runtime.toLocaleString('en')} customers/s  (driver bulkWrite of the same updates ${rt.driver.toLocaleString('en')}/s, ${(rt.runtime / rt.driver).toFixed(2)}x)`);
console.log(`  ${CUSTOMERS.toLocaleString('en')} customers, ${AGENTS} agents (5 with 20 reward tickets, 5 with 3 penalty tickets, 2 capped at 50), chunks of ${CHUNK}`);
