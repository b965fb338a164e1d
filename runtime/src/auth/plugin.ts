import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { text } from './messages.js';
import { LoginAttempts } from './login-attempts.js';
import { PermissionService } from './permissions.js';
import { databaseRateLimitStore } from './rate-limit-store.js';
import { authRoutes } from './routes.js';
import { SESSION_COOKIE, SessionStore, type Session } from './sessions.js';

declare module 'fastify' {
  interface FastifyInstance {
    sessions: SessionStore;
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    session: Session | null;
  }
  interface FastifyContextConfig {
    /** false for the few routes a cookie-less caller must reach to get a session (login). */
    csrf?: boolean;
    /** true for the few /api/ routes that answer without a session (sign-in, health); all others need one. */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Sessions in an httpOnly cookie; every state-changing request made with that cookie must also carry the
 * session's CSRF token in `x-csrf-token` (a page on another site can send the cookie, not read the token).
 */
export const authPlugin = fp(async (app) => {
  const sessions = new SessionStore(app.db);
  const loginAttempts = new LoginAttempts(app.db);
  // Request counts in the database: behind a load balancer every process counts the same requests.
  const RateLimitStore = databaseRateLimitStore(app.db);
  await Promise.all([sessions.init(), loginAttempts.init(), RateLimitStore.init()]);
  app.decorate('sessions', sessions);
  app.decorate('permissions', new PermissionService(app.db, app.definitions));

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    store: RateLimitStore,
    errorResponseBuilder: (request, context) => ({
      statusCode: 429, error: 'Too Many Requests', code: 'rate_limited',
      message: text('too_many_attempts', requestLocale(request), { seconds: Math.ceil(context.ttl / 1000) }),
    }),
  });

  app.decorateRequest('session', null);
  app.decorate('authenticate', async (request: FastifyRequest) => {
    if (!request.session) throw new ApiError(401, 'unauthenticated', text('unauthenticated', requestLocale(request)));
  });
  // Every API route needs a session unless it says otherwise: a route someone forgets to guard is closed,
  // not open. The CSRF check runs as soon as the session is known, before the body is even validated.
  app.addHook('onRequest', async (request, reply) => {
    const sid = request.cookies[SESSION_COOKIE];
    if (sid) request.session = await sessions.find(sid);
    // routeOptions.url is the matched route's pattern (undefined for a 404), not the raw URL a client can dress up.
    if (request.routeOptions.url?.startsWith('/api/') && !request.routeOptions.config.public) await app.authenticate(request, reply);
    if (SAFE_METHODS.has(request.method) || !request.session || request.routeOptions.config.csrf === false) return;
    const token = request.headers['x-csrf-token'];
    if (typeof token !== 'string' || !sameToken(token, request.session.csrfToken)) {
      throw new ApiError(403, 'csrf', text('csrf', requestLocale(request)));
    }
  });

  // The failed sign-in counter is the sign-in route's own: no other capability reads it.
  await app.register(authRoutes, { loginAttempts });
}, { name: 'auth', dependencies: ['db', 'definitions'] });
