import { useRef } from 'react';
import { uuid } from '../lib/uuid';

export interface RowIds {
  ids: string[];
  added(): void;
  removed(index: number): void;
  moved(from: number, to: number): void;
}

/**
 * Outcomes and states have no ids of their own (their key is edited in place), but a sortable list needs a
 * stable one per row: these live beside the list and follow its edits. A list that changed length by other
 * means (reload, discard) gets fresh ids.
 */
export function useRowIds(length: number): RowIds {
  const ids = useRef<string[]>([]);
  if (ids.current.length !== length) ids.current = Array.from({ length }, () => uuid());
  return {
    ids: ids.current,
    added: () => {
      ids.current = [...ids.current, uuid()];
    },
    removed: (index) => {
      ids.current = ids.current.filter((_, i) => i !== index);
    },
    moved: (from, to) => {
      const next = [...ids.current];
      const [id] = next.splice(from, 1);
      next.splice(to, 0, id!);
      ids.current = next;
    },
  };
}
