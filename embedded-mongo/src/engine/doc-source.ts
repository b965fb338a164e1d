// Where a command reads documents from: the committed collection, or, inside a transaction, the committed
// collection seen through the transaction's own uncommitted writes.
import type { Collection } from '../storage/collection.js';

export interface DocSource {
  /** The committed collection (undefined if it does not exist yet). */
  readonly coll?: Collection;
  /** Current bytes of a document as this reader sees it; undefined if absent (or deleted in the transaction). */
  get(id: string): Uint8Array | undefined;
  /** Ids written by the transaction: extra candidates the committed indexes do not know about. */
  overlayIds(): Iterable<string>;
  readonly hasOverlay: boolean;
}

/** The committed documents of a collection, looked up on each use (it may be created or dropped meanwhile). */
export function committedSource(lookup: () => Collection | undefined): DocSource {
  return {
    get coll() {
      return lookup();
    },
    get: (id) => lookup()?.docs.get(id),
    overlayIds: () => [],
    hasOverlay: false,
  };
}
