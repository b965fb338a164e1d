/**
 * mulberry32: a tiny seeded generator of floats in [0, 1). Not for secrets: it exists so what draws from it
 * can be replayed: the same seed always shuffles a distribution round the same way, and gives a simulated
 * carrier's number the same behaviour, in production and in tests.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a (32 bit) of a string, so a caller can seed from something stable such as `${poolId}:${round}` or a number. */
export function seedFromString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function seededRandom(seed: number | string): () => number {
  return mulberry32(typeof seed === 'string' ? seedFromString(seed) : seed);
}

/**
 * An index in [0, n). The random function comes from the caller, so a value outside [0, 1) (or NaN) is
 * clamped rather than trusted to index an array.
 */
export function randomIndex(random: () => number, n: number): number {
  const r = random();
  const i = Math.floor((Number.isFinite(r) ? r : 0) * n);
  return Math.min(n - 1, Math.max(0, i));
}
