import type { DispositionsDefinition } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { carrierFor } from '../carriers/start.js';
import { readTelephonyConfig } from '../config.js';
import { ensureCallIndexes } from './call-doc.js';
import { CallOwners } from './call-owner.js';
import { listenToCarrier } from './carrier-events.js';
import { recordNoOutcome } from './outcome.js';
import { dispatchFor } from './queue.js';
import { callerRecordRoutes } from './caller-record.js';
import { dialNumberRoutes } from './dial-number.js';
import { monitorRoutes } from './monitor-routes.js';
import { checkDispositionReferences } from './disposition-checks.js';
import { callRoutes } from './routes.js';
import { screenPopRoutes } from './screen-pops.js';
import { CallsService, type TelephonyMode } from './service.js';
import { within } from '../cluster/within.js';

declare module 'fastify' {
  interface FastifyInstance {
    calls: CallsService;
  }
}

/**
 * Calls: click-to-call with tokens, inbound calls run by their flows, skill-group queues offering calls to
 * ready agents, the agents' event streams and phone states, call records and dispositions. The calls are carried
 * by the carrier TELEPHONY names (carriers/: simulated, or the SIP endpoint), through one interface.
 */
export const callsPlugin = fp(async (app: FastifyInstance, options: { mode?: TelephonyMode }) => {
  await ensureCallIndexes(app.db);
  app.definitions.addPublishCheck('dispositions', (next, _previous, locale) => checkDispositionReferences(app.definitions, next as DispositionsDefinition, locale));
  const svc = new CallsService(app, carrierFor(app, options.mode ?? readTelephonyConfig().mode));
  await svc.tokens.init();
  svc.states.onWrapupTimeout = (userId, callId) => recordNoOutcome(svc, userId, callId);
  const owners = new CallOwners(svc);
  svc.owners = owners;
  await svc.states.init();
  await owners.start();
  // After-call work whose process died before its end: any process ends it on time (agent-states.ts).
  svc.states.startSweep(owners.settings.everyMs);
  svc.onStateChanged = async (userId, doc) => {
    svc.events.send(userId, 'state', await svc.states.jsonOf(doc));
    if (doc.kind === 'ready') await dispatchFor(svc, userId);
  };
  const unlisten = listenToCarrier(svc);
  // Decorated on the root instance (fastify-plugin): the SIP endpoint and tests reach the same service.
  app.decorate('calls', svc);
  app.addHook('preClose', async () => {
    unlisten();
    await owners.stop();
    await svc.carrier.stop();
    svc.stop();
    // Work in flight finishes, but with the database gone it would wait for it (server selection): bounded.
    await within(svc.settled(), 2_000);
  });
  await app.register(callRoutes(svc, owners));
  await app.register(screenPopRoutes(svc));
  await app.register(callerRecordRoutes(svc));
  await app.register(dialNumberRoutes(svc));
  await app.register(monitorRoutes(svc, owners));
}, { name: 'calls', dependencies: ['db', 'definitions', 'auth', 'expressions', 'records', 'ownership', 'sip'] });
