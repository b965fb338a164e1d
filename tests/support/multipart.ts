// Uploads a file the way a browser's FormData does (multipart/form-data), through app.inject with a
// signed-in session. The fixture's ApiClient sends JSON only, so this signs in on its own.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORDS, type ApiResponse } from './runtime-fixture.js';

export interface Uploader {
  upload<T = any>(url: string, file: { name: string; content: Buffer | string; type?: string }, locale?: 'zh' | 'en'): Promise<ApiResponse<T>>;
  /** A GET whose raw bytes matter (xlsx downloads). */
  download(url: string): Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }>;
}

export function multipartBody(file: { name: string; content: Buffer | string; type?: string }) {
  const boundary = `----telesales${randomUUID().replace(/-/g, '')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), Buffer.from(file.content), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function uploader(app: FastifyInstance, login: string, password = DEMO_PASSWORDS[login]!): Promise<Uploader> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
  if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.statusCode}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const csrf = (JSON.parse(res.body) as { csrfToken: string }).csrfToken;
  return {
    async upload(url, file, locale = 'en') {
      const { payload, contentType } = multipartBody(file);
      const r = await app.inject({
        method: 'POST', url, payload,
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': contentType, 'accept-language': locale },
      });
      let body: any;
      try { body = JSON.parse(r.body); } catch { body = r.body; }
      return { status: r.statusCode, body, text: r.body, headers: r.headers };
    },
    async download(url) {
      const r = await app.inject({ method: 'GET', url, headers: { cookie, 'accept-language': 'en' } });
      return { status: r.statusCode, body: r.rawPayload, headers: r.headers };
    },
  };
}
