import { join, resolve } from 'node:path';
import { CallRecorder, MediaBridge, type EndpointCall, type MonitorLegMode, type SipEndpoint } from '@telesales/telephony/endpoint/index';
import type { CallDoc } from '../../calls/call-doc.js';
import { onCall } from '../../calls/consult.js';
import { OFFER_SEC } from '../../calls/queue.js';
import type { CallsService } from '../../calls/service.js';
import type { CarrierHost, Party } from '../carrier.js';
import { failureOfRefusal, statusOfRefusal } from './sip-status.js';
import { trunkNumber } from './trunk-number.js';

/**
 * TELEPHONY=sip: connecting the outside party and the agent.
 *
 * BRIDGE, NOT TRANSFER. The runtime's endpoint keeps the customer's leg and places a second leg to the agent
 * (`sip:<userId>@<domain>`, inbound offers) or to the customer (`sip:<number>@<domain>`, click-to-call; the
 * number written as SIP_TRUNK_NUMBER_FORMAT says: trunk-number.ts),
 * and relays the PCMU RTP between the two legs (MediaBridge; WebRTC or plain RTP alike). A REFER/transfer would hand
 * the caller to the agent's phone for good: the runtime could not take the caller back when the agent hangs up
 * (the flow's satisfaction survey runs after the agent's leg), could not record the conversation (the media
 * would no longer pass through it), and, for click-to-call, the agent's UA would have to learn the real number
 * (a transfer target, or the far end's identity in its dialog). Bridging keeps all three on the server: the
 * survey plays on the caller's leg after the agent's BYE, the recording is the relayed frames (two channels),
 * and the agent's dialog is only ever with `runtime` (To: the token they dialled; Contact: the endpoint's).
 * The cost is that the media of every connected call passes through this process (no transcoding: both legs
 * speak PCMU, a frame is forwarded as it arrives).
 *
 * More than two parties the same way: a consulted agent's phone is INVITEd like any offer and joins the bridge
 * apart from the caller (who is on hold), a conference mixes the three, a hand-over or a blind transfer drops
 * the first agent's leg. Which legs stay on the bridge follows the call record (`legsChanged`, after every
 * change of a call): the agents on the call, and the consulted one while talking.
 *
 * The customer's leg toward the trunk is plain RTP/AVP (PCMU, RFC 4733 keys), as trunks speak it; agents' legs
 * are WebRTC (their browsers). A connected call that carries no audio from one side is not a conversation:
 * `watchMedia` ends it as `noMedia` (SIP_NO_MEDIA_SEC).
 */

export interface Bridged {
  callId: string;
  direction: 'in' | 'out';
  /** The outside party's leg (the caller, or the customer the click-to-call rang). */
  customer: EndpointCall;
  /** The agents' legs on the bridge, by agent id. */
  agents: Map<string, EndpointCall>;
  bridge: MediaBridge;
  answeredAt: number;
  /** The no-media check (watchMedia), cleared when the bridge closes. */
  mediaWatch?: NodeJS.Timeout;
}

/** A supervisor's phone on a call (live monitoring): ringing (leg null until answered), then on the bridge. */
interface SupervisorLeg {
  mode: MonitorLegMode;
  leg: EndpointCall | null;
}

interface PendingOffer {
  agentId: string;
  leg: EndpointCall | null;
}

export class SipBridges {
  readonly bridges = new Map<string, Bridged>();
  /** A call's recording, kept across bridges (a blind transfer closes one and the next agent opens another). */
  private readonly recorders = new Map<string, CallRecorder>();
  /** Agent legs this side hung up on purpose (hand-over, consultation over): their end is no agent's hang-up. */
  private readonly released = new WeakSet<EndpointCall>();
  private readonly offers = new Map<string, PendingOffer>();
  /** Click-to-call legs toward the customer while they ring (the agent may give up meanwhile). */
  private readonly dialling = new Map<string, EndpointCall>();
  /** Supervisors' phones by call, then by supervisor id. */
  private readonly supervisors = new Map<string, Map<string, SupervisorLeg>>();
  readonly recordingsDir: string;

