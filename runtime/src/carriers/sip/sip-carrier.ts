import { join, resolve } from 'node:path';
import type { MonitorMode } from '@telesales/schemas';
import { SipEndpoint, TTS_VOICES, renderSpeech, retryDelayMs, type EndpointCall } from '@telesales/telephony/endpoint/index';
import { existingPromptFile } from '../../audio/prompts.js';
import { promptMs } from '../../flows/simulator.js';
import type { CallDoc } from '../../calls/call-doc.js';
import type { CallsService } from '../../calls/service.js';
import type { Carrier, CarrierHost, OutboundDial, Prompt, QueueWait, TelephonyHealth } from '../carrier.js';
import { QueueAudio } from './queue-audio.js';
import { SipBridges } from './sip-bridge.js';
import { TrunkDials } from './trunk-dial.js';
import { VoicemailRecorder } from './voicemail.js';

export interface SipCarrierOptions {
  /** Where text-to-speech prompts are kept (default TTS_CACHE_DIR, else `${DATA_DIR or .data}/tts`). */
  ttsCacheDir?: string;
  /** ICE host addresses the endpoint offers (default SIP_MEDIA_ADDRESSES, comma separated, else 127.0.0.1). */
  mediaAddresses?: string[];
}

const carriers = new WeakMap<CallsService, SipCarrier>();

/** The SIP side attached to a calls service (TELEPHONY=sip), for tests and diagnostics. */
export function sipCarrierOf(svc: CallsService): SipCarrier | undefined {
  return carriers.get(svc);
}

/**
 * TELEPHONY=sip: the runtime's SIP endpoint reports into the same call lifecycle the simulated carrier
 * drives. The lifecycle's call table (calls/call-table.ts) keeps the calls, the timers (gather and queue
 * timeouts, offers) and the event order; this carrier feeds it what really happens on the SIP side (a call arrives, the caller
 * presses keys, hangs up, a prompt finished playing) and carries out on the SIP side what the flow asks
 * (prompts as audio: uploaded files or text-to-speech; hold music and position announcements in queues;
 * hang-ups as BYE).
 */
export class SipCarrier implements Carrier {
  readonly endpoint: SipEndpoint;
  /** Resolves once the endpoint is registered (retrying 1 s doubling to 30 s while the SIP server does not answer). */
  readonly ready: Promise<void>;
  /** Agent legs, click-to-call legs and the media bridges between them (sip-bridge.ts). */
  readonly bridges: SipBridges;
  /** Hold music and position announcements while a caller waits in a queue (queue-audio.ts). */
  readonly queueAudio: QueueAudio;
  /** Messages callers leave at the flow's voicemail (voicemail.ts). */
  readonly voicemail: VoicemailRecorder;
  /** Outbound tasks' dials to the trunk (trunk-dial.ts). */
  readonly trunk: TrunkDials;
  private readonly calls = new Map<string, EndpointCall>();
  private readonly bargeIn = new Map<string, boolean>();
  private readonly generation = new Map<string, number>();
  private readonly cacheDir: string;
  private readonly unlisten: () => void;
  private stopped = false;

