// GET /api/telephony/registration: the softphone's short-lived SIP credentials, for signed-in enabled users only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTelephonyConfig } from '@telesales/runtime/config';
import { sipPassword, verifySipCredentials } from '@telesales/telephony';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import type {} from '@telesales/runtime/sip/plugin';
import { IDS } from './auth-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let agent1: ApiClient;

beforeAll(async () => {
  rt = await startRuntime();
  [admin, agent1] = await Promise.all(['admin', 'agent1'].map((u) => rt.login(u)));
});
afterAll(async () => rt?.close());

describe('GET /api/telephony/registration', () => {
  it('answers the agent\'s address and ephemeral credentials that verify against the shared secret', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await agent1.get('/api/telephony/registration');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      mode: 'simulated', wsUrl: 'ws://127.0.0.1:8080', domain: '127.0.0.1', aor: `sip:${IDS.agent1}@127.0.0.1`,
      username: expect.stringMatching(new RegExp(`^\\d{10}:${IDS.agent1}$`)),
      password: expect.stringMatching(/^[A-Za-z0-9+/]{27}=$/),
      expiresAt: expect.any(String),
    });
    const expiry = Number(res.body.username.split(':')[0]);
    expect(expiry - before).toBeGreaterThanOrEqual(12 * 3600);
    expect(expiry - before).toBeLessThanOrEqual(12 * 3600 + 5);
    expect(new Date(res.body.expiresAt).getTime()).toBe(expiry * 1000);
    expect(res.body.password).toBe(sipPassword(rt.app.sip.secret, res.body.username));
    expect(verifySipCredentials(rt.app.sip.secret, res.body.username, res.body.password)).toBe(true);
  });

  it('generates the secret once and keeps it in settings {_id: "sip"}', async () => {
    const doc = await rt.app.db.collection('settings').findOne({ _id: 'sip' as never });
    expect(doc?.value).toEqual({ secret: rt.app.sip.secret });
    expect(rt.app.sip.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // A second process on the same database uses the same secret.
    const { loadSipSecret } = await import('@telesales/runtime/sip/secret');
    expect(await loadSipSecret(rt.app.db)).toBe(rt.app.sip.secret);
    expect(await loadSipSecret(rt.app.db, 'from-env')).toBe('from-env');
  });

  it('gives each user their own address and credentials', async () => {
    const res = await admin.get('/api/telephony/registration');
    expect(res.status).toBe(200);
    expect(res.body.aor).toBe(`sip:${IDS.admin}@127.0.0.1`);
    expect(res.body.username.endsWith(`:${IDS.admin}`)).toBe(true);
  });

  it('answers 401 without a session', async () => {
    const res = await rt.anonymous().request('GET', '/api/telephony/registration', undefined, { 'accept-language': 'en' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', code: 'unauthenticated', message: 'Please sign in' });
    expect(res.text).not.toContain('password');
  });

  it('answers 403 to a disabled user\'s session, in the person\'s language', async () => {
    const agent2 = await rt.login('agent2');
    expect((await agent2.get('/api/telephony/registration')).status).toBe(200);
    expect((await admin.patch(`/api/users/${IDS.agent2}`, { disabled: true })).status).toBe(200);
    try {
      const res = await agent2.request('GET', '/api/telephony/registration', undefined, { 'accept-language': 'en' });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', code: 'user_disabled', message: 'This account is disabled and cannot register a phone' });
      const zh = await agent2.request('GET', '/api/telephony/registration', undefined, { 'accept-language': 'zh-CN' });
      expect(zh.body.message).toBe('此账号已停用，不能注册话机');
    } finally {
      await admin.patch(`/api/users/${IDS.agent2}`, { disabled: false });
    }
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await agent1.get('/api/openapi.json')).body;
    const op = doc.paths['/api/telephony/registration'].get;
    expect(op.tags).toEqual(['telephony']);
    expect(Object.keys(op.responses).sort()).toEqual(['200', '401', '403']);
    expect(op.responses['200'].content['application/json'].schema.required).toContain('password');
  });
});

