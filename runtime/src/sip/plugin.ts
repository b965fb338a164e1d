import fp from 'fastify-plugin';
import { sipCredentials, type SipCredentials } from '@telesales/telephony';
import { readTelephonyConfig, type TelephonyConfig } from '../config.js';
import { KamailioRevocation, noRevocation, type SipRevocation } from './revocation.js';
import { sipRoutes } from './routes.js';
import { loadSipSecret } from './secret.js';

export interface SipService {
  config: TelephonyConfig;
  /** The HMAC secret shared with the SIP server (SIP_SECRET, or the one kept in `settings`). */
  secret: string;
  /** Fresh ephemeral credentials for a user id (an agent, or the runtime's own endpoint). */
  credentials(userId: string, now?: Date): SipCredentials;
  /** Tells the SIP server at once when a user is disabled or enabled (their issued credentials outlive that). */
  revocation: SipRevocation;
}

declare module 'fastify' {
  interface FastifyInstance {
    sip: SipService;
  }
}

export interface SipPluginOptions {
  /** Default: read from the environment (TELEPHONY, SIP_DOMAIN, SIP_WS_URL, SIP_SECRET, SIP_CREDENTIAL_TTL, SIP_RPC_URL). */
  config?: TelephonyConfig;
}

/** SIP settings and per-user ephemeral credentials (Kamailio's auth_ephemeral, or any server checking the same HMAC). */
export const sipPlugin = fp<SipPluginOptions>(async (app, options) => {
  const config = options.config ?? readTelephonyConfig();
  const secret = await loadSipSecret(app.db, config.sipSecret);
  const revocation = config.mode === 'sip' && config.sipRpcUrl
    ? new KamailioRevocation({ db: app.db, url: config.sipRpcUrl, secret, domain: config.sipDomain, log: app.log })
    : noRevocation;
  app.decorate('sip', {
    config,
    secret,
    credentials: (userId: string, now?: Date) => sipCredentials(secret, userId, config.sipCredentialTtlSec, now),
    revocation,
  } satisfies SipService);
  // Kamailio keeps its blocked list in memory only: push the disabled users whenever the runtime starts.
  app.addHook('onReady', async () => { await revocation.resync(); });
  app.addHook('onClose', async () => revocation.close());
  await app.register(sipRoutes);
}, { name: 'sip', dependencies: ['db', 'auth'] });
