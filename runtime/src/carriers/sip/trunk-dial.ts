import type { EndpointCall, SipEndpoint } from '@telesales/telephony/endpoint/index';
import type { CallsService } from '../../calls/service.js';
import type { CarrierHost, OutboundDial } from '../carrier.js';
import type { SipBridges } from './sip-bridge.js';
import { failureOfRefusal } from './sip-status.js';
import { trunkNumber } from './trunk-number.js';

/** A caller number fit for a SIP header (digits, an optional +); anything else is not presented. */
const CALLER_ID = /^\+?[0-9]{3,20}$/;

/**
 * TELEPHONY=sip: an outbound task's dial (Carrier.dialOut). The endpoint INVITEs `sip:<number>@SIP_DOMAIN`, which
 * the SIP server relays to the trunk (Kamailio: SIP_TRUNK_URI), over plain RTP/AVP (PCMU + RFC 4733), as a
 * click-to-call's customer leg. The task's caller number goes in P-Asserted-Identity and From's display name:
 * the From URI stays the endpoint's own, whose credentials the SIP server checks (our Kamailio then writes the
 * asserted number into From toward the trunk). Unanswered within the ring time: CANCEL, `noAnswer`; a refusal:
 * its cause (sip-status.ts). Answered: the leg becomes the call's caller leg (`answered`: the carrier's prompts,
 * queue audio and agent offers use it) and the call joins the call table, so a hang-up there ends it.
 *
 * The end is reported once: the far end's BYE here (`outboundEnded`, talk from when an agent was bridged); an
 * agent's BYE or a line with no audio by the bridge (sip-bridge.ts); a hang-up in the call table by the table's
 * own event. Whichever it was, the leg is then forgotten here and in the table.
 */
export class TrunkDials {
  /** Dials still ringing (stopping the carrier cancels them). */
  private readonly ringing = new Map<string, EndpointCall>();
  /** Answered dials whose end is not reported yet. */
  private readonly up = new Set<string>();
  private stopped = false;

  constructor(
    private readonly svc: CallsService,
    private readonly host: CarrierHost,
    private readonly endpoint: SipEndpoint,
    private readonly bridges: SipBridges,
    private readonly leg: { answered(callId: string, call: EndpointCall): void; gone(callId: string): void },
  ) {}

  /** Whether the call is an answered task dial (its agent offers are bridged as outbound: sip-bridge.ts). */
  has(callId: string): boolean {
    return this.up.has(callId);
  }

  async dial(d: OutboundDial): Promise<void> {
    const { sipDomain, sipTrunkNumberFormat, sipTrunkPrefix } = this.svc.app.sip.config;
    const callerId = d.callerId && CALLER_ID.test(d.callerId) ? d.callerId : undefined;
    if (d.callerId && !callerId) this.svc.app.log.warn({ callId: d.callId }, 'outbound task caller number is not digits: the trunk presents its own');
    let leg: EndpointCall;
    try {
      leg = await this.endpoint.dial(`sip:${trunkNumber(d.number, sipTrunkNumberFormat, sipTrunkPrefix)}@${sipDomain}`, {
        media: 'rtp', timeoutSec: d.ringTimeoutSec, fromDisplayName: callerId,
        headers: callerId ? [`P-Asserted-Identity: <sip:${callerId}@${sipDomain}>`] : [],
        onCreated: (call) => { this.ringing.set(d.callId, call); },
      });
    } catch (err) {
      this.ringing.delete(d.callId);
      if (!this.stopped) await this.host.outboundFailed(d.callId, failureOfRefusal(err));
      return;
    }
    this.ringing.delete(d.callId);
    if (this.stopped) { await leg.hangup(); return; }
    // In the table before the lifecycle hears of the answer: a hang-up or a prompt it asks for at once finds the call.
    this.up.add(d.callId);
    this.svc.table.outbound(d.callId);
    this.leg.answered(d.callId, leg);
    leg.onEnded((by) => { this.svc.track(this.ended(d.callId, by)); });
    await this.host.outboundAnswered(d.callId);
    if (leg.endedBy) await this.ended(d.callId, leg.endedBy);
  }

  /** The call table hung the call up (its event tells the lifecycle): the leg's end has nothing more to report. */
  released(callId: string): void {
    this.up.delete(callId);
  }

  private async ended(callId: string, by: 'remote' | 'local'): Promise<void> {
    const unreported = this.up.delete(callId);
    this.leg.gone(callId);
    this.svc.table.forget(callId);
    // Ended from this side: whoever hung up (the table, the bridge) has told the lifecycle.
    if (!unreported || by !== 'remote') return;
    const answeredAt = this.bridges.bridges.get(callId)?.answeredAt ?? null;
    this.bridges.callEnded(callId); // an agent's phone, ringing or talking, hangs up too
    await this.host.outboundEnded(callId, 'caller', answeredAt);
  }

  stop(): void {
    this.stopped = true;
    for (const call of this.ringing.values()) void call.hangup();
    this.ringing.clear();
  }
}
