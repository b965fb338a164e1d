import { join, resolve } from 'node:path';
import { CallRecorder, MediaBridge, type EndpointCall, type SipEndpoint } from '@telesales/telephony/endpoint/index';
import { control } from './agent-actions.js';
import { OFFER_SEC } from './queue.js';
import type { CallsService } from './service.js';

/**
 * TELEPHONY=sip: connecting the outside party and the agent.
 *
 * BRIDGE, NOT TRANSFER. The runtime's endpoint keeps the customer's leg and places a second leg to the agent
 * (`sip:<userId>@<domain>`, inbound offers) or to the customer (`sip:<E.164 digits>@<domain>`, click-to-call),
 * and relays the PCMU RTP between the two werift peer connections (MediaBridge). A REFER/transfer would hand
 * the caller to the agent's phone for good: the runtime could not take the caller back when the agent hangs up
 * (the flow's satisfaction survey runs after the agent's leg), could not record the conversation (the media
 * would no longer pass through it), and, for click-to-call, the agent's UA would have to learn the real number
 * (a transfer target, or the far end's identity in its dialog). Bridging keeps all three on the server: the
 * survey plays on the caller's leg after the agent's BYE, the recording is the relayed frames (two channels),
 * and the agent's dialog is only ever with `runtime` (To: the token they dialled; Contact: the endpoint's).
 * The cost is that the media of every connected call passes through this process (no transcoding: both legs
 * speak PCMU, a frame is forwarded as it arrives).
 */

export interface Bridged {
  callId: string;
  direction: 'in' | 'out';
  /** The outside party's leg (the caller, or the customer the click-to-call rang). */
  customer: EndpointCall;
  /** The agent's leg. */
  agent: EndpointCall;
  agentId: string;
  bridge: MediaBridge;
  recorder: CallRecorder;
  answeredAt: number;
  saved: boolean;
}

interface PendingOffer {
  agentId: string;
  leg: EndpointCall | null;
}

const digitsOf = (n: string) => n.replace(/\D/g, '');
/** The status a refused leg got ("refused: 486"). */
const statusOf = (err: unknown) => Number(/refused: (\d{3})/.exec(String((err as Error)?.message ?? err))?.[1] ?? 0);

export class SipBridges {
  readonly bridges = new Map<string, Bridged>();
  private readonly offers = new Map<string, PendingOffer>();
  /** Click-to-call legs toward the customer while they ring (the agent may give up meanwhile). */
  private readonly dialling = new Map<string, EndpointCall>();
  readonly recordingsDir: string;

  constructor(private readonly svc: CallsService, private readonly endpoint: SipEndpoint, private readonly domain: string, recordingsDir?: string) {
    this.recordingsDir = recordingsDir ?? join(resolve(process.env.DATA_DIR ?? '.data'), 'recordings');
  }

  /** The queue rings an agent: the endpoint INVITEs the agent's AOR (X-Call-Id binds it to the screen pop). */
  offer(callId: string, agentId: string, caller: EndpointCall | undefined): void {
    if (!caller || caller.endedBy) return;
    const pending: PendingOffer = { agentId, leg: null };
    this.offers.set(callId, pending);
    const svc = this.svc;
    svc.track(this.endpoint.dial(`sip:${agentId}@${this.domain}`, {
      headers: [`X-Call-Id: ${callId}`], timeoutSec: OFFER_SEC + 5, onCreated: (leg) => { pending.leg = leg; },
    }).then(async (leg) => {
      if (this.offers.get(callId) !== pending || caller.endedBy) { await leg.hangup(); return; }
      this.offers.delete(callId);
      const user = await svc.user(agentId);
      try {
        if (!user) throw new Error('agent gone');
        await control(svc, user, callId, 'answer', user.locale);
      } catch {
        await leg.hangup();
        return;
      }
      const b = this.connect(callId, 'in', caller, leg, agentId);
      leg.onEnded((by) => { svc.track(this.agentLegEnded(b, by)); });
      if (leg.endedBy) svc.track(this.agentLegEnded(b, leg.endedBy));
    }, async () => {
      if (this.offers.get(callId) !== pending) return; // withdrawn: nothing to tell
      this.offers.delete(callId);
      // The agent's phone refused or is unreachable: declined, offered to the next agent.
      const user = await svc.user(agentId);
      if (user) await control(svc, user, callId, 'hangup', user.locale).catch(() => undefined);
    }));
  }

  /** The offer was taken back (ring time over, caller gone, answered elsewhere): the agent's phone stops ringing. */
  withdraw(callId: string, agentId: string): void {
    const pending = this.offers.get(callId);
    if (!pending || pending.agentId !== agentId) return;
    this.offers.delete(callId);
    void pending.leg?.hangup();
  }

  /** The whole call ended (caller hung up, the flow hung up): the agent's leg, ringing or talking, ends too. */
  callEnded(callId: string): void {
    const pending = this.offers.get(callId);
    if (pending) { this.offers.delete(callId); void pending.leg?.hangup(); }
    const b = this.bridges.get(callId);
    if (b) {
      this.svc.track(this.finish(b));
      void b.agent.hangup();
    }
  }

