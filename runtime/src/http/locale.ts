import type { FastifyRequest } from 'fastify';
import type { Locale } from '@telesales/schemas';

/** The language of messages for this request: the signed-in person's choice, else Accept-Language. */
export function requestLocale(request: FastifyRequest): Locale {
  const own = request.session?.user.locale;
  if (own) return own;
  const header = String(request.headers['accept-language'] ?? '');
  return /^\s*zh/i.test(header) ? 'zh' : 'en';
}
