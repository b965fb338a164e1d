import type { SessionDescriptionHandler } from 'sip.js';

/**
 * What an endpoint call needs from its media, whichever transport carries it: WebRTC through werift
 * (`WeriftMedia`: browsers, sip.js UAs) or plain RTP/AVP over UDP (`PlainRtpMedia`: SIP phones, trunks, sipp).
 * Audio is PCMU in 20 ms frames; keys are RFC 4733 telephone-events.
 */
export interface CallMediaSession extends SessionDescriptionHandler {
  /** Media can flow (WebRTC: ICE and DTLS up; plain RTP: the far end's address is known). */
  readonly isConnected: boolean;
  readonly rxPackets: number;
  /** PCMU payload bytes received (telephone-events not counted). */
  readonly rxBytes: number;
  readonly txPackets: number;
  /** Sends one 20 ms PCMU frame (160 bytes); false while media is not connected. */
  sendFrame(payload: Buffer, marker?: boolean): boolean;
  /** Sends a key as RFC 4733 telephone-events, in real time. */
  sendKey(key: string, durationMs?: number): Promise<void>;
  close(): void;
}
