import type { Me, SessionUser } from '@telesales/schemas';
import { api, setCsrfToken } from './client';

export type { Me, SessionUser };

export async function fetchMe(): Promise<Me> {
  const me = await api<Me>('GET', '/api/auth/me');
  setCsrfToken(me.csrfToken);
  return me;
}

/** Login answers the user and token; permissions come only from /me, so ask for it right after. */
export async function login(loginName: string, password: string): Promise<Me> {
  const res = await api<{ csrfToken: string }>('POST', '/api/auth/login', { login: loginName, password });
  setCsrfToken(res.csrfToken);
  return fetchMe();
}

export async function logout(): Promise<void> {
  try {
    await api<void>('POST', '/api/auth/logout');
  } finally {
    setCsrfToken(null);
  }
}
