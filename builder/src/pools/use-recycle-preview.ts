import { useEffect, useState } from 'react';
import type { PoolDefinition } from '@telesales/schemas';
import { ApiError } from '../api/client';
import { recyclePreview, type RecyclePreviewJson } from '../api/pools';

export type PreviewState =
  | { status: 'idle' }
  /** The draft has problems: the runtime would refuse to count for it. */
  | { status: 'blocked' }
  | { status: 'loading'; last?: RecyclePreviewJson }
  | { status: 'ready'; data: RecyclePreviewJson }
  /** The runtime has no preview route (older runtime): said once, quietly. */
  | { status: 'unavailable' }
  | { status: 'error'; error: ApiError };

const DEBOUNCE_MS = 600;

/**
 * Asks the runtime how many records the draft's rules would recycle now, shortly after the rules (or the
 * object) stop changing. Only what the count depends on is watched, so typing a label sends nothing.
 * `valid` false (the draft has problems) skips the call: the runtime validates the whole pool and would refuse it.
 */
export function useRecyclePreview(def: PoolDefinition, valid: boolean): PreviewState {
  const [state, setState] = useState<PreviewState>({ status: 'idle' });
  const watched = JSON.stringify([def.key, def.entity, def.recycle ?? []]);
  const hasRules = (def.recycle ?? []).length > 0;
  useEffect(() => {
    if (!hasRules || !valid) {
      setState({ status: hasRules ? 'blocked' : 'idle' });
      return;
    }
    let live = true;
    setState((s) => ({ status: 'loading', last: s.status === 'ready' ? s.data : s.status === 'loading' ? s.last : undefined }));
    const timer = setTimeout(() => {
      recyclePreview(def)
        .then((data) => live && setState({ status: 'ready', data }))
        .catch((e: unknown) => {
          if (!live) return;
          const error = e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e));
          setState(error.status === 404 || error.status === 405 ? { status: 'unavailable' } : { status: 'error', error });
        });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `def` is read at call time; only the watched parts decide whether to call again.
  }, [watched, hasRules, valid]);
  return state;
}
