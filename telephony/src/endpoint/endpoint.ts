import { Invitation, Inviter, Registerer, RegistererState, SessionState, UserAgent, type Session } from 'sip.js';
import { FRAME_BYTES, FRAME_MS, ULAW_SILENCE, infoDigits, loadUlaw } from './audio.js';
import { retryDelayMs } from './backoff.js';
import { tcpReachable, within } from './reachable.js';
import type { CallMediaSession } from './call-media.js';
import { PlainRtpMedia, parseAudioSdp, type PlainRtpOptions } from './plain-rtp-media.js';
import { WeriftMedia, type WeriftMediaOptions } from './werift-media.js';

export interface EndpointCredentials {
  username: string;
  password: string;
}

export interface SipEndpointOptions {
  /** The SIP server's WebSocket URL (Kamailio: ws://127.0.0.1:8080). */
  wsUrl: string;
  domain: string;
  /** The user the endpoint registers as; the SIP server sends it calls to numbers nobody registered. */
  user?: string;
  /** Credentials for the user, asked again for every (re)registration so ephemeral ones stay fresh. */
  credentials: () => EndpointCredentials;
  /** Registration lifetime asked of the server, in seconds. */
  registerExpiresSec?: number;
  /** WebRTC media (ICE host addresses, STUN/TURN) and plain RTP media (`rtp`: address announced, port range). */
  media?: Pick<WeriftMediaOptions, 'hostAddresses' | 'iceServers'> & { rtp?: Pick<PlainRtpOptions, 'address' | 'ports' | 'latch'> };
  /** A call arrived: answer it (`call.answer()`) or refuse it (`call.reject()`), now or after some work. */
  onCall: (call: EndpointCall) => void;
  /** `warn`: the registration was lost, or a call refused for its media; everything else is `info`. */
  log?: (message: string, data?: Record<string, unknown>, level?: 'info' | 'warn') => void;
}

/** Whether the SIP server knows where to send the endpoint's calls (for health checks and the start banner). */
export interface EndpointRegistration {
  /** The address of record the endpoint registers (`sip:runtime@<domain>`). */
  aor: string;
  /** The SIP server's WebSocket URL. */
  server: string;
  registered: boolean;
  /** When `registered` last changed (null: never registered yet). */
  since: string | null;
  /** Why the last connection or REGISTER failed (null: none failed since the last success). */
  lastError: string | null;
}

export type PlayOutcome = 'done' | 'stopped' | 'ended';

/** Why a leg the endpoint placed (`SipEndpoint.dial`) never connected. */
export interface DialRefusal extends Error {
  call: EndpointCall;
  /** The final SIP status (0: none came, the call ended otherwise). */
  status: number;
  /** The answer's Reason header (RFC 3326: `Q.850;cause=17`), when it had one. */
  reason?: string;
  /** Unanswered within the dial's `timeoutSec`: the endpoint cancelled it. */
  timedOut: boolean;
}
export type DtmfSource = 'rfc4733' | 'info';

interface Playback {
  samples: Buffer;
  offset: number;
  resolve: (outcome: PlayOutcome) => void;
}

/**
 * One call the endpoint holds (an INVITE it received). Media is WebRTC through werift or plain RTP; a prompt plays as
 * 20 ms PCMU frames in real time, silence between prompts; keys arrive as RFC 4733 events or SIP INFO.
 */
