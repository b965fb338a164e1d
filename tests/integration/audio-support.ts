// WAV files built in memory for the audio prompt tests: linear PCM (what editors export) and the header
// fields the runtime's conversion must produce (8 kHz, mono, mu-law).

/** A 16-bit linear PCM WAV of the given samples (interleaved when stereo). */
export function pcmWav(samples: Int16Array, rate: number, channels = 1): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVEfmt ', 8, 'ascii');
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(channels, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * channels * 2, 28);
  head.writeUInt16LE(channels * 2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36, 'ascii');
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

/** `seconds` of a sine (or, with hz 0, a constant level) at `rate`, on every channel. */
export function toneWav(seconds: number, hz: number, rate: number, channels = 1, level = 8000): Buffer {
  const n = Math.round(seconds * rate);
  const out = new Int16Array(n * channels);
  for (let i = 0; i < n; i++) {
    const v = hz ? Math.round(level * Math.sin((2 * Math.PI * hz * i) / rate)) : level;
    for (let c = 0; c < channels; c++) out[i * channels + c] = v;
  }
  return pcmWav(out, rate, channels);
}

/** The format and samples of a WAV file: the `fmt ` fields and the bytes of its `data` chunk. */
export function readWav(bytes: Buffer): { format: number; channels: number; rate: number; bits: number; data: Buffer } {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let offset = 12;
  let fmt: { format: number; channels: number; rate: number; bits: number } | null = null;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') fmt = { format: bytes.readUInt16LE(body), channels: bytes.readUInt16LE(body + 2), rate: bytes.readUInt32LE(body + 4), bits: bytes.readUInt16LE(body + 14) };
    if (id === 'data' && fmt) return { ...fmt, data: bytes.subarray(body, body + size) };
    offset = body + size + (size % 2);
  }
  throw new Error('WAV without fmt/data');
}
