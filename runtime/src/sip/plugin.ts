import fp from 'fastify-plugin';
import { sipCredentials, type SipCredentials } from '@telesales/telephony';
import { readTelephonyConfig, type TelephonyConfig } from '../config.js';
import { sipRoutes } from './routes.js';
import { loadSipSecret } from './secret.js';

export interface SipService {
  config: TelephonyConfig;
  /** The HMAC secret shared with the SIP server (SIP_SECRET, or the one kept in `settings`). */
  secret: string;
  /** Fresh ephemeral credentials for a user id (an agent, or the runtime's own endpoint). */
  credentials(userId: string, now?: Date): SipCredentials;
}

declare module 'fastify' {
  interface FastifyInstance {
    sip: SipService;
  }
}

export interface SipPluginOptions {
  /** Default: read from the environment (TELEPHONY, SIP_DOMAIN, SIP_WS_URL, SIP_SECRET, SIP_CREDENTIAL_TTL). */
  config?: TelephonyConfig;
}

/** SIP settings and per-user ephemeral credentials (Kamailio's auth_ephemeral, or any server checking the same HMAC). */
export const sipPlugin = fp<SipPluginOptions>(async (app, options) => {
  const config = options.config ?? readTelephonyConfig();
  const secret = await loadSipSecret(app.db, config.sipSecret);
  app.decorate('sip', {
    config,
    secret,
    credentials: (userId: string, now?: Date) => sipCredentials(secret, userId, config.sipCredentialTtlSec, now),
  } satisfies SipService);
  await app.register(sipRoutes);
}, { name: 'sip', dependencies: ['db', 'auth'] });