export class EndpointCall {
  /** The SIP Call-ID. */
  readonly id: string;
  /** The caller's user part (their number or user id). */
  readonly from: string;
  /**
   * What was dialled (an entry number, a click-to-call token, queue-<key>): the To user, since the server's
   * location lookup rewrites the request-URI to the endpoint's own contact.
   */
  readonly to: string;
  /** The media (WebRTC through werift, or plain RTP), once the call is answered. */
  media: CallMediaSession | null = null;
  endedBy: 'remote' | 'local' | null = null;
  private playback: Playback | null = null;
  private startedAt: number | null = null;
  private framesSent = 0;
  private readonly dtmfListeners = new Set<(key: string, via: DtmfSource) => void>();
  private readonly endListeners: ((by: 'remote' | 'local') => void)[] = [];
  private readonly audioListeners = new Set<(payload: Buffer) => void>();
  /** Bridged to another leg: frames come from there (`relayFrame`), no silence is sent between prompts. */
  relaying = false;
  /**
   * Mixed audio for this leg (a conference): asked for one frame at every 20 ms tick when no prompt plays and
   * the leg is not relaying; null (or a null frame): silence.
   */
  feed: (() => Buffer | null) | null = null;
  /** The session: an Invitation (a call that reached the endpoint) or an Inviter (a leg the endpoint placed, `SipEndpoint.dial`). */
  readonly session: Invitation | Inviter;

  constructor(session: Invitation | Inviter) {
    this.session = session;
    this.id = session.request.callId;
    if (session instanceof Inviter) {
      this.from = session.request.from.uri.user ?? '';
      this.to = session.remoteIdentity.uri.user ?? '';
    } else {
      this.from = session.remoteIdentity.uri.user ?? '';
      this.to = session.request.to.uri.user ?? '';
    }
  }

  /** The INVITE this call came with (inbound calls only). */
  get invitation(): Invitation {
    if (!(this.session instanceof Invitation)) throw new Error('an outgoing leg has no incoming INVITE');
    return this.session;
  }

  get outgoing(): boolean {
    return this.session instanceof Inviter;
  }

  header(name: string): string | undefined {
    return this.session.request.getHeader(name);
  }

  get state(): SessionState {
    return this.session.state;
  }

  /** Every audio payload (PCMU) the far end sends; returns the unsubscribe. */
  onAudio(listener: (payload: Buffer) => void): () => void {
    this.audioListeners.add(listener);
    return () => this.audioListeners.delete(listener);
  }

  /** Tells the far end it rings (180) while the endpoint places another leg (inbound calls). */
  async progress(): Promise<void> {
    if (this.session instanceof Invitation && this.session.state === SessionState.Initial) await this.session.progress().catch(() => undefined);
  }

  /** A frame relayed from the bridged leg: sent at once, unless a prompt is playing to this side. */
  relayFrame(payload: Buffer): void {
    if (this.playback || this.endedBy || !this.media?.isConnected) return;
    this.media.sendFrame(payload, false);
  }

  /** Every key the far end sends; returns the unsubscribe. */
  onDtmf(listener: (key: string, via: DtmfSource) => void): () => void {
    this.dtmfListeners.add(listener);
    return () => this.dtmfListeners.delete(listener);
  }

  onEnded(listener: (by: 'remote' | 'local') => void): void {
    this.endListeners.push(listener);
  }

  /** Answers (200 OK with the werift answer); resolves when the call is established. */
  async answer(): Promise<void> {
    const established = new Promise<void>((resolve, reject) => {
      this.invitation.stateChange.addListener((s) => {
        if (s === SessionState.Established) resolve();
        if (s === SessionState.Terminated) reject(new Error('the call ended before it was established'));
      });
    });
    await this.invitation.accept();
    await established;
  }

  async reject(statusCode = 480): Promise<void> {
    if (this.session instanceof Invitation && this.session.state === SessionState.Initial) await this.session.reject({ statusCode });
  }

  /**
   * Plays an 8 kHz mu-law file (raw, or WAV) and resolves when its last frame went out ('done'), when
   * another prompt replaced it or `stopPlayback` ran ('stopped'), or when the call ended ('ended').
   */
  async play(file: string): Promise<PlayOutcome> {
    const samples = await loadUlaw(file);
    return this.playSamples(samples);
  }

  playSamples(samples: Buffer): Promise<PlayOutcome> {
    if (this.endedBy) return Promise.resolve('ended');
    this.stopPlayback();
    return new Promise((resolve) => { this.playback = { samples, offset: 0, resolve }; });
  }

