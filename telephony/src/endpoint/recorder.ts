import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FRAME_BYTES, FRAME_MS, ULAW_SILENCE } from './audio.js';

/**
 * Channels of 8 kHz mu-law laid on one timeline (frames placed by their arrival time, silence where nothing
 * came), written as a mu-law WAV. A bridged call has two: channel 1 what the outside party said, channel 2 what
 * they heard from the agents (one agent's audio, or the mix of a conference); a voicemail message has one.
 */
export class CallRecorder {
  private readonly startedAt = performance.now();
  private readonly channels: Buffer[][];
  private readonly next: number[];

  constructor(readonly channelCount: 1 | 2 = 2) {
    this.channels = Array.from({ length: channelCount }, () => []);
    this.next = this.channels.map(() => 0);
  }

  /** A frame one side sent (channel 0: the outside party, 1: the agents). */
  push(channel: 0 | 1, payload: Buffer): void {
    const frames = this.channels[channel];
    if (!frames) return;
    const due = Math.floor((performance.now() - this.startedAt) / FRAME_MS);
    // A frame that arrives early (jitter) goes right after the last one; a late one leaves silence before it.
    const at = Math.max(due - 2, this.next[channel]!);
    while (frames.length < at) frames.push(SILENCE);
    frames.push(payload.length === FRAME_BYTES ? payload : Buffer.concat([payload, SILENCE]).subarray(0, FRAME_BYTES));
    this.next[channel] = frames.length;
  }

  /** The recording's length so far. */
  get seconds(): number {
    return (Math.max(...this.channels.map((c) => c.length)) * FRAME_MS) / 1000;
  }

  get bytes(): number {
    return Math.max(...this.channels.map((c) => c.length)) * FRAME_BYTES * this.channelCount;
  }

  /** The WAV file's bytes (format 7: mu-law, 8 kHz, samples of the channels interleaved). */
  wav(): Buffer {
    const n = this.channelCount;
    const frames = Math.max(...this.channels.map((c) => c.length));
    const samples = frames * FRAME_BYTES;
    const data = Buffer.alloc(samples * n, ULAW_SILENCE);
    this.channels.forEach((list, ch) => {
      for (let f = 0; f < list.length; f++) {
        const frame = list[f]!;
        for (let i = 0; i < FRAME_BYTES; i++) data[(f * FRAME_BYTES + i) * n + ch] = frame[i]!;
      }
    });
    const header = Buffer.alloc(58);
    header.write('RIFF', 0, 'ascii');
    header.writeUInt32LE(50 + data.length, 4);
    header.write('WAVE', 8, 'ascii');
    header.write('fmt ', 12, 'ascii');
    header.writeUInt32LE(18, 16);
    header.writeUInt16LE(7, 20); // mu-law
    header.writeUInt16LE(n, 22);
    header.writeUInt32LE(8000, 24);
    header.writeUInt32LE(8000 * n, 28);
    header.writeUInt16LE(n, 32);
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
