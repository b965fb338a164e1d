// Sign-in, the session cookie, /api/auth/me, logout, password storage, and managing users and teams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@telesales/runtime/auth/passwords';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { IDS, TEAM_SALES, TEAM_SALES_A, raw, rawLogin } from './auth-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let agent1: ApiClient;

beforeAll(async () => {
  rt = await startRuntime();
  [admin, agent1] = await Promise.all(['admin', 'agent1'].map((u) => rt.login(u)));
});
afterAll(async () => rt?.close());

const SCRYPT = /^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/;
const agentCustomer = { read: true, create: true, update: true, delete: false, export: false, unmask: false, dataScope: 'own' };

describe('sign in', () => {
  it('answers the user, a CSRF token and permissions, and sets an httpOnly SameSite=Lax cookie', async () => {
    const res = await rawLogin(rt, 'agent1', 'agent123');
    expect(res.status).toBe(200);
    expect(res.setCookie).toMatch(/^sid=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(res.body).toEqual({
      user: { id: IDS.agent1, login: 'agent1', name: '李娜 Li Na', role: 'agent', teamId: TEAM_SALES_A, locale: 'zh' },
      // the role's name from its definition: the UI shows 坐席, not "agent"
      roleLabel: { zh: '坐席', en: 'Agent' },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      permissions: { manageDefinitions: false, manageUsers: false, restoreRecords: false, dialNumbers: false, monitor: false, entities: { customer: agentCustomer } },
    });
    // a second sign-in is a second session with its own token
    const again = await rawLogin(rt, 'agent1', 'agent123');
    expect(again.cookie).not.toBe(res.cookie);
    expect(again.csrfToken).not.toBe(res.csrfToken);
  });

  it('the login is case-insensitive', async () => {
    const res = await rawLogin(rt, 'Agent1', 'agent123');
    expect(res.status).toBe(200);
    expect(res.body.user.login).toBe('agent1');
  });

  it('stores only a hash of the session id', async () => {
    const res = await rawLogin(rt, 'lead', 'lead123');
    const sid = res.cookie.slice('sid='.length);
    const sessions = await rt.app.db.collection('sessions').find({ userId: IDS.lead }).toArray();
    expect(sessions.length).toBeGreaterThan(0);
    expect(JSON.stringify(sessions)).not.toContain(sid);
    expect(sessions.some((s) => s.csrfToken === res.csrfToken)).toBe(true);
    expect(sessions[0]!.expiresAt.getTime() - sessions[0]!.createdAt.getTime()).toBe(12 * 3600_000);
  });

  it('GET /api/auth/me answers the same as the sign-in', async () => {
    const login = await rawLogin(rt, 'admin', 'admin123');
    const me = await raw(rt, 'GET', '/api/auth/me', { cookie: login.cookie });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(login.body);
    expect(me.body).toMatchObject({
      user: { id: IDS.admin, role: 'admin', teamId: TEAM_SALES },
      permissions: { manageDefinitions: true, manageUsers: true, restoreRecords: true, dialNumbers: true, monitor: true, entities: { customer: { unmask: true, dataScope: 'all' } } },
    });
  });

  it('GET /api/auth/me without a cookie, or with an unknown one: 401 unauthenticated', async () => {
    const body = { statusCode: 401, error: 'Unauthorized', code: 'unauthenticated', message: 'Please sign in' };
    expect(await raw(rt, 'GET', '/api/auth/me', {})).toMatchObject({ status: 401, body });
    expect(await raw(rt, 'GET', '/api/auth/me', { cookie: 'sid=forged' })).toMatchObject({ status: 401, body });
  });

  it('logout ends the session: 204, the cookie is cleared, the old cookie is refused', async () => {
    const login = await rawLogin(rt, 'agent2', 'agent123');
    expect((await raw(rt, 'GET', '/api/auth/me', { cookie: login.cookie })).status).toBe(200);
    const out = await raw(rt, 'POST', '/api/auth/logout', { cookie: login.cookie, 'x-csrf-token': login.csrfToken });
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    expect(String(out.headers['set-cookie'])).toBe('sid=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Lax');
    expect(await raw(rt, 'GET', '/api/auth/me', { cookie: login.cookie })).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    expect(await raw(rt, 'GET', '/api/records/customer', { cookie: login.cookie })).toMatchObject({ status: 401 });
    const hash = await rt.app.db.collection('sessions').countDocuments({ userId: IDS.agent2 });
    expect(hash).toBe(0);
  });
});

describe('passwords', () => {
  it('are stored as scrypt hashes that verify', async () => {
    const users = await rt.app.db.collection('users').find().toArray();
    expect(users).toHaveLength(4);
    for (const u of users) expect(u.passwordHash).toMatch(SCRYPT);
    const agent = users.find((u) => u.login === 'agent1')!;
    expect(await verifyPassword('agent123', agent.passwordHash)).toBe(true);
    expect(await verifyPassword('agent124', agent.passwordHash)).toBe(false);
    // the same password, two salts
    expect(users.find((u) => u.login === 'agent2')!.passwordHash).not.toBe(agent.passwordHash);
  });

  it('are never returned by GET /api/users (to an admin or an agent)', async () => {
    for (const who of [admin, agent1]) {
      const res = await who.get('/api/users');
      expect(res.status).toBe(200);
      expect(res.text).not.toMatch(/scrypt|passwordHash|password/i);
      for (const u of res.body) expect(Object.keys(u).sort()).toEqual(['disabled', 'id', 'locale', 'login', 'name', 'role', 'teamId']);
    }
  });
});

describe('users and teams', () => {
  it('lists people sorted by name and the team tree', async () => {
    const users = await agent1.get('/api/users');
    // 张 < 李 < 王 < 管 (code point order)
    expect(users.body.map((u: any) => u.login)).toEqual(['agent2', 'agent1', 'lead', 'admin']);
    expect(users.body).toContainEqual({ id: IDS.agent1, login: 'agent1', name: '李娜 Li Na', role: 'agent', teamId: TEAM_SALES_A, locale: 'zh', disabled: false });
    const teams = await agent1.get('/api/teams');
    expect(teams.body).toEqual([
      { id: TEAM_SALES, key: 'sales', name: { zh: '电销中心', en: 'Sales centre' }, parentId: null },
      { id: TEAM_SALES_A, key: 'sales_a', name: { zh: '销售一组', en: 'Sales A' }, parentId: TEAM_SALES },
    ]);
  });

  it('an admin creates a user who can then sign in with the role and team given', async () => {
    const res = await admin.post('/api/users', { login: 'agent3', name: 'Wu Fang', password: 'agent3pass', role: 'agent', teamId: TEAM_SALES_A, locale: 'en' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), login: 'agent3', name: 'Wu Fang', role: 'agent', teamId: TEAM_SALES_A, locale: 'en', disabled: false });
    expect(res.text).not.toContain('agent3pass');
    const stored = await rt.app.db.collection('users').findOne({ _id: res.body.id });
    expect(stored!.passwordHash).toMatch(SCRYPT);
    const login = await rawLogin(rt, 'agent3', 'agent3pass');
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual({ id: res.body.id, login: 'agent3', name: 'Wu Fang', role: 'agent', teamId: TEAM_SALES_A, locale: 'en' });
    // the supervisor of Sales A now sees the new agent's records (team scope)
    const lead = await rt.login('lead');
    const agent3 = await rt.login('agent3', 'agent3pass');
    const created = await agent3.post('/api/records/customer', { values: { name: 'Team scope', phone: '13700001234' } });
    expect(created.status).toBe(201);
    expect((await lead.get(`/api/records/customer/${created.body.id}`)).status).toBe(200);
  });

  it('a user changed by an admin (role, team) is seen so by the running session', async () => {
    const res = await admin.post('/api/users', { login: 'temp', name: 'Temp', password: 'temppass1', role: 'agent' });
    const temp = await rt.login('temp', 'temppass1');
    expect((await temp.get('/api/auth/me')).body.user).toMatchObject({ role: 'agent', teamId: null });
    const patched = await admin.patch(`/api/users/${res.body.id}`, { role: 'supervisor', teamId: TEAM_SALES_A, name: 'Temp Lead' });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ id: res.body.id, login: 'temp', name: 'Temp Lead', role: 'supervisor', teamId: TEAM_SALES_A, locale: 'zh', disabled: false });
    expect((await temp.get('/api/auth/me')).body.user).toMatchObject({ role: 'supervisor', teamId: TEAM_SALES_A, name: 'Temp Lead' });
  });

  it('a new password replaces the old one', async () => {
    const res = await admin.post('/api/users', { login: 'pwchange', name: 'Pw', password: 'oldpassword', role: 'agent' });
    expect((await admin.patch(`/api/users/${res.body.id}`, { password: 'newpassword' })).status).toBe(200);
    expect((await rawLogin(rt, 'pwchange', 'oldpassword')).status).toBe(401);
    expect((await rawLogin(rt, 'pwchange', 'newpassword')).status).toBe(200);
  });
});
