/**
 * `p`, or null once `ms` have passed without it. For shutdown writes to the database: with the database gone the
 * driver would wait for it (server selection, 30 s), and a lease left behind runs out on its own anyway.
 */
export function within<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), ms); })]).finally(() => clearTimeout(timer));
}