  constructor(private readonly svc: CallsService, private readonly host: CarrierHost, private readonly endpoint: SipEndpoint, private readonly domain: string, recordingsDir?: string) {
    this.recordingsDir = recordingsDir ?? join(resolve(process.env.DATA_DIR ?? '.data'), 'recordings');
  }

  /**
   * The queue (or a consultation, or an outbound task's dialer) rings an agent: the endpoint INVITEs the agent's AOR
   * (X-Call-Id binds it to the screen pop). `direction` `out`: the caller leg is a task's dial to the trunk, ended
   * like a click-to-call's customer (the agent's hang-up ends it, no audio ends it with no talk time).
   */
  offer(callId: string, agentId: string, inbound: EndpointCall | undefined, direction: 'in' | 'out' = 'in'): void {
    // The outside party: an inbound caller, or (a consultation during a click-to-call) the bridged customer.
    const caller = inbound ?? this.bridges.get(callId)?.customer;
    if (!caller || caller.endedBy) return;
    const pending: PendingOffer = { agentId, leg: null };
    this.offers.set(callId, pending);
    const svc = this.svc;
    svc.track(this.endpoint.dial(`sip:${agentId}@${this.domain}`, {
      headers: [`X-Call-Id: ${callId}`], timeoutSec: OFFER_SEC + 5, onCreated: (leg) => { pending.leg = leg; },
    }).then(async (leg) => {
      if (this.offers.get(callId) !== pending || caller.endedBy) { await leg.hangup(); return; }
      this.offers.delete(callId);
      // The call's first answer, or a consultation answered: the call record says which (legsChanged).
      if (!(await this.host.agentAnswered(callId, agentId))) { await leg.hangup(); return; }
      this.attach(callId, direction, caller, leg, agentId);
      leg.onEnded((by) => { svc.track(this.agentLegEnded(callId, agentId, leg, by)); });
      if (leg.endedBy) svc.track(this.agentLegEnded(callId, agentId, leg, leg.endedBy));
    }, async (err: unknown) => {
      if (this.offers.get(callId) !== pending) return; // withdrawn: nothing to tell
      this.offers.delete(callId);
      // A consultation nobody answered (a click-to-call's: no carrier timer runs for it) ends as unanswered.
      if (!statusOfRefusal(err) && await this.host.consultUnanswered(callId, agentId)) return;
      // The agent's phone refused or is unreachable: declined, offered to the next agent.
      await this.host.agentHungUp(callId, agentId);
    }));
  }

  /** The offer was taken back (ring time over, caller gone, answered elsewhere): the agent's phone stops ringing. */
  withdraw(callId: string, agentId: string): void {
    const pending = this.offers.get(callId);
    if (!pending || pending.agentId !== agentId) return;
    this.offers.delete(callId);
    void pending.leg?.hangup();
  }

