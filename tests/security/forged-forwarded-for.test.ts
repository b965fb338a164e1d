// Escaping the sign-in limits by forging X-Forwarded-For: the runtime used to trust every proxy, so each guess
// could claim an address of its own. Now only a TRUST_PROXY proxy may name the client, and every account also
// has a limit that no address changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '@telesales/runtime/config';
import { startRuntime, type RuntimeFixture } from '../support/runtime-fixture.js';
import { rawLogin } from '../integration/auth-support.js';

const PROXY = '10.0.0.1';
const LOCKED = { statusCode: 429, error: 'Too Many Requests', code: 'rate_limited', message: 'Too many failed sign-ins for this account; try again in 15 minutes' };

/** The default runtime (no TRUST_PROXY) and one behind a proxy at PROXY, on one database server. */
let direct: RuntimeFixture;
let behindProxy: RuntimeFixture;

beforeAll(async () => {
  direct = await startRuntime();
  behindProxy = await startRuntime({ mongo: direct.mongo, trustProxy: [PROXY] });
});
afterAll(async () => {
  await behindProxy?.close();
  await direct?.close();
});

/** `count` wrong passwords for `login`, each from `from(i)` claiming to be `forged(i)`; the statuses. */
async function guess(rt: RuntimeFixture, login: string, count: number, from: (i: number) => string, forged?: (i: number) => string) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await rawLogin(rt, login, `guess-${i}`, from(i), forged?.(i))).status);
  return statuses;
}

describe('without TRUST_PROXY (the default)', () => {
  it('15 wrong passwords from 15 forged addresses, then the right one: refused', async () => {
    const client = '198.51.100.10';
    const statuses = await guess(direct, 'agent1', 15, () => client, (i) => `203.0.113.${i + 1}`);
    // the header is ignored: all fifteen come from one address, locked after ten
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(5).fill(429)]);
    const right = await rawLogin(direct, 'agent1', 'agent123', client, '203.0.113.99');
    expect(right.status).toBe(429);
    expect(right.body).toEqual(LOCKED);
    expect(right.setCookie).toBeUndefined();
  });

  it('the route limit (30 sign-ins a minute per address) is not escaped by a forged header either', async () => {
    const client = '198.51.100.11';
    const statuses = await guess(direct, 'nobody', 31, () => client, (i) => `203.0.114.${i + 1}`);
    expect(statuses.slice(0, 30).every((s) => s === 401 || s === 429)).toBe(true);
    const last = await rawLogin(direct, 'agent2', 'agent123', client, '203.0.114.200');
    expect(last.status).toBe(429);
    expect(last.body.message).toMatch(/^Too many attempts, try again in \d+ seconds$/);
  });

  it('an account is locked after 30 wrong passwords even from 30 real addresses', async () => {
    const statuses = await guess(direct, 'lead', 30, (i) => `192.0.2.${i + 1}`);
    expect(statuses).toEqual(Array(30).fill(401));
    const right = await rawLogin(direct, 'lead', 'lead123', '192.0.2.200');
    expect(right.status).toBe(429);
    expect(right.body).toEqual(LOCKED);
    // only that account: another one signs in from the same place
    expect((await rawLogin(direct, 'agent2', 'agent123', '192.0.2.200')).status).toBe(200);
  });
});

describe('with TRUST_PROXY set to the proxy\'s address', () => {
  it('the proxy\'s X-Forwarded-For is honoured: one locked-out client does not lock out the others behind it', async () => {
    const statuses = await guess(behindProxy, 'agent1', 10, () => PROXY, () => '203.0.113.1');
    expect(statuses).toEqual(Array(10).fill(401));
    expect((await rawLogin(behindProxy, 'agent1', 'agent123', PROXY, '203.0.113.1')).status).toBe(429);
    expect((await rawLogin(behindProxy, 'agent1', 'agent123', PROXY, '203.0.113.2')).status).toBe(200);
  });

  it('a forged header from anywhere else is not: 10 guesses with 10 made-up addresses lock the real one', async () => {
    const client = '198.51.100.20';
    expect(await guess(behindProxy, 'agent2', 10, () => client, (i) => `203.0.115.${i + 1}`)).toEqual(Array(10).fill(401));
    const right = await rawLogin(behindProxy, 'agent2', 'agent123', client, '203.0.115.99');
    expect(right).toMatchObject({ status: 429, body: LOCKED });
    // nor does a client behind the proxy get a new address by prepending one: the proxy appends the real one
    expect((await rawLogin(behindProxy, 'agent2', 'agent123', PROXY, `203.0.115.77, ${client}`)).status).toBe(429);
  });

  it('TRUST_PROXY is read as comma-separated addresses and CIDRs; anything else stops the start', () => {
    expect(readConfig({}).trustProxy).toEqual([]);
    expect(readConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1,loopback' }).trustProxy).toEqual(['10.0.0.1', '192.168.0.0/16', '::1', 'loopback']);
    for (const bad of ['true', '*', '10.0.0.0/33', '10.0.0.1/8/8', 'proxy.example.com']) {
      expect(() => readConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY must be/);
    }
  });
});
