// G.711 mu-law <-> linear 16-bit PCM, and mixing: what a conference leg hears is the sum of the others.

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

/** G.711 mu-law byte to a linear 16-bit PCM sample. */
export function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << exponent) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

const DECODE = Int16Array.from({ length: 256 }, (_, b) => ulawToLinear(b));

/** Mixes mu-law frames sample by sample (sum, clipped); frames of unequal length mix over the longest. */
export function mixUlaw(frames: Buffer[]): Buffer {
  if (frames.length === 1) return frames[0]!;
  const length = Math.max(...frames.map((f) => f.length));
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    let sum = 0;
    for (const f of frames) if (i < f.length) sum += DECODE[f[i]!]!;
    out[i] = linearToUlaw(sum);
  }
  return out;
}
