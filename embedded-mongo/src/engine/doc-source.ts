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

export function committedSource(coll: Collection | undefined): DocSource {
  return {
    coll,
    get: (id) => coll?.docs.get(id),
    overlayIds: () => [],
    hasOverlay: false,
  };
}
