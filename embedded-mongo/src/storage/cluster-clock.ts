// The server's logical clock, as mongod's cluster time: a BSON Timestamp (seconds, increment) that every
// committed write batch advances. Replies carry it (operationTime, $clusterTime) so the driver can ask for
// causal consistency, and change events are ordered and resumed by it. It never goes backwards, across
// restarts included: recovery observes the times the journal recorded.
import { Timestamp } from 'bson';

export class ClusterClock {
  private t = 0;
  private i = 0;

  /** The time of the latest write (or of the start, before any). */
  get now(): Timestamp {
    return new Timestamp({ t: this.t, i: this.i });
  }

  /**
   * A new time, later than every earlier one; with `n` > 1 the first of `n` consecutive times (same
   * seconds, increments one apart), so a batch's times can be told from its first.
   */
  tick(n = 1): Timestamp {
    const seconds = Math.floor(Date.now() / 1000);
    if (seconds > this.t) {
      this.t = seconds;
      this.i = 0;
    }
    const first = new Timestamp({ t: this.t, i: this.i + 1 });
    this.i += Math.max(1, n);
    return first;
  }

  /** Moves the clock to at least `ts` (a time read back from the journal). */
  observe(ts: Timestamp): void {
    const t = ts.high >>> 0;
    const i = ts.low >>> 0;
    if (t > this.t || (t === this.t && i > this.i)) {
      this.t = t;
      this.i = i;
    }
  }
}

/** Timestamps as one comparable number (seconds * 2^32 + increment). */
export function tsValue(ts: Timestamp): bigint {
  return (BigInt(ts.high >>> 0) << 32n) | BigInt(ts.low >>> 0);
}

export function tsOf(value: bigint): Timestamp {
  return new Timestamp({ t: Number(value >> 32n), i: Number(value & 0xffffffffn) });
}
