// Sign-ins and requests that must be refused: wrong passwords (no hint whether the login exists), guessing
// (locked per login and address), CSRF, disabled users, and user management by the wrong people or with
// wrong references. Each refusal is checked to have written nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { readingIn } from '../support/reader-language.js';
import { IDS, raw, rawLogin } from './auth-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let agent1: ApiClient;

beforeAll(async () => {
  rt = await startRuntime();
  // Both read in Chinese (their stored locale); the refusals below are pinned in English, as the header asks.
  [admin, agent1] = (await Promise.all(['admin', 'agent1'].map((u) => rt.login(u)))).map((c) => readingIn(c, 'en'));
});
afterAll(async () => rt?.close());

const INVALID = { statusCode: 401, error: 'Unauthorized', code: 'invalid_credentials', message: 'Wrong login or password' };
const LOCKED = { statusCode: 429, error: 'Too Many Requests', code: 'rate_limited', message: 'Too many failed sign-ins for this account; try again in 15 minutes' };
// The CSRF session is the admin's, who reads Chinese: the refusal is in Chinese.
const CSRF = { statusCode: 403, error: 'Forbidden', code: 'csrf', message: '缺少 x-csrf-token 请求头或其值不对，请刷新页面后再试' };
const userCount = () => rt.app.db.collection('users').countDocuments();

describe('wrong credentials', () => {
  it('a wrong password: 401 invalid_credentials, no cookie', async () => {
    const res = await rawLogin(rt, 'agent2', 'wrong-password', '10.0.0.1');
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID);
    expect(res.setCookie).toBeUndefined();
  });

  it('an unknown login gets exactly the same answer', async () => {
    const res = await rawLogin(rt, 'nobody', 'wrong-password', '10.0.0.1');
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID);
    expect(res.setCookie).toBeUndefined();
  });

  it('a malformed body: 400 with the path of the missing property', async () => {
    const res = await raw(rt, 'POST', '/api/auth/login', { 'x-forwarded-for': '10.0.0.1' }, { login: 'agent1' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'bad_request', errors: [{ path: '/body/password', code: 'required' }] });
  });
});

describe('guessing a password', () => {
  it('after 10 failures for one login from one address, even the right password is refused (429)', async () => {
    const ip = '10.0.1.1';
    for (let i = 1; i <= 10; i++) {
      const res = await rawLogin(rt, 'lead', `guess-${i}`, ip);
      expect(res.status, `attempt ${i}`).toBe(401);
      expect(res.body).toEqual(INVALID);
    }
    const right = await rawLogin(rt, 'lead', 'lead123', ip);
    expect(right.status).toBe(429);
    expect(right.body).toEqual(LOCKED);
    expect(right.setCookie).toBeUndefined();
    // the same login in another case counts as the same account
    expect((await rawLogin(rt, 'LEAD', 'lead123', ip)).status).toBe(429);
  });

  it('the lock is per login and address: another address, or another login from that address, still signs in', async () => {
    expect((await rawLogin(rt, 'lead', 'lead123', '10.0.1.2')).status).toBe(200);
    expect((await rawLogin(rt, 'agent2', 'agent123', '10.0.1.1')).status).toBe(200);
  });

  it('a successful sign-in clears the count', async () => {
    const ip = '10.0.2.1';
    for (let i = 0; i < 9; i++) expect((await rawLogin(rt, 'agent2', 'nope-nope', ip)).status).toBe(401);
    expect((await rawLogin(rt, 'agent2', 'agent123', ip)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await rawLogin(rt, 'agent2', 'nope-nope', ip)).status).toBe(401);
    expect((await rawLogin(rt, 'agent2', 'agent123', ip)).status).toBe(200);
  });

  it('guessing unknown logins from one address is refused after 30 attempts a minute', async () => {
    const ip = '10.0.3.1';
    for (let i = 0; i < 30; i++) expect((await rawLogin(rt, `ghost${i}`, 'whatever', ip)).status, `attempt ${i}`).toBe(401);
    const res = await rawLogin(rt, 'agent1', 'agent123', ip);
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'rate_limited' });
    expect(res.body.message).toMatch(/^Too many attempts, try again in \d+ seconds$/);
    // other addresses are not affected
    expect((await rawLogin(rt, 'agent1', 'agent123', '10.0.3.2')).status).toBe(200);
  });
});

