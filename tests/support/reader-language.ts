import type { Locale } from '@telesales/schemas';
import type { ApiClient } from './runtime-fixture.js';

/** The same person reading in `locale` (the Accept-Language header the builder and console send wins over the stored locale). */
export function readingIn(client: ApiClient, locale: Locale): ApiClient {
  const request: ApiClient['request'] = (method, url, body, headers = {}) => client.request(method, url, body, { 'accept-language': locale, ...headers });
  return {
    login: client.login, csrfToken: client.csrfToken, userId: client.userId, request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    put: (url, body) => request('PUT', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    delete: (url) => request('DELETE', url),
  };
}
