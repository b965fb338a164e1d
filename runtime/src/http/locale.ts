import type { FastifyRequest } from 'fastify';
import type { Locale } from '@telesales/schemas';

/**
 * The language of messages for this request. The builder and the console send Accept-Language in the UI
 * language the person picked, so it wins; the person's stored locale is the fallback (e.g. for scripts).
 */
export function requestLocale(request: FastifyRequest): Locale {
  const header = String(request.headers['accept-language'] ?? '').trim().toLowerCase();
  if (header.startsWith('zh')) return 'zh';
  if (header.startsWith('en')) return 'en';
  return request.session?.user.locale ?? 'en';
}
