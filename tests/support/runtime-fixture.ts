import type { FastifyInstance } from 'fastify';
import { startEmbeddedMongo, type EmbeddedMongo } from '@telesales/embedded-mongo';
import { buildApp, type AppOptions } from '@telesales/runtime/app';
import { installTemplate, templateDir } from '@telesales/runtime/templates/install';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  /** The raw response text, for searching it for data that must not be there. */
  text: string;
  headers: Record<string, unknown>;
}

export interface ApiClient {
  login: string;
  csrfToken: string;
  userId: string;
  request<T = any>(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  get<T = any>(url: string): Promise<ApiResponse<T>>;
  post<T = any>(url: string, body?: unknown): Promise<ApiResponse<T>>;
  put<T = any>(url: string, body?: unknown): Promise<ApiResponse<T>>;
  patch<T = any>(url: string, body?: unknown): Promise<ApiResponse<T>>;
  delete<T = any>(url: string): Promise<ApiResponse<T>>;
}

export interface RuntimeFixture {
  app: FastifyInstance;
  mongo: EmbeddedMongo;
  uri: string;
  dbName: string;
  /** Signs in through the API and returns a client that sends the cookie and the CSRF token. */
  login(name: string, password?: string, options?: { address?: string }): Promise<ApiClient>;
  /** A client without a session. */
  anonymous(): ApiClient;
  close(): Promise<void>;
}

/** The demo template's passwords, by login. */
export const DEMO_PASSWORDS: Record<string, string> = { admin: 'admin123', lead: 'lead123', agent1: 'agent123', agent2: 'agent123' };

let counter = 0;

function client(app: FastifyInstance, login: string, cookie?: string, csrfToken = '', userId = ''): ApiClient {
  const request = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrfToken && method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    let parsed: unknown = undefined;
    try {
      parsed = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      parsed = res.body;
    }
    return { status: res.statusCode, body: parsed as any, text: res.body, headers: res.headers };
  };
  return {
    login, csrfToken, userId, request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    put: (url, body) => request('PUT', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    delete: (url) => request('DELETE', url),
  };
}

/**
 * A real runtime (buildApp) on a real embedded database (a worker thread, memory only), with the
 * insurance demo template installed: admin, lead (supervisor of Sales A), agent1 and agent2 (Sales A).
 */
export async function startRuntime(
  options: {
    template?: string | false; mongo?: EmbeddedMongo; trustProxy?: string[]; logger?: AppOptions['logger']; static?: AppOptions['static'];
  } = {},
): Promise<RuntimeFixture> {
  const mongo = options.mongo ?? (await startEmbeddedMongo());
  const dbName = `rt_${process.pid}_${++counter}`;
  const { trustProxy, logger } = options;
  const app = await buildApp({ mongoUri: mongo.uri, dbName, embedded: true, trustProxy, logger, static: options.static });
  if (options.template !== false) await installTemplate(app, templateDir(options.template ?? 'insurance'));
  return {
    app, mongo, uri: mongo.uri, dbName,
    async login(name, password = DEMO_PASSWORDS[name]!, { address }: { address?: string } = {}) {
      // Tests that sign in many people at once give each an address of their own (logins are limited per address).
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: name, password }, ...(address ? { remoteAddress: address } : {}) });
      if (res.statusCode !== 200) throw new Error(`login ${name} failed: ${res.statusCode} ${res.body}`);
      const setCookie = String(res.headers['set-cookie']).split(';')[0]!;
      const body = JSON.parse(res.body) as { csrfToken: string; user: { id: string } };
      return client(app, name, setCookie, body.csrfToken, body.user.id);
    },
    anonymous: () => client(app, 'anonymous'),
    async close() {
      await app.close();
      if (!options.mongo) await mongo.stop();
    },
  };
}
