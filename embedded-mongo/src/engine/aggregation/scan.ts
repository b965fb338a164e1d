// The one scan a compiled pipeline makes: candidates from the planner's index plan for the leading $match
// (or every stored document), handed over as stored bytes. It pauses every few milliseconds so the other
// connections' commands run in between (a million-document scan would otherwise hold the event loop for
// the whole report), and gives up with MaxTimeMSExpired past the command's maxTimeMS, as mongod does.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ErrorCodes, ServerError } from '../../errors.js';
import type { Collection, Doc } from '../../storage/collection.js';
import { plan } from '../planner.js';

/** Work between two pauses: short enough that a findOne waits at most about this long. */
const SLICE_MS = 10;
/** Documents between two looks at the clock. */
const CHECK_EVERY = 512;

export interface ScanLimits {
  /** Date.now() after which the command fails with MaxTimeMSExpired (undefined: no limit). */
  deadline?: number;
}

export function deadlineOf(maxTimeMS: unknown): number | undefined {
  const ms = Number(maxTimeMS);
  return maxTimeMS !== undefined && Number.isFinite(ms) && ms > 0 ? Date.now() + ms : undefined;
}

export function timeLimitExceeded(): ServerError {
  return new ServerError(ErrorCodes.MaxTimeMSExpired, 'operation exceeded time limit');
}

export interface Scan {
  /** True when the index alone decided the filter: the documents need not be tested again. */
  exact: boolean;
  /** Visits the stored bytes of every candidate (every document when there is no filter). */
  run(limits: ScanLimits, visit: (raw: Uint8Array) => void): Promise<void>;
}

export function planScan(coll: Collection | undefined, filter: Doc | undefined): Scan {
  const chosen = coll && filter && Object.keys(filter).length ? plan(coll, filter) : undefined;
  const all = !chosen || chosen.describe === 'COLLSCAN';
  return {
    exact: !coll || (chosen ? chosen.exact : true),
    async run(limits, visit) {
      if (limits.deadline !== undefined && Date.now() > limits.deadline) throw timeLimitExceeded();
      if (!coll) return;
      let sliceStart = Date.now();
      let n = 0;
      const pause = async () => {
        const now = Date.now();
        if (limits.deadline !== undefined && now > limits.deadline) throw timeLimitExceeded();
        if (now - sliceStart < SLICE_MS) return;
        await nextTurn();
        if (limits.deadline !== undefined && Date.now() > limits.deadline) throw timeLimitExceeded();
        sliceStart = Date.now();
      };
      if (all) {
        // The store's own iteration reads each document's location as it reaches it, so writes made while
        // the scan paused are seen or not, but never read from a moved or freed place.
        for (const raw of coll.docs.values()) {
          visit(raw);
          if (++n % CHECK_EVERY === 0) await pause();
        }
        return;
      }
      // Only a multikey index lists a document twice; keeping every id seen costs more than the scan.
      const multikey = [...coll.indexes.values()].some((index) => index.multikey);
      const seen = chosen.repeats && multikey ? new Set<string>() : undefined;
      for (const id of chosen.ids()) {
        if (seen) {
          if (seen.has(id)) continue;
          seen.add(id);
        }
        const raw = coll.docs.get(id);
        if (raw) visit(raw);
        if (++n % CHECK_EVERY === 0) await pause();
      }
    },
  };
}