describe('CSRF', () => {
  let session: { cookie: string; csrfToken: string };
  beforeAll(async () => {
    session = await rawLogin(rt, 'admin', 'admin123', '10.0.4.1');
  });
  const newUser = { login: 'csrf_victim', name: 'Created by CSRF', password: 'password123', role: 'agent' };

  it('a state-changing request with the cookie but no x-csrf-token: 403 csrf, nothing written', async () => {
    const before = await userCount();
    const res = await raw(rt, 'POST', '/api/users', { cookie: session.cookie }, newUser);
    expect(res.status).toBe(403);
    expect(res.body).toEqual(CSRF);
    expect(await userCount()).toBe(before);
  });

  it('a wrong token, an empty one, or another session\'s token: 403 csrf, nothing written', async () => {
    const other = await rawLogin(rt, 'agent1', 'agent123', '10.0.4.2');
    const before = await userCount();
    for (const token of ['wrong', '', other.csrfToken, session.csrfToken.slice(0, -1)]) {
      const res = await raw(rt, 'POST', '/api/users', { cookie: session.cookie, 'x-csrf-token': token }, newUser);
      expect(res.status, `token "${token}"`).toBe(403);
      expect(res.body).toEqual(CSRF);
    }
    expect(await userCount()).toBe(before);
  });

  it('applies to PATCH, PUT, DELETE and to records and definitions too', async () => {
    const recordsBefore = await rt.app.db.collection('records_customer').countDocuments();
    const defsBefore = await rt.app.db.collection('definitions').find().toArray();
    const h = { cookie: session.cookie };
    expect(await raw(rt, 'PATCH', `/api/users/${IDS.agent1}`, h, { disabled: true })).toMatchObject({ status: 403, body: CSRF });
    expect(await raw(rt, 'POST', '/api/records/customer', h, { values: { name: 'CSRF', phone: '13811112222' } })).toMatchObject({ status: 403, body: CSRF });
    expect(await raw(rt, 'POST', '/api/definitions/entity/customer/publish', h, { message: 'x' })).toMatchObject({ status: 403, body: CSRF });
    expect(await raw(rt, 'DELETE', '/api/definitions/entity/customer/draft', h)).toMatchObject({ status: 403, body: CSRF });
    const customer = (await admin.get('/api/definitions/entity/customer')).body.published;
    expect(await raw(rt, 'PUT', '/api/definitions/entity/customer/draft', h, customer)).toMatchObject({ status: 403, body: CSRF });
    expect((await rt.app.db.collection('users').findOne({ _id: IDS.agent1 as never }))!.disabled).toBeUndefined();
    expect(await rt.app.db.collection('records_customer').countDocuments()).toBe(recordsBefore);
    expect(await rt.app.db.collection('definitions').find().toArray()).toEqual(defsBefore);
  });

  it('logout needs the token too (a page elsewhere cannot sign people out)', async () => {
    expect(await raw(rt, 'POST', '/api/auth/logout', { cookie: session.cookie })).toMatchObject({ status: 403, body: CSRF });
    expect((await raw(rt, 'GET', '/api/auth/me', { cookie: session.cookie })).status).toBe(200);
  });

  it('reads need no token; the right token lets the write through', async () => {
    expect((await raw(rt, 'GET', '/api/users', { cookie: session.cookie })).status).toBe(200);
    const res = await raw(rt, 'POST', '/api/users', { cookie: session.cookie, 'x-csrf-token': session.csrfToken }, newUser);
    expect(res.status).toBe(201);
  });
});