  stopPlayback(outcome: PlayOutcome = 'stopped'): void {
    const p = this.playback;
    this.playback = null;
    p?.resolve(outcome);
  }

  get playing(): boolean {
    return this.playback !== null;
  }

  /** Ends the call from this side (BYE, or a refusal while it is not answered yet). */
  async hangup(): Promise<void> {
    if (this.endedBy) return;
    this.endedBy = 'local';
    const session = this.session;
    const s = session.state;
    try {
      if (s === SessionState.Established) await session.bye();
      else if (session instanceof Inviter && (s === SessionState.Initial || s === SessionState.Establishing)) await session.cancel();
      else if (session instanceof Invitation && (s === SessionState.Initial || s === SessionState.Establishing)) await session.reject({ statusCode: 480 });
    } catch { /* already gone */ }
  }

  /** @internal The endpoint's 20 ms tick: sends the frames due since media came up (catching up a little after a stall). */
  tick(now: number): void {
    if (!this.media?.isConnected || this.endedBy) return;
    if (this.startedAt === null) this.startedAt = now;
    const due = Math.floor((now - this.startedAt) / FRAME_MS) + 1 - this.framesSent;
    if (due > 5) this.framesSent += due - 5; // far behind (a long stall): drop time, not audio
    if (this.relaying && !this.playback) { this.framesSent += Math.max(0, due); return; } // the bridged leg's frames go out instead
    for (let i = 0; i < Math.min(due, 5); i++) this.sendNextFrame();
  }

  private sendNextFrame(): void {
    const p = this.playback;
    let frame: Buffer;
    if (p) {
      frame = p.samples.subarray(p.offset, p.offset + FRAME_BYTES);
      if (frame.length < FRAME_BYTES) frame = Buffer.concat([frame, Buffer.alloc(FRAME_BYTES - frame.length, ULAW_SILENCE)]);
      p.offset += FRAME_BYTES;
    } else {
      frame = this.feed?.() ?? SILENCE;
    }
    this.media!.sendFrame(frame, this.framesSent === 0);
    this.framesSent++;
    if (p && p.offset >= p.samples.length && this.playback === p) {
      this.playback = null;
      p.resolve('done');
    }
  }

  /** @internal */
  dtmf(key: string, via: DtmfSource): void {
    for (const l of this.dtmfListeners) l(key, via);
  }

  /** @internal */
  audio(payload: Buffer): void {
    for (const l of this.audioListeners) l(payload);
  }

  /** @internal */
  ended(): void {
    if (!this.endedBy) this.endedBy = 'remote';
    this.stopPlayback('ended');
    for (const l of this.endListeners) l(this.endedBy);
  }
}

const SILENCE = Buffer.alloc(FRAME_BYTES, ULAW_SILENCE);

/**
 * The runtime's SIP endpoint: a sip.js user agent in Node, registered with the SIP server as `runtime`
 * (calls to numbers nobody registered reach it). Media follows the caller's offer: UDP/TLS/RTP/SAVPF gets
 * WebRTC through werift (browsers, sip.js UAs), RTP/AVP gets plain RTP over UDP (SIP phones, trunks, sipp:
 * no media relay needed); anything else (SRTP with SDES, no PCMU) is refused with 488. Legs the endpoint
 * places itself (`dial`) are WebRTC when they ring agents' browser softphones, plain RTP toward a trunk.
 */
export class SipEndpoint {
  readonly calls = new Map<string, EndpointCall>();
  private ua: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private timer: NodeJS.Timeout | null = null;
  private refresh: NodeJS.Timeout | null = null;
  private stopping = false;
  /** The reconnect-and-register loop runs (one at a time). */
  private recovering = false;
  /** The wait before the next retry; stop() ends it at once. */
  private retryWait: { timer: NodeJS.Timeout; done: () => void } | null = null;
  private state: { registered: boolean; since: string | null; lastError: string | null } = { registered: false, since: null, lastError: null };
  private readonly byInvitation = new WeakMap<object, EndpointCall>();
  /** Sessions whose caller offered plain RTP/AVP, or legs dialled with `media: 'rtp'`; every other session gets WebRTC. */
  private readonly plainRtp = new WeakSet<object>();