  /**
   * The agent's UA dialled `sip:<token>@<domain>`: the token names the call and, on the server only, the number.
   * false: not a token (the caller goes on to be refused). The number goes only into the INVITE toward the
   * customer; the agent's dialog gets 180 and 200 from the endpoint with their own To (the token).
   */
  async clickToCall(agentLeg: EndpointCall): Promise<boolean> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(agentLeg.to) || /^\d+$/.test(agentLeg.to)) return false;
    const svc = this.svc;
    const token = await svc.tokens.redeem(agentLeg.to);
    if (!token) { await agentLeg.reject(404); return true; }
    if (token.userId !== agentLeg.from) { await agentLeg.reject(403); return true; }
    const callId = token.callId;
    await agentLeg.progress();
    agentLeg.onEnded(() => { const leg = this.dialling.get(callId); this.dialling.delete(callId); void leg?.hangup(); });
    let customer: EndpointCall;
    try {
      customer = await this.endpoint.dial(`sip:${digitsOf(token.number)}@${this.domain}`, {
        timeoutSec: 45, onCreated: (leg) => { this.dialling.set(callId, leg); },
      });
    } catch (err) {
      this.dialling.delete(callId);
      const status = statusOf(err);
      if (agentLeg.endedBy) {
        await this.endOutbound(callId, 'agent', null);
      } else {
        await agentLeg.reject(status === 486 || status === 600 ? 486 : 480);
        await this.unanswered(callId, status === 486 || status === 600 ? 'busy' : status === 404 || status === 484 ? 'failed' : 'noAnswer');
      }
      return true;
    }
    this.dialling.delete(callId);
    if (agentLeg.endedBy) { await customer.hangup(); await this.endOutbound(callId, 'agent', null); return true; }
    try {
      await agentLeg.answer();
    } catch {
      await customer.hangup();
      await this.endOutbound(callId, 'agent', null);
      return true;
    }
    await svc.run(callId, async () => {
      const doc = await svc.update(callId, { status: 'talking', answerAt: svc.now() });
      await svc.pushCall(doc?.agentId, doc);
    });
    const b = this.connect(callId, 'out', customer, agentLeg, token.userId);
    const ended = (side: 'caller' | 'agent') => {
      svc.track((async () => {
        await this.finish(b);
        void (side === 'agent' ? customer : agentLeg).hangup();
        await this.endOutbound(callId, side, b.answeredAt);
      })());
    };
    customer.onEnded((by) => { if (by === 'remote') ended('caller'); });
    agentLeg.onEnded((by) => { if (by === 'remote') ended('agent'); });
    if (customer.endedBy) ended('caller');
    else if (agentLeg.endedBy) ended('agent');
    return true;
  }

  private connect(callId: string, direction: 'in' | 'out', customer: EndpointCall, agent: EndpointCall, agentId: string): Bridged {
    const recorder = new CallRecorder();
    const b: Bridged = {
      callId, direction, customer, agent, agentId, recorder, answeredAt: this.svc.clock.now(), saved: false,
      bridge: new MediaBridge(customer, agent, recorder),
    };
    this.bridges.set(callId, b);
    return b;
  }

  /** Inbound: the agent's leg ended. The agent hung up: wrap-up, and the caller goes back to the flow (survey). */
  private async agentLegEnded(b: Bridged, by: 'remote' | 'local'): Promise<void> {
    await this.finish(b);
    if (by !== 'remote' || b.customer.endedBy) return;
    const user = await this.svc.user(b.agentId);
    if (user) await control(this.svc, user, b.callId, 'hangup', user.locale).catch(() => undefined);
  }

  /** Stops relaying and stores the recording with the call (once). */
  private async finish(b: Bridged): Promise<void> {
    b.bridge.close();
    if (this.bridges.get(b.callId) === b) this.bridges.delete(b.callId);
    if (b.saved) return;
    b.saved = true;
    if (!b.recorder.bytes) return;
    const name = `${b.callId}.wav`;
    try {
      await b.recorder.save(join(this.recordingsDir, name));
      await this.svc.update(b.callId, { recording: { file: `recordings/${name}` } });
    } catch (err) {
      this.svc.app.log.warn({ err, callId: b.callId }, 'could not store the call recording');
    }
  }

  /** A click-to-call ended: the agent goes to after-call work (as the simulated carrier's hang-up does). */
  private endOutbound(callId: string, side: 'caller' | 'agent', answeredAt: number | null): Promise<void> {
    const svc = this.svc;
    return svc.run(callId, async () => {
      const doc = await svc.call(callId);
      if (!doc || doc.endAt) return;
      const endAt = svc.now();
      const talking = doc.status === 'talking' || doc.status === 'ringing';
      const talkSec = answeredAt === null ? 0 : Math.round((endAt.getTime() - answeredAt) / 1000);
      const updated = await svc.update(callId, {
        endAt, ...(talking ? { status: 'wrapup' as const, hangupBy: side, talkSec, agentEndAt: endAt } : {}),
      });
      if (talking && doc.agentId) await svc.states.toKind(doc.agentId, 'wrapup', callId);
      await svc.pushCall(doc.agentId, updated);
    });
  }

  private unanswered(callId: string, outcome: 'busy' | 'noAnswer' | 'failed'): Promise<void> {
    const svc = this.svc;
    return svc.run(callId, async () => {
      const doc = await svc.update(callId, { status: 'wrapup', outcome, endAt: svc.now(), hangupBy: 'system' });
      if (doc?.agentId) await svc.states.toKind(doc.agentId, 'wrapup', callId);
      await svc.pushCall(doc?.agentId, doc);
    });
  }

  async stop(): Promise<void> {
    for (const b of [...this.bridges.values()]) await this.finish(b);
    for (const p of this.offers.values()) void p.leg?.hangup();
    this.offers.clear();
  }
}
