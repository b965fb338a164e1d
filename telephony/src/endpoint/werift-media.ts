import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, type RTCRtpSender, type RtpPacket } from 'werift';
import type { SessionDescriptionHandler } from 'sip.js';
import { DtmfDecoder, FRAME_BYTES, telephoneEvent, telephoneEventTypes } from './audio.js';

export interface WeriftMediaOptions {
  /** Addresses offered as ICE host candidates (default 127.0.0.1 only: tests and development on one machine). */
  hostAddresses?: string[];
  /** STUN/TURN servers; none by default (nothing may reach outside the machine unless configured). */
  iceServers?: { urls: string }[];
  /** A key the far end sent with RFC 4733. */
  onDtmf?: (key: string) => void;
  /** Every audio packet received (not telephone-events). */
  onAudio?: (payload: Buffer) => void;
}

/**
 * A sip.js session description handler backed by werift: WebRTC media (ICE, DTLS-SRTP) in Node, which is
 * what Kamailio's WebSocket users (browsers, other sip.js endpoints) speak. Audio is PCMU at 8 kHz with
 * RFC 4733 telephone-events; sending is by 20 ms frames (`sendFrame`), receiving reports audio and keys.
 * It answers offers (an incoming call) and makes them (an outgoing call).
 */
export class WeriftMedia implements SessionDescriptionHandler {
  readonly pc: RTCPeerConnection;
  readonly track = new MediaStreamTrack({ kind: 'audio' });
  /** Resolves when ICE and DTLS are up (media can flow); never rejects. */
  readonly connected: Promise<void>;
  rxPackets = 0;
  rxBytes = 0;
  txPackets = 0;
  private sender: RTCRtpSender | null = null;
  private readonly dtmf = new DtmfDecoder();
  private eventTypes = new Set<number>();
  private seq = Math.floor(Math.random() * 0x8000);
  private timestamp = Math.floor(Math.random() * 0x7fffffff);
  private closed = false;

  constructor(private readonly options: WeriftMediaOptions = {}) {
    this.pc = new RTCPeerConnection({
      iceServers: options.iceServers ?? [],
      iceAdditionalHostAddresses: options.hostAddresses ?? ['127.0.0.1'],
      iceUseIpv6: false,
      codecs: {
        audio: [
          new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, payloadType: 0 }),
          new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8000, channels: 1, payloadType: 101 }),
        ],
        video: [],
      },
    });
    this.connected = new Promise((resolve) => {
      this.pc.connectionStateChange.subscribe((state) => { if (state === 'connected') resolve(); });
    });
    this.pc.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => this.received(rtp)));
  }

  get isConnected(): boolean {
    return this.pc.connectionState === 'connected';
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  async setDescription(sdp: string): Promise<void> {
    for (const pt of telephoneEventTypes(sdp)) this.eventTypes.add(pt);
    if (this.pc.signalingState === 'have-local-offer') {
      await this.pc.setRemoteDescription({ type: 'answer', sdp });
      return;
    }
    this.addAudio();
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
  }

  async getDescription(): Promise<{ body: string; contentType: string }> {
    let description;
    if (this.pc.signalingState === 'have-remote-offer') {
      description = await this.pc.createAnswer();
    } else {
      this.addAudio();
      description = await this.pc.createOffer();
    }
    await this.pc.setLocalDescription(description);
    if (this.pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const sub = this.pc.iceGatheringStateChange.subscribe((s) => { if (s === 'complete') { sub.unSubscribe(); resolve(); } });
        if (this.pc.iceGatheringState === 'complete') resolve();
      });
    }
    const sdp = this.pc.localDescription!.sdp;
    for (const pt of telephoneEventTypes(sdp)) this.eventTypes.add(pt);
    return { body: sdp, contentType: 'application/sdp' };
  }

  /** Keys go out as RFC 4733 with `sendKey`; sip.js's own DTMF path is not used. */
  sendDtmf(): boolean {
    return false;
  }

  /** Sends one 20 ms PCMU frame (160 bytes); false while media is not connected. */
  sendFrame(payload: Buffer, marker = false): boolean {
    if (!this.sendRaw(0, payload, marker)) return false;
    this.timestamp = (this.timestamp + FRAME_BYTES) >>> 0;
    return true;
  }

  /** Sends a key as RFC 4733 telephone-events over 160 ms (8 updates, 3 end packets), in real time. */
  async sendKey(key: string, durationMs = 160): Promise<void> {
    const pt = [...this.eventTypes][0] ?? 101;
    const start = this.timestamp;
    const steps = Math.max(1, Math.round(durationMs / 20));
    for (let i = 1; i <= steps; i++) {
      this.sendRaw(pt, telephoneEvent(key, false, i * FRAME_BYTES), i === 1, start);
      await new Promise((r) => setTimeout(r, 20));
    }
    for (let i = 0; i < 3; i++) this.sendRaw(pt, telephoneEvent(key, true, steps * FRAME_BYTES), false, start);
    this.timestamp = (start + steps * FRAME_BYTES) >>> 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.pc.close().catch(() => undefined);
  }

  private addAudio(): void {
    if (this.sender) return;
    this.sender = this.pc.addTransceiver(this.track, { direction: 'sendrecv' }).sender;
  }

  /**
   * RTP straight to the sender's SRTP transport with our own sequence numbers and timestamps (werift's
   * track path rewrites the payload type to the audio codec, which would turn telephone-events into noise).
   */
  private sendRaw(payloadType: number, payload: Buffer, marker: boolean, timestamp = this.timestamp): boolean {
    const sender = this.sender;
    if (this.closed || !sender || !this.isConnected) return false;
    const header = new RtpHeader({ payloadType, marker, sequenceNumber: this.seq, timestamp, ssrc: sender.ssrc });
    this.seq = (this.seq + 1) & 0xffff;
    this.txPackets++;
    void sender.dtlsTransport.sendRtp(payload, header).catch(() => undefined);
    return true;
  }

  private received(rtp: RtpPacket): void {
    this.rxPackets++;
    const pt = rtp.header.payloadType;
    if (this.eventTypes.has(pt) || (pt >= 96 && rtp.payload.length === 4)) {
      const key = this.dtmf.push(rtp.header.timestamp, rtp.payload);
      if (key) this.options.onDtmf?.(key);
      return;
    }
    this.rxBytes += rtp.payload.length;
    this.options.onAudio?.(rtp.payload);
  }
}
