import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/sessions.js';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { errorResponses } from '../http/schemas.js';
import { usersCollection } from '../org/users.js';
import { text } from './messages.js';

const registrationJson = {
  type: 'object',
  properties: {
    mode: { type: 'string', enum: ['simulated', 'sip'], description: 'TELEPHONY: simulated carrier or a real SIP server' },
    wsUrl: { type: 'string', description: 'The SIP server\'s WebSocket URL' },
    domain: { type: 'string' },
    aor: { type: 'string', description: 'sip:<userId>@<domain>, the address to register' },
    username: { type: 'string', description: '<expiry unix seconds>:<userId>' },
    password: { type: 'string', description: 'base64(HMAC-SHA1(secret, username))' },
    expiresAt: { type: 'string', format: 'date-time' },
  },
  required: ['mode', 'wsUrl', 'domain', 'aor', 'username', 'password', 'expiresAt'],
  additionalProperties: false,
} as const;

/** The softphone's registration: short-lived credentials of the signed-in user, never a shared password. */
export async function sipRoutes(app: FastifyInstance) {
  // A disabled person's session stops being a session (401 elsewhere); here the softphone is told why.
  async function requireEnabledUser(request: FastifyRequest) {
    if (request.session) return;
    const sid = request.cookies[SESSION_COOKIE];
    const userId = sid ? await app.sessions.userIdOf(sid) : null;
    const disabled = userId ? await usersCollection(app.db).countDocuments({ _id: userId, disabled: true }, { limit: 1 }) : 0;
    const locale = requestLocale(request);
    if (disabled) throw new ApiError(403, 'user_disabled', text('user_disabled', locale));
    throw new ApiError(401, 'unauthenticated', text('unauthenticated', locale));
  }

  app.get('/api/telephony/registration', {
    // Not open: requireEnabledUser refuses a caller without a session itself, to tell a disabled one why.
    config: { public: true },
    onRequest: requireEnabledUser,
    schema: {
      tags: ['telephony'],
      summary: 'SIP credentials for the signed-in user\'s softphone (valid SIP_CREDENTIAL_TTL)',
      response: { 200: registrationJson, ...errorResponses(401, 403) },
    },
  }, async (request, reply) => {
    const user = request.session!.user;
    const credentials = app.sip.credentials(user.id);
    reply.header('cache-control', 'no-store');
    const { mode, sipWsUrl, sipDomain } = app.sip.config;
    return {
      mode, wsUrl: sipWsUrl, domain: sipDomain, aor: `sip:${user.id}@${sipDomain}`,
      username: credentials.username, password: credentials.password, expiresAt: credentials.expiresAt.toISOString(),
    };
  });
}
