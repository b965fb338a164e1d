import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { audioPlugin } from './audio/plugin.js';
import { authPlugin } from './auth/plugin.js';
import { dashboardsPlugin } from './dashboards/plugin.js';
import { dbPlugin } from './db/plugin.js';
import { definitionsPlugin } from './definitions/plugin.js';
import { definitionRoutes } from './definitions/routes.js';
import { docsPlugin } from './docs/plugin.js';
import { expressionsPlugin } from './expressions/plugin.js';
import { callsPlugin } from './calls/plugin.js';
import { campaignsPlugin } from './campaigns/plugin.js';
import { flowsPlugin } from './flows/plugin.js';
import { healthPlugin } from './health/plugin.js';
import type { TelephonyConfig } from './config.js';
import { registerErrorHandler } from './http/errors.js';
import { redactingLogger } from './http/log-redaction.js';
import { securityHeaders } from './http/security-headers.js';
import { monitoringPlugin } from './monitoring/plugin.js';
import { orgPlugin } from './org/plugin.js';
import { outboundPlugin } from './outbound/plugin.js';
import { outboundRoutes } from './outbound/routes.js';
import { logOutboxPlugin } from './records/log-outbox.js';
import { recordsPlugin } from './records/plugin.js';
import { recordsServicePlugin } from './records/service.js';
import { importsPlugin } from './imports/plugin.js';
import { outboundListsPlugin } from './outbound-lists/plugin.js';
import { exportsPlugin } from './exports/plugin.js';
import { ownershipPlugin } from './ownership/plugin.js';
import { recyclingPlugin } from './recycling/plugin.js';
import { reportsPlugin } from './reports/plugin.js';
import { savedFiltersPlugin } from './saved-filters/plugin.js';
import { sipPlugin } from './sip/plugin.js';
import { staticPlugin, type StaticOptions } from './static/plugin.js';

export interface AppOptions {
  mongoUri: string;
  dbName: string;
  /** True when the database is the embedded server (reported by /api/health). */
  embedded?: boolean;
  /** Where the built builder and console are; omitted in API-only tests. */
  static?: StaticOptions;
  logger?: FastifyServerOptions['logger'];
  /** false: no scheduled jobs in this process (tests that drive sweeps by hand). */
  jobs?: boolean;
  /** TELEPHONY and the SIP server; default: read from the environment. */
  telephony?: TelephonyConfig;
  /** The workspace's time zone (TIME_ZONE); default Asia/Shanghai. */
  timeZone?: string;
  /**
   * TRUST_PROXY: addresses/CIDRs of the reverse proxies allowed to name the client in X-Forwarded-For.
   * Default none: request.ip is the socket's address, which a client cannot forge.
   */
  trustProxy?: string[];
}

/**
 * Builds the whole runtime as one Fastify instance: each capability is a plugin that owns its routes,
 * services and collections. Tests call this and use `inject()` or `listen()`.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // No log line carries a phone, an ID number or a password (http/log-redaction.ts).
    logger: redactingLogger(options.logger),
    trustProxy: options.trustProxy?.length ? options.trustProxy : false,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  });
  registerErrorHandler(app);
  await app.register(securityHeaders);
  await app.register(docsPlugin);
  await app.register(expressionsPlugin);
  await app.register(dbPlugin, { uri: options.mongoUri, dbName: options.dbName });
  await app.register(definitionsPlugin);
  await app.register(authPlugin);
  await app.register(sipPlugin, { config: options.telephony });
  await app.register(definitionRoutes);
  await app.register(orgPlugin);
  await app.register(logOutboxPlugin);
  await app.register(recordsServicePlugin);
  await app.register(recordsPlugin);
  await app.register(ownershipPlugin, { timeZone: options.timeZone });
  await app.register(flowsPlugin);
  await app.register(audioPlugin);
  await app.register(callsPlugin, { mode: options.telephony?.mode });
  await app.register(campaignsPlugin);
  await app.register(outboundPlugin, { disabled: options.jobs === false });
  await app.register(recyclingPlugin, { disabled: options.jobs === false });
  await app.register(importsPlugin, { jobs: options.jobs !== false });
  await app.register(outboundListsPlugin);
  await app.register(outboundRoutes);
  await app.register(monitoringPlugin);
  await app.register(exportsPlugin);
  await app.register(savedFiltersPlugin);
  await app.register(reportsPlugin);
  await app.register(dashboardsPlugin);
  await app.register(healthPlugin, { embedded: !!options.embedded });
  if (options.static) await app.register(staticPlugin, options.static);
  await app.ready();
  // Finish index work a crash may have interrupted after a publish.
  await app.definitions.replayListeners();
  return app;
}