describe('disabled users', () => {
  it('a disabled user cannot sign in (same answer as a wrong password) and loses the running session', async () => {
    const session = await rawLogin(rt, 'agent2', 'agent123', '10.0.5.1');
    expect(session.status).toBe(200);
    const res = await admin.patch(`/api/users/${IDS.agent2}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: IDS.agent2, disabled: true });
    const login = await rawLogin(rt, 'agent2', 'agent123', '10.0.5.1');
    expect(login.status).toBe(401);
    expect(login.body).toEqual(INVALID);
    expect(await raw(rt, 'GET', '/api/auth/me', { cookie: session.cookie })).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    expect((await admin.get('/api/users')).body.find((u: any) => u.id === IDS.agent2).disabled).toBe(true);

    await admin.patch(`/api/users/${IDS.agent2}`, { disabled: false });
    expect((await rawLogin(rt, 'agent2', 'agent123', '10.0.5.1')).status).toBe(200);
  });
});

describe('managing users: refusals', () => {
  it('an agent cannot create or change users: 403, nothing written', async () => {
    const before = await userCount();
    const forbidden = { statusCode: 403, error: 'Forbidden', code: 'forbidden', message: 'Only people who manage users may do this' };
    expect(await agent1.post('/api/users', { login: 'sneaky', name: 'Sneaky', password: 'password123', role: 'admin' })).toMatchObject({ status: 403, body: forbidden });
    expect(await agent1.patch(`/api/users/${IDS.agent1}`, { role: 'admin' })).toMatchObject({ status: 403, body: forbidden });
    const lead = readingIn(await rt.login('lead'), 'en');
    expect(await lead.post('/api/users', { login: 'sneaky', name: 'Sneaky', password: 'password123', role: 'agent' })).toMatchObject({ status: 403, body: forbidden });
    expect(await userCount()).toBe(before);
    expect((await agent1.get('/api/auth/me')).body.user.role).toBe('agent');
  });

  it('the role must be published: unknown or draft-only roles are refused at /body/role', async () => {
    const before = await userCount();
    const unknown = await admin.post('/api/users', { login: 'newbie', name: 'Newbie', password: 'password123', role: 'ghost' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({
      statusCode: 400, error: 'Bad Request', code: 'invalid_user', message: 'Role "ghost" is not published',
      errors: [{ path: '/body/role', code: 'unknown', message: 'is not a published role' }],
    });
    const draftRole = {
      kind: 'role', schemaVersion: 1, id: '5d1c2f8e-3a4b-4c5d-8e9f-0a1b2c3d4e5f', key: 'intern', label: { zh: '实习', en: 'Intern' },
      dataScope: 'own', entities: {},
    };
    expect((await admin.post('/api/definitions', draftRole)).status).toBe(201);
    const draftOnly = await admin.post('/api/users', { login: 'newbie', name: 'Newbie', password: 'password123', role: 'intern' });
    expect(draftOnly.status).toBe(400);
    expect(draftOnly.body).toMatchObject({ code: 'invalid_user', message: 'Role "intern" is not published' });
    const inChinese = await readingIn(admin, 'zh').post('/api/users', { login: 'newbie', name: 'Newbie', password: 'password123', role: 'intern' });
    expect(inChinese.body).toMatchObject({ code: 'invalid_user', message: '角色 “intern” 未发布', errors: [{ path: '/body/role', code: 'unknown', message: '不是已发布的角色' }] });
    expect(await admin.patch(`/api/users/${IDS.agent1}`, { role: 'intern' })).toMatchObject({ status: 400, body: { code: 'invalid_user' } });
    expect(await userCount()).toBe(before);
  });

  it('the team must exist: refused at /body/teamId', async () => {
    const res = await admin.post('/api/users', { login: 'newbie', name: 'Newbie', password: 'password123', role: 'agent', teamId: 'no-such-team' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400, error: 'Bad Request', code: 'invalid_user', message: 'Unknown team',
      errors: [{ path: '/body/teamId', code: 'unknown', message: 'is not a team' }],
    });
    expect(await rt.app.db.collection('users').countDocuments({ login: 'newbie' })).toBe(0);
  });

  it('a duplicate login: 409 duplicate at /body/login', async () => {
    const before = await userCount();
    const res = await admin.post('/api/users', { login: 'agent1', name: 'Second Agent One', password: 'password123', role: 'agent' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      statusCode: 409, error: 'Conflict', code: 'duplicate', message: 'Login "agent1" is taken',
      errors: [{ path: '/body/login', code: 'duplicate', message: 'is taken' }],
    });
    expect(await userCount()).toBe(before);
  });

  it('a short password, a bad login, an unknown property: 400 with the path', async () => {
    const short = await admin.post('/api/users', { login: 'newbie', name: 'N', password: 'short', role: 'agent' });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ code: 'bad_request', errors: [{ path: '/body/password', code: 'minLength' }] });
    const badLogin = await admin.post('/api/users', { login: 'Bad Login', name: 'N', password: 'password123', role: 'agent' });
    expect(badLogin.body).toMatchObject({ code: 'bad_request', errors: [{ path: '/body/login', code: 'pattern' }] });
    const extra = await admin.post('/api/users', { login: 'newbie', name: 'N', password: 'password123', role: 'agent', passwordHash: 'scrypt$1$1$1$x$y' });
    expect(extra.body).toMatchObject({ code: 'bad_request', errors: [{ path: '/body/passwordHash', code: 'additionalProperties' }] });
    expect(await rt.app.db.collection('users').countDocuments({ login: 'newbie' })).toBe(0);
  });

  it('changing an unknown user: 404', async () => {
    expect(await admin.patch('/api/users/no-such-user', { name: 'X' })).toMatchObject({ status: 404, body: { code: 'not_found', message: 'No such user' } });
  });
});
