import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { startCluster, type Cluster } from '../support/cluster-fixture.js';
import { DEMO_PASSWORDS } from '../support/runtime-fixture.js';

/** The sign-in route's limit (runtime/src/auth/routes.ts): 30 a minute from one address. */
const LIMIT = 30;

/**
 * Two runtime processes on one database (`npm run cluster`, real processes): the sign-in rate limit counts in
 * the database, so a client spreading its attempts over both processes (as a round-robin balancer does) gets the
 * limit once, not once per process.
 */
describe('the sign-in rate limit across runtime processes', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster(2);
  }, 240_000);

  afterAll(async () => cluster?.close(), 60_000);

  /** A sign-in sent straight to one process, from `address` as the balancer would name it (TRUST_PROXY). */
  async function signInFrom(base: string, address: string) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address, 'accept-language': 'en' },
      body: JSON.stringify({ login: 'agent1', password: DEMO_PASSWORDS.agent1 }),
    });
    return { status: res.status, body: await res.json() };
  }

  it(`${LIMIT} sign-ins a minute from one address, counted over both processes; the next is refused on either`, async () => {
    const [a, b] = cluster.runtimes.map((rt) => rt.url) as [string, string];
    const address = '10.9.0.1';
    for (let i = 0; i < LIMIT; i++) {
      const res = await signInFrom(i % 2 ? b : a, address);
      expect(res.status, `sign-in ${i + 1} on ${i % 2 ? 'B' : 'A'}`).toBe(200);
    }
    for (const base of [a, b]) {
      const refused = await signInFrom(base, address);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'rate_limited' });
      expect(refused.body.message).toMatch(/^Too many attempts, try again in \d+ seconds$/);
    }
    // Through the balancer too, and another address is not affected.
    expect((await signInFrom(cluster.baseUrl, address)).status).toBe(429);
    expect((await signInFrom(b, '10.9.0.2')).status).toBe(200);
  }, 120_000);

  it('the counters are in the database, removed by a TTL index when their window ends', async () => {
    const client = await MongoClient.connect(cluster.mongoUri);
    try {
      const windows = client.db('telesales').collection('rate_limits');
      const indexes = await windows.indexes();
      expect(indexes.find((ix) => ix.key.expiresAt === 1)?.expireAfterSeconds).toBe(0);
      const doc = await windows.findOne({ _id: /10\.9\.0\.1$/ as never });
      expect(doc?.count).toBeGreaterThan(LIMIT);
      expect(doc?.expiresAt.getTime()).toBeGreaterThan(Date.now());
      expect(doc?.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
    } finally {
      await client.close();
    }
  });
});
