import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv4 } from 'node:net';
import { DtmfDecoder, FRAME_BYTES, telephoneEvent, telephoneEventTypes } from './audio.js';
import type { CallMediaSession } from './call-media.js';

export interface PlainRtpOptions {
  /** The address the RTP socket binds and the SDP announces: it must be one the far end can reach (default 127.0.0.1). */
  address?: string;
  /** Local RTP ports, "20000-20999" (even ports are used, RTP's convention; no RTCP); default: any port the OS gives. */
  ports?: string;
  /**
   * Symmetric RTP (RFC 4961): send to where the far end's first packet came from rather than to its SDP
   * address, which is wrong behind NAT (default true).
   */
  latch?: boolean;
  /** A key the far end sent with RFC 4733. */
  onDtmf?: (key: string) => void;
  /** Every PCMU payload received. */
  onAudio?: (payload: Buffer) => void;
}

/** Media of an SDP body: the first audio line, its connection address (media-level c= wins) and direction. */
export interface AudioOffer {
  address: string;
  port: number;
  profile: string;
  formats: number[];
  eventTypes: number[];
  direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
}

export function parseAudioSdp(sdp: string): AudioOffer | null {
  const lines = sdp.split(/\r?\n/);
  const m = lines.findIndex((l) => l.startsWith('m=audio '));
  if (m < 0) return null;
  const [, port, profile, ...formats] = lines[m]!.slice(2).trim().split(/\s+/);
  const end = lines.findIndex((l, i) => i > m && l.startsWith('m='));
  const media = lines.slice(m + 1, end < 0 ? undefined : end);
  const session = lines.slice(0, m);
  const conn = [...media, ...session].find((l) => l.startsWith('c='));
  const direction = [...media, ...session].map((l) => /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/.exec(l)?.[1]).find(Boolean);
  return {
    address: conn?.trim().split(/\s+/)[2] ?? '',
    port: Number(port),
    profile: profile ?? '',
    formats: formats.map(Number),
    eventTypes: [...telephoneEventTypes(media.join('\n'))],
    direction: (direction ?? 'sendrecv') as AudioOffer['direction'],
  };
}

/** "20000-20999" -> [20000, 20999]; throws on anything else, so a bad SIP_RTP_PORTS fails at start-up. */
export function parsePortRange(range: string): [number, number] {
  const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(range);
  const [min, max] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!(min >= 1024 && max <= 65535 && min < max)) throw new Error(`an RTP port range must look like 20000-20999, got "${range}"`);
  return [min, max];
}

/** Where the next search for a free port starts, per range, so ports freed by a call are not reused at once. */
const nextPort = new Map<string, number>();
const ANSWER_DIRECTION = { sendrecv: 'sendrecv', sendonly: 'recvonly', recvonly: 'sendonly', inactive: 'inactive' } as const;

/**
 * A sip.js session description handler for plain RTP/AVP over UDP (no ICE, no DTLS): what SIP phones, trunks
 * and sipp speak. Answers an offer with PCMU (0) and the offer's telephone-event type, or (a call the endpoint
 * places toward a trunk) offers PCMU and telephone-event 101 and takes the answer; sends 20 ms PCMU frames to the
 * far end's c=/m= address (or, with symmetric RTP, to where its packets come from) and reports received PCMU
 * audio and RFC 4733 keys.
 */
export class PlainRtpMedia implements CallMediaSession {
  rxPackets = 0;
  rxBytes = 0;
  txPackets = 0;
  /** Why the far end's answer to our offer was unusable (not RTP/AVP, no PCMU); sip.js then ends the call. */
  unusableAnswer: string | null = null;
  /** Our offer went out and its answer has not come yet (setDescription then takes an answer, not an offer). */
  private awaitingAnswer = false;
  /** The far end's offer came and our answer has not gone yet. */
  private answering = false;
  private socket: Socket | null = null;
  private bound: Promise<number> | null = null;
  private remote: { address: string; port: number } | null = null;
  private latched = false;
  /** Our SDP went out (in the 200 OK, or as an offer): sending before would be media the far end never agreed to. */
  private described = false;
  private sending = true;
  private eventType = 101;
  private remoteEvents = false;
  private local: AudioOffer | null = null;
  private readonly dtmf = new DtmfDecoder();
  private readonly ssrc = (Math.random() * 0x100000000) >>> 0;
  private readonly sessionId = Date.now();
  private version = 0;
  private seq = Math.floor(Math.random() * 0x8000);
  private timestamp = Math.floor(Math.random() * 0x7fffffff);
  private closed = false;

