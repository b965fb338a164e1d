import type { FlowEvent } from '@telesales/engines/flows';

/**
 * Events waiting to happen in simulated time. Caller events (keys, hanging up) are the script's and always
 * happen; system events answer the interpreter's last commands and are dropped when the call moves on.
 */
export interface Scheduled {
  atMs: number;
  seq: number;
  source: 'caller' | 'system';
  event: FlowEvent;
}

export class SimulatedClock {
  private queue: Scheduled[] = [];
  private seq = 0;

  constructor(readonly startMs: number) {}

  iso(ms: number): string {
    return new Date(ms).toISOString();
  }

  /** `make` gets the event's time as an ISO string. */
  add(atMs: number, source: Scheduled['source'], make: (at: string) => FlowEvent): void {
    this.queue.push({ atMs, seq: this.seq++, source, event: make(this.iso(atMs)) });
    // Few events are ever pending (a call waits for one or two things), so sorting on insert is cheap.
    this.queue.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
  }

  dropSystem(): void {
    this.queue = this.queue.filter((s) => s.source === 'caller');
  }

  next(): Scheduled | undefined {
    return this.queue.shift();
  }
}