  constructor(private readonly svc: CallsService, private readonly host: CarrierHost, options: SipCarrierOptions = {}) {
    const app = svc.app;
    this.cacheDir = options.ttsCacheDir ?? process.env.TTS_CACHE_DIR ?? join(resolve(process.env.DATA_DIR ?? '.data'), 'tts');
    const mediaAddresses = options.mediaAddresses ?? (process.env.SIP_MEDIA_ADDRESSES ? process.env.SIP_MEDIA_ADDRESSES.split(',').map((s) => s.trim()) : ['127.0.0.1']);
    this.endpoint = new SipEndpoint({
      wsUrl: app.sip.config.sipWsUrl,
      domain: app.sip.config.sipDomain,
      user: 'runtime',
      credentials: () => app.sip.credentials('runtime'),
      media: { hostAddresses: mediaAddresses, rtp: { address: mediaAddresses[0], ports: process.env.SIP_RTP_PORTS } }, // plain RTP: SIP_RTP_PORTS="20000-20999"
      onCall: (call) => { svc.track(this.incoming(call)); },
      log: (message, data, level) => app.log[level ?? 'info'](data ?? {}, message),
    });
    this.bridges = new SipBridges(svc, host, this.endpoint, app.sip.config.sipDomain);
    this.queueAudio = new QueueAudio(svc, (callId) => this.calls.get(callId), this.cacheDir);
    this.voicemail = new VoicemailRecorder(svc, host);
    // An answered dial is the call's caller leg, as an inbound caller's is.
    this.trunk = new TrunkDials(svc, host, this.endpoint, this.bridges, {
      answered: (callId, call) => { this.calls.set(callId, call); },
      gone: (callId) => { this.forget(callId); },
    });
    // The flow (or an agent, or an outbound task's dialer) ended the call: the SIP side says goodbye.
    this.unlisten = svc.table.on((event) => {
      if (event.type !== 'hangup') return;
      this.trunk.released(event.callId);
      this.voicemail.callEnded(event.callId);
      this.bridges.callEnded(event.callId);
      const call = this.calls.get(event.callId);
      this.forget(event.callId);
      if (call && !call.endedBy) void call.hangup();
    });
    this.ready = this.register();
  }