describe('telephony configuration', () => {
  it('reads TELEPHONY, SIP_DOMAIN, SIP_WS_URL, SIP_SECRET, SIP_CREDENTIAL_TTL and SIP_RPC_URL', () => {
    expect(readTelephonyConfig({})).toEqual({
      mode: 'simulated', sipDomain: '127.0.0.1', sipWsUrl: 'ws://127.0.0.1:8080', sipSecret: undefined, sipCredentialTtlSec: 43200, sipRpcUrl: 'http://127.0.0.1:8080/RPC',
      sipTrunkNumberFormat: 'e164-no-plus', sipTrunkPrefix: '', sipNoMediaSec: 10,
    });
    expect(readTelephonyConfig({ TELEPHONY: 'sip', SIP_DOMAIN: 'pbx.example.com', SIP_WS_URL: 'wss://pbx.example.com:7443', SIP_SECRET: 's', SIP_CREDENTIAL_TTL: '30m' }))
      .toMatchObject({ mode: 'sip', sipDomain: 'pbx.example.com', sipWsUrl: 'wss://pbx.example.com:7443', sipSecret: 's', sipCredentialTtlSec: 1800, sipRpcUrl: 'http://127.0.0.1:8080/RPC' });
    expect(readTelephonyConfig({ SIP_RPC_URL: 'off' }).sipRpcUrl).toBeUndefined();
    expect(() => readTelephonyConfig({ SIP_RPC_URL: 'ws://x' })).toThrow(/SIP_RPC_URL/);
    expect(readTelephonyConfig({ SIP_CREDENTIAL_TTL: '3600' }).sipCredentialTtlSec).toBe(3600);
    expect(() => readTelephonyConfig({ TELEPHONY: 'pstn' })).toThrow(/TELEPHONY must be/);
    expect(() => readTelephonyConfig({ SIP_WS_URL: 'http://x' })).toThrow(/SIP_WS_URL/);
    expect(() => readTelephonyConfig({ SIP_CREDENTIAL_TTL: '0' })).toThrow(/SIP_CREDENTIAL_TTL/);
    expect(() => readTelephonyConfig({ SIP_CREDENTIAL_TTL: 'soon' })).toThrow(/SIP_CREDENTIAL_TTL/);
  });

  it('reads SIP_TRUNK_NUMBER_FORMAT and SIP_TRUNK_PREFIX, and refuses what a trunk could not be sent', () => {
    expect(readTelephonyConfig({ SIP_TRUNK_NUMBER_FORMAT: 'e164', SIP_TRUNK_PREFIX: '9' })).toMatchObject({ sipTrunkNumberFormat: 'e164', sipTrunkPrefix: '9' });
    expect(readTelephonyConfig({ SIP_TRUNK_NUMBER_FORMAT: 'national' }).sipTrunkNumberFormat).toBe('national');
    expect(() => readTelephonyConfig({ SIP_TRUNK_NUMBER_FORMAT: 'E.164' })).toThrow('SIP_TRUNK_NUMBER_FORMAT must be one of e164, e164-no-plus, national, got "E.164"');
    expect(() => readTelephonyConfig({ SIP_TRUNK_PREFIX: '9;user=phone' })).toThrow(/SIP_TRUNK_PREFIX must be up to 16 digits/);
  });

  it('reads SIP_NO_MEDIA_SEC (0: never end a call for want of audio), and refuses anything but whole seconds', () => {
    expect(readTelephonyConfig({ SIP_NO_MEDIA_SEC: '4' }).sipNoMediaSec).toBe(4);
    expect(readTelephonyConfig({ SIP_NO_MEDIA_SEC: '0' }).sipNoMediaSec).toBe(0);
    expect(() => readTelephonyConfig({ SIP_NO_MEDIA_SEC: '10s' })).toThrow('SIP_NO_MEDIA_SEC must be a number of seconds (0: never), got "10s"');
    expect(() => readTelephonyConfig({ SIP_NO_MEDIA_SEC: '-1' })).toThrow(/SIP_NO_MEDIA_SEC/);
  });
});
