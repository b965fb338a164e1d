import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FRAME_BYTES, FRAME_MS, ULAW_SILENCE } from './audio.js';

/**
 * Two channels of 8 kHz mu-law laid on one timeline (frames placed by their arrival time, silence where
 * nothing came), written as a stereo mu-law WAV: channel 1 what the outside party said, channel 2 what they
 * heard from the agents (one agent's audio, or the mix of a conference).
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