  constructor(private readonly options: SipEndpointOptions) {}

  get user(): string {
    return this.options.user ?? 'runtime';
  }

  get registration(): EndpointRegistration {
    return { aor: `sip:${this.user}@${this.options.domain}`, server: this.options.wsUrl, ...this.state };
  }

  /**
   * Connects and registers; resolves once registered, rejects when the server is unreachable, refuses, or nothing
   * answers in 10 s. Once registered, a lost connection (the SIP server restarted) or a lost registration is
   * retried on its own (reconnect, then REGISTER: 1 s doubling to 30 s), the loss logged as a warning and the
   * recovery as info.
   */
  async start(): Promise<void> {
    this.stopping = false;
    try {
      await tcpReachable(this.options.wsUrl);
    } catch (err) {
      this.failed((err as Error).message);
      throw err;
    }
    const ua = this.agent();
    this.ua = ua;
    try {
      await within(ua.start(), 10_000, `WebSocket connection to ${this.options.wsUrl}`);
    } catch (err) {
      this.failed(`cannot connect to ${this.options.wsUrl}: ${(err as Error).message}`);
      throw err;
    }
    await this.register(this.registererFor(ua));
    this.timer ??= setInterval(() => {
      const now = performance.now();
      for (const call of this.calls.values()) call.tick(now);
    }, FRAME_MS / 2);
    // Ephemeral credentials expire: the next challenge (a registration refresh) is answered with fresh ones.
    this.refresh ??= setInterval(() => this.freshCredentials(), 60_000);
    this.refresh.unref();
    this.options.log?.('sip endpoint registered', { aor: this.registration.aor });
  }

  private agent(): UserAgent {
    const credentials = this.options.credentials();
    return new UserAgent({
      uri: UserAgent.makeURI(`sip:${this.user}@${this.options.domain}`),
      authorizationUsername: credentials.username,
      authorizationPassword: credentials.password,
      transportOptions: { server: this.options.wsUrl, traceSip: false },
      logLevel: 'error',
      logBuiltinEnabled: false,
      noAnswerTimeout: 120,
      sessionDescriptionHandlerFactory: (session: Session) => {
        const call = this.byInvitation.get(session);
        const events = { onDtmf: (key: string) => call?.dtmf(key, 'rfc4733'), onAudio: (p: Buffer) => call?.audio(p) };
        const { rtp, ...webrtc } = this.options.media ?? {};
        const media: CallMediaSession = this.plainRtp.has(session) ? new PlainRtpMedia({ ...rtp, ...events }) : new WeriftMedia({ ...webrtc, ...events });
        if (call) call.media = media;
        return media;
      },
      delegate: {
        onInvite: (invitation) => this.incoming(invitation),
        // Only a drop by the network or the server carries an error (our own stop() does not).
        onDisconnect: (error) => { if (error) this.lost(`connection to ${this.options.wsUrl} lost: ${error.message}`); },
      },
    });
  }

  private registererFor(ua: UserAgent): Registerer {
    const registerer = new Registerer(ua, { expires: this.options.registerExpiresSec ?? 300 });
    this.registerer = registerer;
    // A registration the server stopped accepting (a refused refresh) is retried like a lost connection.
    registerer.stateChange.addListener((s) => {
      if (s === RegistererState.Unregistered && this.state.registered && !this.recovering) this.lost('the SIP server no longer accepts the registration');
    });
    return registerer;
  }

  private freshCredentials(): void {
    const fresh = this.options.credentials();
    if (this.ua) Object.assign(this.ua.configuration, { authorizationUsername: fresh.username, authorizationPassword: fresh.password });
  }