  private async register(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.endpoint.start();
        return;
      } catch (err) {
        if (this.stopped) throw err;
        const delay = retryDelayMs(attempt);
        // Warned once, not at every retry: the health check and the start banner show the latest error.
        if (attempt === 0) this.svc.app.log.warn({ reason: (err as Error).message }, 'SIP endpoint registration failed; retrying (1 s doubling to 30 s)');
        await this.endpoint.stop().catch(() => undefined);
        await new Promise((r) => setTimeout(r, delay).unref());
        if (this.stopped) throw err;
      }
    }
  }

  /** An INVITE reached the endpoint: a number some published flow declares runs that flow; others are refused. */
  private async incoming(call: EndpointCall): Promise<void> {
    const run = await this.host.flowFor(call.to);
    if (!run && await this.bridges.clickToCall(call)) return;
    if (!run) {
      this.svc.app.log.info({ to: call.to }, 'SIP call to a number no published flow declares: refused');
      await call.reject(404);
      return;
    }
    try {
      await call.answer();
    } catch {
      return; // the caller gave up while ringing
    }
    const callId = await this.host.arrived(run, call.from, call.to);
    this.calls.set(callId, call);
    call.onDtmf((key) => {
      if (this.voicemail.key(callId, key)) return; // # ends a message
      // A key during a prompt the caller may interrupt stops it; the flow decides what the key means.
      if (this.bargeIn.get(callId) && call.playing) call.stopPlayback();
      this.svc.table.press(callId, key);
    });
    call.onEnded((by) => {
      this.voicemail.callEnded(callId);
      this.forget(callId);
      if (by === 'remote') this.svc.table.hangup(callId, 'caller');
    });
    if (call.endedBy === 'remote') { this.forget(callId); this.svc.table.hangup(callId, 'caller'); }
  }

  /**
   * Carrier: plays a prompt as audio: the uploaded file when the prompt has one (text-to-speech of its text
   * when the file is missing), else the text through espeak-ng (cached); promptDone when it has played out.
   */
  prompt(callId: string, prompt: Prompt, language: 'zh' | 'en', bargeIn: boolean): void {
    const call = this.calls.get(callId);
    const generation = (this.generation.get(callId) ?? 0) + 1;
    this.generation.set(callId, generation);
    this.bargeIn.set(callId, bargeIn);
    const simulated = () => this.svc.table.play(callId, promptMs(prompt));
    if (!call || (!prompt.text && !prompt.audio)) {
      call?.stopPlayback();
      simulated();
      return;
    }
    const log = this.svc.app.log;
    this.svc.track((async () => {
      let file: string | null = null;
      if (prompt.audio) {
        file = await existingPromptFile(prompt.audio);
        if (!file) log.warn({ callId, audio: prompt.audio }, `audio prompt file missing: ${prompt.text ? 'text-to-speech of its text' : 'silence'} instead`);
      }
      if (!file && prompt.text) {
        try {
          file = await renderSpeech(prompt.text, TTS_VOICES[language] ?? 'en-us', { cacheDir: this.cacheDir });
        } catch (err) {
          log.warn({ err }, 'text-to-speech failed: the prompt takes its simulated time in silence');
        }
      }
      if (this.generation.get(callId) !== generation) return; // another prompt came meanwhile
      if (!file) { call.stopPlayback(); simulated(); return; }
      let outcome;
      try {
        outcome = await call.play(file);
      } catch (err) {
        log.warn({ err, callId, file }, 'prompt file unreadable: it takes its simulated time in silence');
        if (this.generation.get(callId) === generation) simulated();
        return;
      }
      if (outcome === 'done' && this.generation.get(callId) === generation) this.svc.table.play(callId, 0);
    })());
  }

  /** Nothing to place: the agent's phone dials the click-to-call token (sip-bridge.ts `clickToCall`). */
  place(): void {}

  /** Carrier: an outbound task's dial to the trunk over plain RTP (trunk-dial.ts). */
  dialOut(dial: OutboundDial): void {
    this.svc.track(this.trunk.dial(dial));
  }

  /** Carrier: the queue (or a task's dialer) rings an agent; their phone gets an INVITE, bridged to the caller when answered. */
  ring(callId: string, agentId: string): void {
    this.bridges.offer(callId, agentId, this.calls.get(callId), this.trunk.has(callId) ? 'out' : 'in');
  }

  stopRinging(callId: string, agentId: string): void {
    this.bridges.withdraw(callId, agentId);
  }

  /** Carrier: the voicemail node records the caller's message (beep, then until #, the maximum, or hang-up). */
  record(callId: string, maxSec: number): boolean {
    const call = this.calls.get(callId);
    if (!call) return false;
    this.voicemail.start(callId, call, maxSec);
    return true;
  }

  /** Carrier: hold music and position announcements while the caller waits in a queue; null: silence at once. */
  queueWait(callId: string, wait: QueueWait | null): void {
    if (wait) this.queueAudio.start(callId, wait);
    else this.queueAudio.stop(callId);
  }

  health(): TelephonyHealth {
    const status = this.endpoint.registration;
    return { mode: 'sip', registered: status.registered, aor: status.aor, server: status.server, since: status.since, lastError: status.lastError };
  }

  /** Carrier: the bridge follows the call record (agents on it, consultation, hold, mute). */
  legsChanged(doc: CallDoc): void {
    if (doc.status === 'talking' || doc.endAt) this.queueAudio.stop(doc._id); // an agent has the caller: no more hold music
    this.bridges.legsChanged(doc);
  }

  /** Carrier: a supervisor's phone joins the call's bridge (listen, whisper, barge) or leaves it. */
  monitor(doc: CallDoc, supervisorId: string, mode: MonitorMode | null): void {
    this.bridges.monitor(doc._id, supervisorId, mode);
  }

  /** The SIP call behind a call id (tests, diagnostics). */
  call(callId: string): EndpointCall | undefined {
    return this.calls.get(callId);
  }

  private forget(callId: string): void {
    this.calls.delete(callId);
    this.bargeIn.delete(callId);
    this.generation.delete(callId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unlisten();
    this.queueAudio.stopAll();
    this.voicemail.stop();
    this.trunk.stop();
    await this.bridges.stop();
    await this.endpoint.stop();
  }
}

/** Makes the SIP endpoint the calls service's carrier (prompts become audio) and starts registering it. */
export function startSipCarrier(svc: CallsService, host: CarrierHost, options?: SipCarrierOptions): SipCarrier {
  const carrier = new SipCarrier(svc, host, options);
  carriers.set(svc, carrier);
  svc.carrier = carrier;
  void carrier.ready.catch(() => undefined);
  return carrier;
}
