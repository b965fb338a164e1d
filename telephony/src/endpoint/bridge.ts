import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FRAME_BYTES, FRAME_MS, ULAW_SILENCE } from './audio.js';
import type { EndpointCall } from './endpoint.js';

/**
 * Two channels of 8 kHz mu-law laid on one timeline (frames placed by their arrival time, silence where
 * nothing came), written as a stereo mu-law WAV: channel 1 what leg A said, channel 2 what leg B said.
 */
export class CallRecorder {
  private readonly startedAt = performance.now();
  private readonly channels: [Buffer[], Buffer[]] = [[], []];
  private readonly next: [number, number] = [0, 0];

  /** A frame one side sent (0: leg A, 1: leg B). */
  push(channel: 0 | 1, payload: Buffer): void {
    const due = Math.floor((performance.now() - this.startedAt) / FRAME_MS);
    const frames = this.channels[channel];
    // A frame that arrives early (jitter) goes right after the last one; a late one leaves silence before it.
    const at = Math.max(due - 2, this.next[channel]);
    while (frames.length < at) frames.push(SILENCE);
    frames.push(payload.length === FRAME_BYTES ? payload : Buffer.concat([payload, SILENCE]).subarray(0, FRAME_BYTES));
    this.next[channel] = frames.length;
  }

  get bytes(): number {
    return Math.max(this.channels[0].length, this.channels[1].length) * FRAME_BYTES * 2;
  }

  /** The WAV file's bytes (format 7: mu-law, 2 channels, 8 kHz). */
  wav(): Buffer {
    const frames = Math.max(this.channels[0].length, this.channels[1].length);
    const samples = frames * FRAME_BYTES;
    const data = Buffer.alloc(samples * 2, ULAW_SILENCE);
    for (const ch of [0, 1] as const) {
      const list = this.channels[ch];
      for (let f = 0; f < list.length; f++) {
        const frame = list[f]!;
        for (let i = 0; i < FRAME_BYTES; i++) data[(f * FRAME_BYTES + i) * 2 + ch] = frame[i]!;
      }
    }
    const header = Buffer.alloc(58);
    header.write('RIFF', 0, 'ascii');
    header.writeUInt32LE(50 + data.length, 4);
    header.write('WAVE', 8, 'ascii');
    header.write('fmt ', 12, 'ascii');
    header.writeUInt32LE(18, 16);
    header.writeUInt16LE(7, 20); // mu-law
    header.writeUInt16LE(2, 22);
    header.writeUInt32LE(8000, 24);
    header.writeUInt32LE(16000, 28);
    header.writeUInt16LE(2, 32);
    header.writeUInt16LE(8, 34);
    header.writeUInt16LE(0, 36);
    header.write('fact', 38, 'ascii');
    header.writeUInt32LE(4, 42);
    header.writeUInt32LE(samples, 46);
    header.write('data', 50, 'ascii');
    header.writeUInt32LE(data.length, 54);
    return Buffer.concat([header, data]);
  }

  async save(file: string): Promise<number> {
    const bytes = this.wav();
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, bytes);
    return bytes.length;
  }
}

const SILENCE = Buffer.alloc(FRAME_BYTES, ULAW_SILENCE);

/** Linear 16-bit PCM sample to G.711 mu-law. */
export function linearToUlaw(sample: number): number {
  const BIAS = 0x84;
  let s = Math.max(-32635, Math.min(32635, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  s += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/**
 * What a caller on hold hears, looped: two soft tones (440 Hz then 554 Hz, 0.4 s each) and 2.2 s of
 * silence, 3 s in all, 8 kHz mu-law. Generated, so hold needs no audio file.
 */
export const HOLD_AUDIO: Buffer = (() => {
  const rate = 8000;
  const out = Buffer.alloc(rate * 3, ULAW_SILENCE);
  const tone = (from: number, hz: number, sec: number) => {
    const n = Math.round(rate * sec);
    for (let i = 0; i < n; i++) {
      const fade = Math.min(1, i / 160, (n - i) / 160); // 20 ms ramps: no clicks
      out[from + i] = linearToUlaw(6000 * fade * Math.sin((2 * Math.PI * hz * i) / rate));
    }
  };
  tone(0, 440, 0.4);
  tone(Math.round(rate * 0.4), 554, 0.4);
  return out;
})();

/**
 * Connects two legs the endpoint holds: the PCMU each far end sends is relayed, frame by frame, to the
 * other (no transcoding: both sides speak PCMU), and, with a recorder, kept for the call's recording.
 * A prompt still playing to one side finishes first (that side hears it instead of the other leg meanwhile).
 * `a` is the outside party (caller, customer), `b` the agent: on hold nothing is relayed either way and `a`
 * hears HOLD_AUDIO (looped); muted, `b`'s audio no longer reaches `a` (b still hears a). What is not relayed
 * is not recorded either.
 */
export class MediaBridge {
  private readonly unsubscribe: (() => void)[] = [];
  private open = true;
  private onHold = false;
  private isMuted = false;
  /** Bumped for every hold: a hold loop that is no longer the current one stops. */
  private holdRun = 0;
  private holdPlaying = false;

  constructor(readonly a: EndpointCall, readonly b: EndpointCall, readonly recorder: CallRecorder | null = null) {
    this.sync();
    this.unsubscribe.push(a.onAudio((p) => { if (!this.open || this.onHold) return; recorder?.push(0, p); b.relayFrame(p); }));
    this.unsubscribe.push(b.onAudio((p) => { if (!this.open || this.onHold || this.isMuted) return; recorder?.push(1, p); a.relayFrame(p); }));
  }

  get active(): boolean {
    return this.open;
  }

  get held(): boolean {
    return this.onHold;
  }

  get muted(): boolean {
    return this.isMuted;
  }

  /** Hold (true): nothing relayed either way, `a` hears hold audio; false: relaying resumes. */
  hold(on: boolean): void {
    if (!this.open || this.onHold === on) return;
    this.onHold = on;
    this.sync();
    if (on) void this.holdLoop(++this.holdRun);
    else this.stopHoldAudio();
  }

  /** Mute (true): `b`'s audio no longer reaches `a`; false: it does again. */
  mute(on: boolean): void {
    if (!this.open || this.isMuted === on) return;
    this.isMuted = on;
    this.sync();
  }

  /** Stops relaying; each leg goes back to prompts and silence. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    for (const u of this.unsubscribe) u();
    this.stopHoldAudio();
    this.a.relaying = false;
    this.b.relaying = false;
  }

  /** A leg that gets no relayed frames sends its own (silence, prompts) so its media keeps flowing. */
  private sync(): void {
    this.a.relaying = this.open && !this.onHold && !this.isMuted;
    this.b.relaying = this.open && !this.onHold;
  }

  private async holdLoop(run: number): Promise<void> {
    while (this.open && this.onHold && this.holdRun === run && !this.a.endedBy) {
      this.holdPlaying = true;
      const outcome = await this.a.playSamples(HOLD_AUDIO);
      if (this.holdRun === run) this.holdPlaying = false;
      if (outcome !== 'done') return;
    }
  }

  private stopHoldAudio(): void {
    this.holdRun++;
    if (this.holdPlaying) {
      this.holdPlaying = false;
      this.a.stopPlayback();
    }
  }
}