  /**
   * One REGISTER: resolves when accepted, rejects when refused, failed or unanswered in 10 s. The 200 is awaited,
   * not a state change: after a lost connection sip.js still thinks it is registered, so none comes.
   */
  private async register(registerer: Registerer): Promise<void> {
    try {
      await within(new Promise<void>((resolve, reject) => {
        registerer.register({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (r) => reject(new Error(`registration refused: ${r.message.statusCode} ${r.message.reasonPhrase}`)),
          },
        }).catch((err: unknown) => reject(err as Error));
      }), 10_000, `REGISTER to ${this.options.wsUrl}`);
    } catch (err) {
      this.failed((err as Error).message);
      throw err;
    }
    this.state = { registered: true, since: new Date().toISOString(), lastError: null };
  }

  private failed(reason: string): void {
    this.state = { registered: false, since: this.state.registered ? new Date().toISOString() : this.state.since, lastError: reason };
  }

  /** The connection or the registration is gone: calls to the runtime get 480 until the loop registers again. */
  private lost(reason: string): void {
    if (this.stopping || this.recovering) return;
    this.failed(reason);
    this.options.log?.('sip endpoint not registered: retrying', { reason }, 'warn');
    void this.recover();
  }

  /**
   * Reconnects the same user agent (calls in progress keep their dialogs) and registers again. A WebSocket that
   * stays "Connecting" (see reachable.ts) leaves that agent unusable: a fresh one replaces it.
   */
  private async recover(): Promise<void> {
    this.recovering = true;
    const lostAt = Date.now();
    try {
      for (let attempt = 0; !this.stopping; attempt++) {
        await new Promise<void>((done) => { this.retryWait = { timer: setTimeout(done, retryDelayMs(attempt)), done }; });
        this.retryWait = null;
        let ua = this.ua;
        let registerer = this.registerer;
        if (this.stopping || !ua || !registerer) return;
        try {
          await tcpReachable(this.options.wsUrl);
          if (!ua.isConnected()) {
            try {
              await within(ua.reconnect(), 10_000, `WebSocket connection to ${this.options.wsUrl}`);
            } catch (err) {
              void within(ua.stop(), 2000, 'stopping a stuck user agent').catch(() => undefined);
              this.ua = ua = this.agent();
              registerer = this.registererFor(ua);
              throw err;
            }
          }
          // A REGISTER sent before the loss may still wait for its answer: sip.js refuses another, the next attempt retries.
          this.freshCredentials();
          await this.register(registerer);
          this.options.log?.('sip endpoint registered again', { aor: this.registration.aor, afterSec: Math.round((Date.now() - lostAt) / 1000), attempts: attempt + 1 });
          return;
        } catch (err) {
          this.failed((err as Error).message || String(err));
        }
      }
    } finally {
      this.recovering = false;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.retryWait) { clearTimeout(this.retryWait.timer); this.retryWait.done(); }
    if (this.timer) clearInterval(this.timer);
    if (this.refresh) clearInterval(this.refresh);
    this.timer = null;
    this.refresh = null;
    await Promise.all([...this.calls.values()].map((c) => c.hangup()));
    // Bounded: with the server away, the un-REGISTER and the WebSocket's close may never be answered.
    if (this.ua?.isConnected()) await within(Promise.resolve(this.registerer?.unregister()), 3000, 'un-REGISTER').catch(() => undefined);
    await within(this.ua?.stop() ?? Promise.resolve(), 3000, 'stopping the user agent').catch(() => undefined);
    this.ua = null;
  }

  /**
   * Places a call (a second leg: an agent's AOR, a customer's number); resolves with the leg once it is answered,
   * rejects with the final status when refused, unanswered in `timeoutSec` or cancelled ("refused: 488" when the
   * answer holds no media we can use). `media`: `webrtc` (the default: werift, for browser softphones reached
   * through the SIP server's WebSocket) or `rtp` (plain RTP/AVP offering PCMU and telephone-event: trunks and desk
   * phones, which know no ICE or DTLS). The rejection is a `DialRefusal`: the final status, the answer's Reason
   * header (a trunk's Q.850 cause), and whether `timeoutSec` ran out (then the status is the 487 of our CANCEL).
   * `fromDisplayName`: the name in From (an outbound task shows its caller number there).
   */
  dial(target: string, options: { headers?: string[]; timeoutSec?: number; media?: 'webrtc' | 'rtp'; fromDisplayName?: string; onCreated?: (call: EndpointCall) => void } = {}): Promise<EndpointCall> {
    const ua = this.ua;
    const uri = UserAgent.makeURI(target);
    if (!ua || !uri) return Promise.reject(new Error(`cannot dial ${target}`));
    const inviter = new Inviter(ua, uri, {
      extraHeaders: options.headers ?? [], ...(options.fromDisplayName ? { params: { fromDisplayName: options.fromDisplayName } } : {}),
    });
    const call = new EndpointCall(inviter);
    this.byInvitation.set(inviter, call);
    // Before invite(): sip.js makes the media handler (and so the offer) only then.
    if (options.media === 'rtp') this.plainRtp.add(inviter);
    this.calls.set(call.id, call);
    options.onCreated?.(call);
    return new Promise<EndpointCall>((resolve, reject) => {
      let settled = false;
      let timedOut = false;
      const timer = setTimeout(() => { if (!settled) { timedOut = true; void call.hangup(); } }, (options.timeoutSec ?? 60) * 1000);
      const fail = (message: string, status = 0, reason?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const refusal: DialRefusal = Object.assign(new Error(message), { call, status, reason, timedOut });
        reject(refusal);
      };
      inviter.stateChange.addListener((s) => {
        if (s === SessionState.Established && !settled) { settled = true; clearTimeout(timer); resolve(call); }
        if (s === SessionState.Terminated) {
          this.calls.delete(call.id);
          call.ended();
          // sip.js ends the session before it hands the refusal to onReject: let that say the status first.
          // An answer our media could not take (no PCMU, SRTP) got ACK and BYE: for the caller it is a 488.
          const unusable = call.media instanceof PlainRtpMedia ? call.media.unusableAnswer : null;
          setImmediate(() => (unusable ? fail(`refused: 488 (${unusable})`, 488) : fail('the call ended before it was answered')));
        }
      });
      inviter.invite({
        requestDelegate: { onReject: (r) => fail(`refused: ${r.message.statusCode}`, r.message.statusCode, r.message.getHeader('Reason')) },
      }).catch((err: unknown) => fail(String(err)));
    });
  }

  private incoming(invitation: Invitation): void {
    const sdp = invitation.body ?? '';
    // An INVITE without SDP (offer in the 200 OK) gets a WebRTC offer, as before plain RTP was supported.
    const audio = sdp ? parseAudioSdp(sdp) : null;
    if (audio?.profile === 'RTP/AVP' && audio.formats.includes(0)) this.plainRtp.add(invitation);
    else if (sdp && audio?.profile !== 'UDP/TLS/RTP/SAVPF') {
      this.options.log?.('refusing a call whose media is neither WebRTC nor plain RTP with PCMU', { from: invitation.remoteIdentity.uri.toString(), profile: audio?.profile ?? null }, 'warn');
      void invitation.reject({ statusCode: 488 }).catch(() => undefined);
      return;
    }
    // The media handler is made when the call is answered (sip.js calls the factory then).
    const call = new EndpointCall(invitation);
    this.byInvitation.set(invitation, call);
    invitation.delegate = {
      onInfo: (info) => {
        const body = info.request.body ?? '';
        const digits = infoDigits(info.request.getHeader('Content-Type') ?? '', body);
        void info.accept().catch(() => undefined);
        if (digits) call.dtmf(digits, 'info');
      },
    };
    this.calls.set(call.id, call);
    invitation.stateChange.addListener((s) => {
      if (s !== SessionState.Terminated) return;
      this.calls.delete(call.id);
      call.ended();
    });
    this.options.onCall(call);
  }
}
