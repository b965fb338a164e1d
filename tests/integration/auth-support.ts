// Shared by the auth suites: a sign-in by hand (to control the address and see the raw cookie) and raw requests.
// The runtime's `declare module 'fastify'` augmentations, for typed access to app.db, app.definitions, app.permissions.
import type {} from '@telesales/runtime/db/plugin';
import type {} from '@telesales/runtime/definitions/store';
import type {} from '@telesales/runtime/auth/permissions';
import type { RuntimeFixture } from '../support/runtime-fixture.js';

export const TEAM_SALES = 'dbae9ae0-bb00-443a-a86d-dab19fd85af5';
export const TEAM_SALES_A = '23e72191-90a6-42d0-b71b-8832e2442338';
export const IDS = {
  admin: 'd92744aa-4c25-4a19-8b9f-5f903ef5a791',
  lead: '779bcd53-7bf6-4f07-b52f-3d969073c43d',
  agent1: 'e6120985-3928-413f-9a6f-a7d23c3fc1d6',
  agent2: 'cf7a2a17-930c-496d-87f8-edd9e9625ae0',
};

export interface RawLogin {
  status: number;
  body: any;
  setCookie: string | undefined;
  /** `sid=...`, ready for a Cookie header. */
  cookie: string;
  csrfToken: string;
}

/**
 * POST /api/auth/login from a given address (the socket's), optionally with an X-Forwarded-For header
 * (believed only from a TRUST_PROXY proxy).
 */
export async function rawLogin(rt: RuntimeFixture, login: string, password: string, ip?: string, forwardedFor?: string): Promise<RawLogin> {
  const res = await rt.app.inject({
    method: 'POST', url: '/api/auth/login', payload: { login, password },
    ...(ip ? { remoteAddress: ip } : {}),
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });
  const setCookie = res.headers['set-cookie'] as string | undefined;
  const body = JSON.parse(res.body);
  return { status: res.statusCode, body, setCookie, cookie: setCookie ? setCookie.split(';')[0]! : '', csrfToken: body.csrfToken ?? '' };
}

/** A request with exactly the headers given (no token added behind the test's back). */
export async function raw(rt: RuntimeFixture, method: string, url: string, headers: Record<string, string>, body?: unknown) {
  const res = await rt.app.inject({
    method: method as 'GET', url,
    headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  let parsed: any;
  try {
    parsed = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    parsed = res.body;
  }
  return { status: res.statusCode, body: parsed, text: res.body, headers: res.headers };
}
