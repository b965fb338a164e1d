import type { FastifyInstance } from 'fastify';
import { meSchema, type EntityDefinition, type RoleDefinition } from '@telesales/schemas';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { errorResponses } from '../http/schemas.js';
import { usersCollection } from '../org/users.js';
import type { LoginAttempts } from './login-attempts.js';
import { text } from './messages.js';
import { verifyPassword } from './passwords.js';
import { SESSION_COOKIE, SESSION_HOURS, type SessionUser } from './sessions.js';

/** A dummy hash so an unknown login costs as much time as a wrong password (no user enumeration by timing). */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function authRoutes(app: FastifyInstance, { loginAttempts }: { loginAttempts: LoginAttempts }) {
  async function describe(user: SessionUser, csrfToken: string) {
    const perms = await app.permissions.of(user);
    const entities = (await app.definitions.listPublished('entity')) as EntityDefinition[];
    const role = (await app.definitions.getPublished('role', user.role)) as RoleDefinition | null;
    return {
      user,
      ...(role ? { roleLabel: role.label } : {}),
      csrfToken,
      permissions: {
        manageDefinitions: perms.manageDefinitions,
        manageUsers: perms.manageUsers,
        restoreRecords: perms.restoreRecords,
        dialNumbers: perms.dialNumbers,
        // Live monitoring (the wallboard, listening in): the role sees beyond its own (monitoring/wallboard.ts decides the same way).
        monitor: (perms.role?.dataScope ?? 'own') !== 'own',
        entities: Object.fromEntries(entities.map((e) => [e.key, perms.entity(e.key)])),
      },
    };
  }

  app.post('/api/auth/login', {
    // Keyed by request.ip: the socket's address, or the client a TRUST_PROXY proxy names (never a forged header).
    config: { public: true, csrf: false, rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with a login and password; sets the session cookie',
      body: {
        type: 'object',
        properties: { login: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
        required: ['login', 'password'],
        additionalProperties: false,
      },
      response: { 200: meSchema, ...errorResponses(400, 401, 429) },
    },
  }, async (request, reply) => {
    const { login, password } = request.body as { login: string; password: string };
    const ip = request.ip;
    if (await loginAttempts.isBlocked(login, ip)) {
      throw new ApiError(429, 'rate_limited', text('account_locked', requestLocale(request)));
    }
    const user = await usersCollection(app.db).findOne({ login: login.toLowerCase(), disabled: { $ne: true } });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      await loginAttempts.recordFailure(login, ip);
      throw new ApiError(401, 'invalid_credentials', text('invalid_credentials', requestLocale(request)));
    }
    await loginAttempts.clear(login, ip);
    const { sid, session } = await app.sessions.create(user);
    reply.setCookie(SESSION_COOKIE, sid, {
      httpOnly: true, sameSite: 'lax', path: '/', secure: 'auto', maxAge: SESSION_HOURS * 3600,
    });
    return describe(session.user, session.csrfToken);
  });

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: 'End the session', response: { 204: { type: 'null' } } },
  }, async (request, reply) => {
    const sid = request.cookies[SESSION_COOKIE];
    if (sid) await app.sessions.destroy(sid);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/auth/me', {
    onRequest: [app.authenticate],
    schema: { tags: ['auth'], summary: 'The signed-in user, the CSRF token and what the user may do', response: { 200: meSchema, ...errorResponses(401) } },
  }, async (request) => describe(request.session!.user, request.session!.csrfToken));
}
