import type { FastifyInstance } from 'fastify';
import { CallTable } from '../calls/call-table.js';
import { carrierHost } from '../calls/carrier-host.js';
import type { CallsService, CarrierFactory, TelephonyMode } from '../calls/service.js';
import { promptMs } from '../flows/simulator.js';
import type { Carrier } from './carrier.js';
import { SimulatedCarrier } from './simulated/simulated-carrier.js';

/**
 * The carrier TELEPHONY names: simulated (the network is played out in this process), or SIP (the runtime's
 * endpoint, loaded only then: sip.js and werift; it registers once every plugin is in). Until the SIP endpoint
 * has started, prompts take their simulated time and nothing rings.
 */
export function carrierFor(app: FastifyInstance, mode: TelephonyMode, seed = 1): CarrierFactory {
  if (mode === 'simulated') {
    return (svc) => {
      const carrier = new SimulatedCarrier({
        clock: svc.clock,
        seed,
        // The simulated network dials the click-to-call token like a SIP trunk would: the number is looked up here.
        resolveDestination: (token) => svc.track(svc.tokens.redeem(token).then((t) => t?.number ?? null)),
      });
      return { table: carrier, carrier };
    };
  }
  return (svc) => {
    const table = new CallTable(svc.clock);
    app.addHook('onReady', async () => {
      const { startSipCarrier } = await import('./sip/sip-carrier.js');
      startSipCarrier(svc, carrierHost(svc));
    });
    return { table, carrier: notStarted(svc) };
  };
}

/** TELEPHONY=sip before the endpoint started. */
function notStarted(svc: CallsService): Carrier {
  return {
    place: () => undefined,
    // a task's dial before the endpoint is up fails at once (the dialer retries it by its rules)
    dialOut: (dial) => void carrierHost(svc).outboundFailed(dial.callId, { cause: 'failed' }),
    prompt: (callId, prompt) => svc.table.play(callId, promptMs(prompt)),
    record: () => false,
    ring: () => undefined,
    stopRinging: () => undefined,
    queueWait: () => undefined,
    legsChanged: () => undefined,
    monitor: () => undefined,
    health: () => ({ mode: 'sip', registered: false, since: null, lastError: 'the SIP endpoint has not started yet' }),
    stop: () => undefined,
  };
}
