// Sessions that outlived what should have ended them: after an admin reset a password the old cookie still
// worked, and a disabled user's cookie came back when the user was enabled again. Each old cookie is used
// just before the change, so it sits in the process's session cache: the refusal must not wait for the cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { IDS } from '../integration/auth-support.js';

const SIGN_IN = { statusCode: 401, error: 'Unauthorized', code: 'unauthenticated', message: 'Please sign in' };

let rt: RuntimeFixture;
let admin: ApiClient;

beforeAll(async () => {
  rt = await startRuntime();
  admin = await rt.login('admin');
});
afterAll(async () => rt?.close());

/** Signs in twice (two devices) and checks both sessions work, which also caches them. */
async function twoSessions(login: string, password?: string) {
  const sessions = [await rt.login(login, password), await rt.login(login, password)];
  for (const s of sessions) expect((await s.get('/api/auth/me')).status).toBe(200);
  return sessions;
}

describe('a password reset by an admin', () => {
  it('ends every session of that user at once; the new password signs in', async () => {
    const [laptop, phone] = await twoSessions('agent1');
    expect((await admin.patch(`/api/users/${IDS.agent1}`, { password: 'agent1-new-pass' })).status).toBe(200);
    for (const old of [laptop!, phone!]) {
      expect(await old.get('/api/auth/me')).toMatchObject({ status: 401, body: SIGN_IN });
      expect((await old.get('/api/records/customer')).status).toBe(401);
    }
    expect((await rt.login('agent1', 'agent1-new-pass').then((s) => s.get('/api/auth/me'))).status).toBe(200);
  });
});

describe('changing one\'s own password', () => {
  it('ends one\'s other sessions; the one it was done from stays', async () => {
    const [here, elsewhere] = await twoSessions('admin');
    expect((await here!.patch(`/api/users/${IDS.admin}`, { password: 'admin-new-pass' })).status).toBe(200);
    expect(await elsewhere!.get('/api/auth/me')).toMatchObject({ status: 401, body: SIGN_IN });
    expect((await here!.get('/api/auth/me')).status).toBe(200);
    // the admin session from before the change (another device) is gone as well
    expect((await admin.get('/api/auth/me')).status).toBe(401);
    admin = here!;
  });

  it('a change that is not a password (a name) ends no session', async () => {
    const [session] = await twoSessions('lead');
    expect((await admin.patch(`/api/users/${IDS.lead}`, { name: 'Lead Renamed' })).status).toBe(200);
    expect((await session!.get('/api/auth/me')).body.user.name).toBe('Lead Renamed');
  });
});

describe('disabling and enabling a user', () => {
  it('disabling ends the sessions; enabling again does not bring them back; a new sign-in works', async () => {
    const [before] = await twoSessions('agent2');
    expect((await admin.patch(`/api/users/${IDS.agent2}`, { disabled: true })).status).toBe(200);
    expect(await before!.get('/api/auth/me')).toMatchObject({ status: 401, body: SIGN_IN });

    expect((await admin.patch(`/api/users/${IDS.agent2}`, { disabled: false })).status).toBe(200);
    expect(await before!.get('/api/auth/me')).toMatchObject({ status: 401, body: SIGN_IN });
    expect((await before!.post('/api/records/customer', { values: { name: 'Ghost', phone: '13800000000' } })).status).toBe(401);

    const after = await rt.login('agent2');
    expect((await after.get('/api/auth/me')).body.user.id).toBe(IDS.agent2);
  });
});
