/**
 * Time for calls (the call table, the simulated carrier), injectable: the system clock in the product, a manual clock in tests so
 * a two-minute call takes no time and every run is the same.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real time. Timers do not keep the process alive: a call in progress never blocks a shutdown. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface ManualTimer {
  at: number;
  seq: number;
  fn: () => void;
}

/** Time that moves only when a test says so. Timers due at the same moment fire in the order they were set. */
export class ManualClock implements Clock {
  private timers = new Set<ManualTimer>();
  private seq = 0;

  constructor(private t: number = Date.parse('2026-05-04T02:00:00.000Z')) {}

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.add(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as ManualTimer);
  }

  /** Timers still waiting (a test can check nothing is left behind). */
  pending(): number {
    return this.timers.size;
  }

  /**
   * Moves time forward by `ms`, firing due timers one at a time in time order. `settle` runs before each
   * timer and at the end: the host's asynchronous reactions (database writes, new timers) finish first,
   * so a timer they set within the window fires in this same advance.
   */
  async advance(ms: number, settle?: () => Promise<void>): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      if (settle) await settle();
      let next: ManualTimer | undefined;
      for (const timer of this.timers) {
        if (timer.at <= target && (!next || timer.at < next.at || (timer.at === next.at && timer.seq < next.seq))) next = timer;
      }
      if (!next) break;
      this.timers.delete(next);
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = target;
    if (settle) await settle();
  }

  /** Sets the time outright (a test that needs a particular time of day); pending timers keep their due times. */
  set(ms: number): void {
    this.t = ms;
  }
}