  constructor(private readonly options: PlainRtpOptions = {}) {}

  get address(): string {
    return this.options.address ?? '127.0.0.1';
  }

  get isConnected(): boolean {
    return !this.closed && this.described && this.socket !== null && this.remote !== null;
  }

  /** The local RTP port (once bound), for tests and logs. */
  get port(): number | null {
    return this.socket ? this.socket.address().port : null;
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  /** The far end's offer (an incoming call, a re-INVITE) or answer (after our offer). */
  async setDescription(sdp: string): Promise<void> {
    const isAnswer = this.awaitingAnswer;
    this.awaitingAnswer = false;
    this.answering = !isAnswer;
    const offer = parseAudioSdp(sdp);
    const unusable = offer?.profile !== 'RTP/AVP' ? 'no RTP/AVP audio in the SDP' : !offer.formats.includes(0) ? 'PCMU (payload type 0) is not offered' : null;
    if (!offer || unusable) {
      if (isAnswer) this.unusableAnswer = unusable;
      throw new Error(unusable ?? 'no audio in the SDP');
    }
    await this.bind();
    this.remoteEvents = offer.eventTypes.length > 0;
    if (offer.eventTypes[0] !== undefined) this.eventType = offer.eventTypes[0];
    // 0.0.0.0 is the old way to put a call on hold (RFC 2543): stop sending, as for sendonly/inactive.
    const held = offer.address === '0.0.0.0' || offer.port === 0;
    this.sending = !held && (offer.direction === 'sendrecv' || offer.direction === 'recvonly');
    const target = { address: offer.address, port: offer.port };
    if (!held && (!this.remote || !this.latched || this.remote.address !== target.address)) {
      this.remote = target;
      this.latched = false;
    }
    this.local = { ...offer, direction: ANSWER_DIRECTION[offer.direction] };
  }

  async getDescription(): Promise<{ body: string; contentType: string }> {
    const port = await this.bind();
    // Not answering an offer: this is an offer (the first one of a call we place, or a re-INVITE), an answer follows.
    this.awaitingAnswer = !this.answering;
    this.answering = false;
    const direction = this.local?.direction ?? 'sendrecv';
    const events = this.local ? this.remoteEvents : true;
    const ip = isIPv4(this.address) ? 'IP4' : 'IP6';
    this.version++;
    const body = [
      'v=0',
      `o=- ${this.sessionId} ${this.version} IN ${ip} ${this.address}`,
      's=-',
      `c=IN ${ip} ${this.address}`,
      't=0 0',
      `m=audio ${port} RTP/AVP 0${events ? ` ${this.eventType}` : ''}`,
      'a=rtpmap:0 PCMU/8000',
      ...(events ? [`a=rtpmap:${this.eventType} telephone-event/8000`, `a=fmtp:${this.eventType} 0-15`] : []),
      'a=ptime:20',
      `a=${direction}`,
      '',
    ].join('\r\n');
    this.described = true;
    return { body, contentType: 'application/sdp' };
  }

  /** Keys go out as RFC 4733 with `sendKey`; sip.js's own DTMF path is not used. */
  sendDtmf(): boolean {
    return false;
  }

  sendFrame(payload: Buffer, marker = false): boolean {
    if (!this.send(0, payload, marker)) return false;
    this.timestamp = (this.timestamp + FRAME_BYTES) >>> 0;
    return true;
  }

  /** 160 ms of telephone-event updates, then three end packets (RFC 4733 §2.5.1.4), as WeriftMedia does. */
  async sendKey(key: string, durationMs = 160): Promise<void> {
    const start = this.timestamp;
    const steps = Math.max(1, Math.round(durationMs / 20));
    for (let i = 1; i <= steps; i++) {
      this.send(this.eventType, telephoneEvent(key, false, i * FRAME_BYTES), i === 1, start);
      await new Promise((r) => setTimeout(r, 20));
    }
    for (let i = 0; i < 3; i++) this.send(this.eventType, telephoneEvent(key, true, steps * FRAME_BYTES), false, start);
    this.timestamp = (start + steps * FRAME_BYTES) >>> 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket?.close();
  }

  /** Binds the UDP socket once: the first free even port of the range, from where the last search stopped. */
  private bind(): Promise<number> {
    this.bound ??= (async () => {
      const range = this.options.ports ? parsePortRange(this.options.ports) : null;
      const first = range ? range[0] + (range[0] % 2) : 0;
      const count = range ? Math.floor((range[1] - first) / 2) + 1 : 1;
      const start = range ? (nextPort.get(this.options.ports!) ?? first) : 0;
      for (let i = 0; i < count; i++) {
        const port = range ? first + (((start - first) / 2 + i) % count) * 2 : 0;
        const socket = createSocket(isIPv4(this.address) ? 'udp4' : 'udp6');
        const ok = await new Promise<boolean>((resolve) => {
          socket.once('error', () => resolve(false));
          socket.bind(port, this.address, () => resolve(true));
        });
        if (!ok) { socket.close(); continue; }
        if (range) nextPort.set(this.options.ports!, port + 2 > range[1] ? first : port + 2);
        socket.on('message', (msg, rinfo) => this.received(msg, rinfo));
        socket.on('error', () => undefined); // ICMP port unreachable and the like: RTP is best effort
        this.socket = socket;
        if (this.closed) socket.close();
        return socket.address().port;
      }
      throw new Error(`no free RTP port in ${this.options.ports} on ${this.address}`);
    })();
    return this.bound;
  }

  private send(payloadType: number, payload: Buffer, marker: boolean, timestamp = this.timestamp): boolean {
    const socket = this.socket;
    const remote = this.remote;
    if (this.closed || !socket || !remote) return false;
    if (!this.sending) return true; // held: time moves on, nothing goes out
    const packet = Buffer.allocUnsafe(12 + payload.length);
    packet[0] = 0x80; // version 2, no padding, no extension, no CSRC
    packet[1] = (marker ? 0x80 : 0) | (payloadType & 0x7f);
    packet.writeUInt16BE(this.seq, 2);
    packet.writeUInt32BE(timestamp >>> 0, 4);
    packet.writeUInt32BE(this.ssrc, 8);
    payload.copy(packet, 12);
    this.seq = (this.seq + 1) & 0xffff;
    this.txPackets++;
    socket.send(packet, remote.port, remote.address);
    return true;
  }

  private received(msg: Buffer, from: RemoteInfo): void {
    if (this.closed || msg.length < 12 || msg[0]! >> 6 !== 2) return;
    const pt = msg[1]! & 0x7f;
    if (pt >= 72 && pt <= 76) return; // RTCP on the RTP port (RFC 5761): not audio
    let offset = 12 + (msg[0]! & 0x0f) * 4;
    if (msg[0]! & 0x10 && msg.length >= offset + 4) offset += 4 + msg.readUInt16BE(offset + 2) * 4;
    const end = msg[0]! & 0x20 ? msg.length - msg[msg.length - 1]! : msg.length;
    if (offset > end) return;
    if (this.options.latch !== false && !this.latched) {
      this.latched = true;
      this.remote = { address: from.address, port: from.port };
    } else if (this.remote && (from.address !== this.remote.address || (this.latched && from.port !== this.remote.port))) {
      // Not this call's far end: a stray or forged stream must not speak or press keys into the call.
      return;
    }
    this.rxPackets++;
    const payload = msg.subarray(offset, end);
    if (pt === this.eventType || (pt >= 96 && payload.length === 4)) {
      const key = this.dtmf.push(msg.readUInt32BE(4), payload);
      if (key) this.options.onDtmf?.(key);
      return;
    }
    if (pt !== 0) return; // comfort noise and the like
    this.rxBytes += payload.length;
    this.options.onAudio?.(payload);
  }
}
