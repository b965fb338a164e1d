/**
 * How long things last (ring before answer, talk, wrap-up), as curves the pacing engine can ask "how likely is
 * it over within x more seconds, given it has lasted e already?". A curve comes from running statistics (a
 * gamma distribution with that mean and spread: exponential talk times are its shape-1 case, a fixed wrap-up
 * its narrow limit) or from a histogram of recent observations, both plain JSON the runtime keeps per task.
 */

/** Seconds. `count` = how many observations the figures rest on (the engine waits for enough). */
export type DurationStats =
  | { mean: number; sd: number; count?: number }
  | { bucketSeconds: number; counts: number[] };

export interface DurationCurve {
  mean: number;
  /** P(duration <= t). */
  cdf(t: number): number;
  /** P(over within x more seconds | lasted e so far). */
  endsWithin(e: number, x: number): number;
  /** The p-quantile (0 < p < 1). */
  quantile(p: number): number;
}

export const observations = (stats: DurationStats | undefined): number =>
  !stats ? 0 : 'counts' in stats ? stats.counts.reduce((n, c) => n + (c > 0 ? c : 0), 0) : (stats.count ?? Infinity);

const POINTS = 2000;

/** A CDF tabulated on [0, end] with a tail beyond it (exponential with `tailRate`, or none). */
function tabulated(table: Float64Array, end: number, tailRate: number, mean: number): DurationCurve {
  const step = end / (table.length - 1);
  const cdf = (t: number): number => {
    if (!(t > 0)) return 0;
    if (t >= end) return tailRate > 0 ? 1 - (1 - table[table.length - 1]!) * Math.exp(-(t - end) * tailRate) : 1;
    const i = t / step;
    const k = Math.floor(i);
    return table[k]! + (table[k + 1]! - table[k]!) * (i - k);
  };
  return {
    mean,
    cdf,
    endsWithin(e, x) {
      if (x <= 0) return 0;
      const alive = 1 - cdf(e);
      // Past everything observed (an agent far over the usual wrap-up): no shape left to go by, so assume
      // a memoryless wait with the usual mean rather than "any moment now", which would over-dial.
      if (alive < 1e-9) return 1 - Math.exp(-x / Math.max(1, mean));
      return Math.min(1, Math.max(0, (cdf(e + x) - cdf(e)) / alive));
    },
    quantile(p) {
      let lo = 0;
      let hi = table.length - 1;
      if (table[hi]! < p) return tailRate > 0 ? end + Math.log((1 - table[hi]!) / (1 - p)) / tailRate : end;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (table[mid]! < p) lo = mid + 1; else hi = mid;
      }
      return lo * step;
    },
  };
}

// Lanczos approximation of ln Γ(x), x > 0.
const LANCZOS = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  let a = 0.99999999999980993;
  const z = x - 1;
  for (let i = 0; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i + 1);
  const t = z + LANCZOS.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The regularised lower incomplete gamma P(k, x): series below k + 1, continued fraction above. */
function gammaP(k: number, x: number, lnGk: number): number {
  if (x <= 0) return 0;
  const front = Math.exp(-x + k * Math.log(x) - lnGk);
  if (x < k + 1) {
    let sum = 1 / k;
    let term = sum;
    for (let n = 1; n < 1000 && Math.abs(term) > Math.abs(sum) * 1e-12; n++) { term *= x / (k + n); sum += term; }
    return Math.min(1, sum * front);
  }
  const tiny = 1e-300;
  let b = x + 1 - k;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - k);
    b += 2;
    d = an * d + b; if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-12) break;
  }
  return Math.max(0, 1 - front * h);
}

// A gamma's shape depends only on the spread relative to the mean; its scale stretches time. So one table per
// shape (the spread rounded to 0.1 %), for a mean of 1, serves every mean: the mean moves with every call
// that ends, the shape hardly.
const standardGamma = new Map<number, Float64Array>();

function gammaCurve(mean: number, sd: number): DurationCurve {
  // A spread under 2 % of the mean is "fixed" (e.g. a wrap-up timer): a narrow gamma stands in for the step.
  const cv = Math.round(Math.max(0.02, sd / mean) * 1000) / 1000;
  const shape = 1 / (cv * cv);
  const end = 1 + 12 * cv;
  let table = standardGamma.get(cv);
  if (!table) {
    table = new Float64Array(POINTS + 1);
    const lnG = logGamma(shape);
    for (let i = 1; i <= POINTS; i++) table[i] = gammaP(shape, ((i * end) / POINTS) * shape, lnG);
    if (standardGamma.size > 256) standardGamma.clear();
    standardGamma.set(cv, table);
  }
  return tabulated(table, end * mean, shape / mean, mean);
}

function histogramCurve(bucketSeconds: number, counts: number[]): DurationCurve | null {
  const total = counts.reduce((n, c) => n + (c > 0 ? c : 0), 0);
  if (!(total > 0) || !(bucketSeconds > 0)) return null;
  const table = new Float64Array(counts.length + 1);
  let seen = 0;
  let sum = 0;
  counts.forEach((c, i) => {
    const n = c > 0 ? c : 0;
    seen += n;
    sum += n * (i + 0.5) * bucketSeconds;
    table[i + 1] = seen / total;
  });
  return tabulated(table, counts.length * bucketSeconds, 0, sum / total);
}

// Histograms change with every answered call but repeat between; the last few curves are kept. Same figures
// in, same curve out: the caches change no answer.
const cache = new Map<string, DurationCurve>();

/** The curve for the statistics, or `fallbackMean` as an exponential when there are none worth the name. */
export function curveOf(stats: DurationStats | undefined, fallbackMean: number): DurationCurve {
  if (stats && 'counts' in stats) {
    const key = `h${stats.bucketSeconds}:${stats.counts.join(',')}`;
    const hit = cache.get(key) ?? histogramCurve(stats.bucketSeconds, stats.counts);
    if (hit) return remember(key, hit);
  }
  const valid = stats && 'mean' in stats && Number.isFinite(stats.mean) && stats.mean > 0;
  const mean = valid ? stats.mean : fallbackMean;
  const sd = valid && Number.isFinite(stats.sd) && stats.sd >= 0 ? stats.sd : mean;
  return gammaCurve(mean, sd);
}

function remember(key: string, curve: DurationCurve): DurationCurve {
  cache.delete(key);
  cache.set(key, curve);
  if (cache.size > 32) cache.delete(cache.keys().next().value!);
  return curve;
}