  /**
   * A supervisor joins the call's bridge (listen, whisper, barge), changes mode, or leaves (null). Their phone is
   * INVITEd (`sip:<userId>@<domain>`, X-Monitor-Call-Id) like an agent's offer; answered, it joins the bridge in
   * that mode; hung up on the phone, they leave the call's record too.
   */
  monitor(callId: string, supervisorId: string, mode: MonitorLegMode | null): void {
    let legs = this.supervisors.get(callId);
    const current = legs?.get(supervisorId);
    if (!mode) {
      if (!current) return;
      legs!.delete(supervisorId);
      if (current.leg) { this.bridges.get(callId)?.bridge.monitor(current.leg, null); this.released.add(current.leg); void current.leg.hangup(); }
      return;
    }
    if (current) {
      current.mode = mode;
      if (current.leg) this.bridges.get(callId)?.bridge.monitor(current.leg, mode);
      return;
    }
    if (!this.bridges.has(callId)) return;
    if (!legs) this.supervisors.set(callId, (legs = new Map()));
    const entry: SupervisorLeg = { mode, leg: null };
    legs.set(supervisorId, entry);
    const svc = this.svc;
    svc.track(this.endpoint.dial(`sip:${supervisorId}@${this.domain}`, {
      headers: [`X-Monitor-Call-Id: ${callId}`], timeoutSec: OFFER_SEC + 5, onCreated: (leg) => { entry.leg = leg; },
    }).then(async (leg) => {
      entry.leg = leg;
      const b = this.bridges.get(callId);
      if (this.supervisors.get(callId)?.get(supervisorId) !== entry || !b) { this.released.add(leg); await leg.hangup(); return; }
      b.bridge.monitor(leg, entry.mode);
      leg.onEnded((by) => {
        if (by !== 'remote' || this.released.has(leg)) return;
        this.bridges.get(callId)?.bridge.monitor(leg, null);
        if (this.supervisors.get(callId)?.get(supervisorId) === entry) this.supervisors.get(callId)!.delete(supervisorId);
        svc.track(this.host.monitorEnded(callId, supervisorId));
      });
    }, async () => {
      if (this.supervisors.get(callId)?.get(supervisorId) !== entry) return;
      legs!.delete(supervisorId);
      await this.host.monitorEnded(callId, supervisorId);
    }));
  }

  /** The supervisors' phones of a call hang up (the call, or its bridge, is over). */
  private dropSupervisors(callId: string): void {
    const legs = this.supervisors.get(callId);
    this.supervisors.delete(callId);
    for (const s of legs?.values() ?? []) if (s.leg) { this.released.add(s.leg); void s.leg.hangup(); }
  }

  /** The whole call ended (caller hung up, the flow hung up): the agents' legs, ringing or talking, end too. */
  callEnded(callId: string): void {
    this.dropSupervisors(callId);
    const pending = this.offers.get(callId);
    if (pending) { this.offers.delete(callId); void pending.leg?.hangup(); }
    const b = this.bridges.get(callId);
    if (b) {
      for (const leg of b.agents.values()) { this.released.add(leg); void leg.hangup(); }
      this.svc.track(this.finish(b));
    }
    this.recorders.delete(callId);
  }

  /**
   * The call record changed: the bridge follows it. Agents no longer on the call (hand-over, consultation over,
   * left the conference, transferred away, hung up) leave the bridge and their phone gets a BYE; the consulted
   * agent talks apart from the caller; the call's agent is the one whose mute counts; hold and mute as recorded.
   * With no agent left the bridge closes and the recording so far is stored.
   */
  legsChanged(doc: CallDoc): void {
    const b = this.bridges.get(doc._id);
    if (!b) return;
    const consulted = doc.consult?.status === 'talking' ? doc.consult.agentId : null;
    const wanted = new Set([...onCall(doc), ...(consulted ? [consulted] : [])]);
    for (const [agentId, leg] of [...b.agents]) {
      if (wanted.has(agentId)) continue;
      b.agents.delete(agentId);
      b.bridge.drop(leg);
      this.released.add(leg);
      void leg.hangup();
    }
    if (!b.agents.size) { this.dropSupervisors(doc._id); this.svc.track(this.finish(b)); return; }
    for (const [agentId, leg] of b.agents) b.bridge.consulting(leg, agentId === consulted);
    b.bridge.primary = (doc.agentId && b.agents.get(doc.agentId)) || null;
    b.bridge.hold(!!doc.held);
    b.bridge.mute(!!doc.muted);
  }

