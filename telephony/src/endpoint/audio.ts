import { readFile } from 'node:fs/promises';

/** 20 ms of 8 kHz mu-law: one RTP packet of PCMU. */
export const FRAME_BYTES = 160;
export const FRAME_MS = 20;
/** Mu-law silence. */
export const ULAW_SILENCE = 0xff;

/**
 * The mu-law samples of a prompt file: a raw 8 kHz mu-law file (.ulaw/.raw/.pcmu) as it is, or a WAV whose
 * format is mu-law (7) at 8 kHz mono, read from its `data` chunk. Anything else is refused with the reason.
 */
export async function loadUlaw(file: string): Promise<Buffer> {
  const bytes = await readFile(file);
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') return bytes;
  let offset = 12;
  let format: { code: number; channels: number; rate: number } | null = null;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') format = { code: bytes.readUInt16LE(body), channels: bytes.readUInt16LE(body + 2), rate: bytes.readUInt32LE(body + 4) };
    if (id === 'data') {
      if (!format || format.code !== 7 || format.channels !== 1 || format.rate !== 8000) {
        throw new Error(`${file}: a prompt must be 8 kHz mono mu-law (got format ${format?.code}, ${format?.channels} ch, ${format?.rate} Hz)`);
      }
      return bytes.subarray(body, Math.min(bytes.length, body + size));
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${file}: a WAV file without a data chunk`);
}

/** RFC 4733 event codes to keys. */
const EVENT_KEYS = '0123456789*#ABCD';

export function dtmfKey(event: number): string | null {
  return EVENT_KEYS[event] ?? null;
}

export function dtmfEvent(key: string): number {
  const i = EVENT_KEYS.indexOf(key.toUpperCase());
  if (i < 0) throw new Error(`not a DTMF key: ${key}`);
  return i;
}

/** An RFC 4733 telephone-event payload: event, end bit, volume, duration (in timestamp units). */
export function telephoneEvent(key: string, end: boolean, duration: number, volume = 10): Buffer {
  return Buffer.from([dtmfEvent(key), (end ? 0x80 : 0) | (volume & 0x3f), (duration >> 8) & 0xff, duration & 0xff]);
}

/**
 * Turns RFC 4733 packets into key presses: one key per event (its RTP timestamp), reported on the first
 * packet seen so a lost end packet loses nothing; repeats and end retransmissions are ignored.
 */
export class DtmfDecoder {
  private lastTimestamp: number | null = null;

  /** The key this packet starts, or null. */
  push(timestamp: number, payload: Buffer): string | null {
    if (payload.length < 4) return null;
    if (timestamp === this.lastTimestamp) return null;
    this.lastTimestamp = timestamp;
    return dtmfKey(payload[0]!);
  }
}

/** Payload types the SDP maps to telephone-event. */
export function telephoneEventTypes(sdp: string): Set<number> {
  return new Set([...sdp.matchAll(/a=rtpmap:(\d+) telephone-event\//gi)].map((m) => Number(m[1])));
}

/** Keys of a SIP INFO body: application/dtmf-relay (Signal=5) or application/dtmf (5). */
export function infoDigits(contentType: string, body: string): string | null {
  const type = contentType.toLowerCase();
  if (type.includes('dtmf-relay')) {
    const m = /signal\s*=\s*([0-9*#A-D])/i.exec(body);
    return m ? m[1]!.toUpperCase() : null;
  }
  if (type.includes('application/dtmf')) {
    const m = /^\s*([0-9*#A-D]|1[0-5])\s*$/i.exec(body);
    if (!m) return null;
    return /^\d\d$/.test(m[1]!) ? dtmfKey(Number(m[1])) : m[1]!.toUpperCase();
  }
  return null;
}
