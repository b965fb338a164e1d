// Request logs at the most talkative level must not carry a phone, an ID number or a password: not in a URL
// (list, export, calls, pools), not in a validation error, not in a 500's error, not from the login.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';

const PHONE = '13912340077';
const ID_NUMBER = '11010519491231002X';
const WRONG_PASSWORD = 'Wr0ng-passw0rd!';
const PASSWORD = 'admin123';
const SECRETS = [PHONE, `+86${PHONE}`, '139 1234 0077', ID_NUMBER, ID_NUMBER.slice(0, 17), WRONG_PASSWORD, PASSWORD];

const lines: string[] = [];
const stream = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });

let rt: RuntimeFixture;
let admin: ApiClient;
let agent1: ApiClient;

beforeAll(async () => {
  rt = await startRuntime({ logger: { level: 'trace', stream } });
  admin = await rt.login('admin');
  agent1 = await rt.login('agent1');
  await rt.anonymous().post('/api/auth/login', { login: 'admin', password: WRONG_PASSWORD });
});
afterAll(async () => rt?.close());

const q = (v: string) => encodeURIComponent(v);

describe('log lines', () => {
  it('carry no phone, ID number or password, whatever the route', async () => {
    const idFilter = q(JSON.stringify({ field: 'id_number', op: 'eq', value: ID_NUMBER }));
    const created = await admin.post('/api/records/customer', { values: { name: 'Log Test', phone: PHONE, id_number: ID_NUMBER } });
    expect(created.status).toBe(201);
    const urls = [
      `/api/records/customer?q=${PHONE}`, `/api/records/customer?q=${q(`139 1234 0077`)}`, `/api/records/customer?filter=${idFilter}`,
      `/api/records/customer/export.csv?q=${PHONE}`, `/api/records/customer/export.xlsx?q=${q(`+86${PHONE}`)}`,
      `/api/calls?view=all&q=${PHONE}`, `/api/pools/default/records?q=${PHONE}`, `/api/records/customer/${PHONE}`,
      `/api/records/customer?q=${PHONE}&unknown=${ID_NUMBER}`,
    ];
    for (const url of urls) expect((await admin.get(url)).status, url).toBeLessThan(500);
    expect((await agent1.get(`/api/records/customer?q=${PHONE}`)).status).toBe(200);
    // A duplicate (the driver's message quotes the value) and a validation error about the values.
    expect((await admin.post('/api/records/customer', { values: { name: 'Again', phone: PHONE } })).status).toBe(409);
    expect((await admin.post('/api/records/customer', { values: { name: 'Bad', phone: PHONE.slice(0, 6), id_number: `${ID_NUMBER}9` } })).status).toBe(400);
    // A 500 whose error quotes a number (as a database error would), with its extra properties.
    const failure = Object.assign(new Error(`E11000 duplicate key: { values.phone: "+86${PHONE}" } id ${ID_NUMBER}`), { keyValue: { phone: `+86${PHONE}` } });
    const spy = vi.spyOn(rt.app.definitions, 'getPublishedEntity').mockRejectedValueOnce(failure);
    expect((await admin.get('/api/records/customer?q=x')).status).toBe(500);
    spy.mockRestore();

    // The requests were logged (the test sees the lines it means to check)...
    expect(lines.some((l) => l.includes('/api/records/customer/export.csv'))).toBe(true);
    expect(lines.some((l) => l.includes('/api/calls'))).toBe(true);
    expect(lines.some((l) => l.includes('request failed'))).toBe(true);
    expect(lines.some((l) => l.includes('/api/auth/login'))).toBe(true);
    // ...and none of them holds a secret.
    const leaks = lines.filter((l) => SECRETS.some((s) => l.includes(s) || l.includes(encodeURIComponent(s))));
    expect(leaks).toEqual([]);
  });
});