  /**
   * The agent's UA dialled `sip:<token>@<domain>`: the token names the call and, on the server only, the number.
   * false: not a token (the caller goes on to be refused). The number goes only into the INVITE toward the
   * customer; the agent's dialog gets 180 and 200 from the endpoint with their own To (the token).
   */
  async clickToCall(agentLeg: EndpointCall): Promise<boolean> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(agentLeg.to) || /^\d+$/.test(agentLeg.to)) return false;
    const svc = this.svc;
    const token = await svc.tokens.redeem(agentLeg.to, agentLeg.from);
    if (!token) { await agentLeg.reject(404); return true; }
    const callId = token.callId;
    // The call's media is in this process from now on: its requests are carried out here (calls/call-owner.ts).
    await svc.owners.claim(callId);
    await agentLeg.progress();
    agentLeg.onEnded(() => { const leg = this.dialling.get(callId); this.dialling.delete(callId); void leg?.hangup(); });
    let customer: EndpointCall;
    try {
      const { sipTrunkNumberFormat, sipTrunkPrefix } = svc.app.sip.config;
      // Plain RTP: a trunk knows no ICE or DTLS (a WebRTC offer gets 488 or, worse, an answer with no common codec).
      customer = await this.endpoint.dial(`sip:${trunkNumber(token.number, sipTrunkNumberFormat, sipTrunkPrefix)}@${this.domain}`, {
        media: 'rtp', timeoutSec: 45, onCreated: (leg) => { this.dialling.set(callId, leg); },
      });
    } catch (err) {
      this.dialling.delete(callId);
      if (agentLeg.endedBy) {
        await this.endOutbound(callId, 'agent', null);
      } else {
        const failure = failureOfRefusal(err);
        await agentLeg.reject(failure.cause === 'busy' ? 486 : 480);
        await this.host.outboundFailed(callId, failure);
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
    await this.host.outboundAnswered(callId);
    const b = this.attach(callId, 'out', customer, agentLeg, token.userId);
    customer.onEnded((by) => { if (by === 'remote') svc.track(this.outboundOver(b, 'caller')); });
    agentLeg.onEnded((by) => { svc.track(this.agentLegEnded(callId, token.userId, agentLeg, by)); });
    if (customer.endedBy) svc.track(this.outboundOver(b, 'caller'));
    else if (agentLeg.endedBy) svc.track(this.agentLegEnded(callId, token.userId, agentLeg, agentLeg.endedBy));
    return true;
  }

  /**
   * A click-to-call is over (the customer hung up, or its last agent, or the system for want of audio): every leg
   * ends, the agent wraps up; `talked` false: no talk time (a dead line).
   */
  private async outboundOver(b: Bridged, side: 'caller' | 'agent' | 'system', talked = true): Promise<void> {
    for (const leg of b.agents.values()) { this.released.add(leg); void leg.hangup(); }
    void b.customer.hangup();
    await this.finish(b);
    this.recorders.delete(b.callId);
    await this.endOutbound(b.callId, side, talked ? b.answeredAt : null);
  }

  /** An answered agent leg joins the call's bridge, opened now if the call has none (its first agent). */
  private attach(callId: string, direction: 'in' | 'out', customer: EndpointCall, leg: EndpointCall, agentId: string): Bridged {
    let b = this.bridges.get(callId);
    if (b) {
      b.agents.set(agentId, leg);
      b.bridge.join(leg, { consulting: true }); // legsChanged brings them to the caller when the record says so
    } else {
      let recorder = this.recorders.get(callId);
      const first = !recorder;
      if (!recorder) { recorder = new CallRecorder(); this.recorders.set(callId, recorder); }
      b = {
        callId, direction, customer, agents: new Map([[agentId, leg]]), answeredAt: this.svc.clock.now(),
        bridge: new MediaBridge(customer, leg, recorder),
      };
      this.bridges.set(callId, b);
      if (first) this.watchMedia(b, leg);
    }
    this.svc.track(this.svc.call(callId).then((doc) => { if (doc) this.legsChanged(doc); }));
    return b;
  }

  /**
   * An agent's leg ended. Hung up by the agent: the same as their console's hang-up (the call's agent wraps up
   * and the caller goes back to the flow; a consulted agent gives the caller back; a conference goes on without
   * them). Legs this side released, or ended with the whole call, need nothing more.
   */
  private async agentLegEnded(callId: string, agentId: string, leg: EndpointCall, by: 'remote' | 'local'): Promise<void> {
    if (by !== 'remote' || this.released.has(leg)) return;
    const b = this.bridges.get(callId);
    if (!b || b.agents.get(agentId) !== leg || b.customer.endedBy) return;
    const doc = await this.svc.call(callId);
    // The last agent of a click-to-call hung up: the customer's leg ends too.
    if (doc?.direction === 'out' && !doc.consult && onCall(doc).length <= 1) return this.outboundOver(b, 'agent');
    await this.host.agentHungUp(callId, agentId);
    // Whatever the record now says, this leg is gone.
    if (b.agents.get(agentId) === leg) {
      b.agents.delete(agentId);
      b.bridge.drop(leg);
      if (!b.agents.size) await this.finish(b);
    }
  }

  /**
   * A dead line (the trunk answered but sends nothing, the customer's phone lost its network, the agent's browser
   * never got its media through) would otherwise stay "talking" until someone hangs up, and count as talk. So
   * SIP_NO_MEDIA_SEC (default 10) after the call's first bridge opened, a side from which not one RTP packet came
   * meanwhile (silence still comes as packets; comfort noise and keys count too) ends the call: failure `noMedia`
   * with the silent side, a warning in the log, the agent freed to wrap up, no talk time. Only the start is
   * watched: a line that goes quiet later is a conversation that happened, ended by whoever hangs up.
   */
  private watchMedia(b: Bridged, agentLeg: EndpointCall): void {
    const sec = this.svc.app.sip.config.sipNoMediaSec ?? 10;
    if (!sec) return;
    const received = (leg: EndpointCall) => leg.media?.rxPackets ?? 0;
    const before = { customer: received(b.customer), agent: received(agentLeg) };
    b.mediaWatch = setTimeout(() => {
      if (this.bridges.get(b.callId) !== b || b.customer.endedBy) return;
      const customerSilent = received(b.customer) === before.customer;
      // An agent who already left (a quick hand-over) is not this bridge's to judge.
      const agentSilent = [...b.agents.values()].includes(agentLeg) && !agentLeg.endedBy && received(agentLeg) === before.agent;
      if (!customerSilent && !agentSilent) return;
      const missing = customerSilent && agentSilent ? 'both' : customerSilent ? 'customer' : 'agent';
      this.svc.track(this.noMedia(b, missing, sec));
    }, sec * 1000);
    b.mediaWatch.unref();
  }

  private async noMedia(b: Bridged, missing: 'customer' | 'agent' | 'both', sec: number): Promise<void> {
    const svc = this.svc;
    svc.app.log.warn({ callId: b.callId, direction: b.direction, missing, afterSec: sec }, 'no audio on a connected call: ended as noMedia');
    await this.host.mediaMissing(b.callId, missing);
    if (b.direction === 'out') return this.outboundOver(b, 'system', false);
    // Inbound: the carrier's hang-up ends the caller's leg and the agents' (sip-carrier.ts) and wraps the agent up
    // (carrier-events.ts: no talk time for a noMedia call).
    svc.table.hangup(b.callId, 'system');
  }

  /** Stops relaying and stores the call's recording so far (the whole of it, each time: a later bridge adds to it). */
  private async finish(b: Bridged): Promise<void> {
    clearTimeout(b.mediaWatch);
    b.bridge.close();
    if (this.bridges.get(b.callId) !== b) return;
    this.bridges.delete(b.callId);
    const recorder = b.bridge.recorder;
    if (!recorder?.bytes) return;
    const name = `${b.callId}.wav`;
    try {
      await recorder.save(join(this.recordingsDir, name));
      await this.svc.update(b.callId, { recording: { file: `recordings/${name}` } });
    } catch (err) {
      this.svc.app.log.warn({ err, callId: b.callId }, 'could not store the call recording');
    }
  }

  /** A click-to-call ended: the agents go to after-call work (as the simulated carrier's hang-up does). */
  private endOutbound(callId: string, side: Party, answeredAt: number | null): Promise<void> {
    return this.host.outboundEnded(callId, side, answeredAt);
  }

  async stop(): Promise<void> {
    for (const b of [...this.bridges.values()]) await this.finish(b);
    for (const p of this.offers.values()) void p.leg?.hangup();
    this.offers.clear();
  }
}
