import { useCallback, useReducer, useRef } from 'react';
import type { FlowDefinition } from '@telesales/schemas';
import type { DefinitionDraft } from '../designer/use-definition-draft';

interface History {
  past: FlowDefinition[];
  future: FlowDefinition[];
}

type Action =
  | { type: 'record'; before: FlowDefinition }
  | { type: 'undo'; current: FlowDefinition }
  | { type: 'redo'; current: FlowDefinition }
  | { type: 'reset' };

/** Enough to step back through a long editing session without holding every keystroke forever. */
const LIMIT = 100;

export function historyReducer(state: History, action: Action): History {
  switch (action.type) {
    case 'record':
      return { past: [...state.past, action.before].slice(-LIMIT), future: [] };
    case 'undo':
      return state.past.length ? { past: state.past.slice(0, -1), future: [action.current, ...state.future] } : state;
    case 'redo':
      return state.future.length ? { past: [...state.past, action.current], future: state.future.slice(1) } : state;
    case 'reset':
      return { past: [], future: [] };
  }
}

export interface FlowHistory {
  /** An undoable edit. */
  edit(change: (def: FlowDefinition) => FlowDefinition): void;
  /** Marks the state before a gesture made of many silent updates (a drag), so one undo reverts all of it. */
  checkpoint(before: FlowDefinition): void;
  /** An update that does not add an undo step (the ticks of a drag after its checkpoint). */
  silent(change: (def: FlowDefinition) => FlowDefinition): void;
  undo(): void;
  redo(): void;
  reset(): void;
  canUndo: boolean;
  canRedo: boolean;
}

/** Undo/redo over whole definition snapshots (they are small, and immutable edits share their unchanged parts). */
export function useFlowHistory(draft: DefinitionDraft<'flow'>): FlowHistory {
  const [state, dispatch] = useReducer(historyReducer, { past: [], future: [] });
  // Callbacks read the newest stacks through a ref: a key press may come before the re-render.
  const ref = useRef(state);
  ref.current = state;
  const { update } = draft;

  const edit = useCallback(
    (change: (def: FlowDefinition) => FlowDefinition) =>
      update((current) => {
        const next = change(current);
        if (next !== current) {
          dispatch({ type: 'record', before: current });
          ref.current = historyReducer(ref.current, { type: 'record', before: current });
        }
        return next;
      }),
    [update],
  );
  const checkpoint = useCallback((before: FlowDefinition) => {
    dispatch({ type: 'record', before });
    ref.current = historyReducer(ref.current, { type: 'record', before });
  }, []);
  const step = useCallback(
    (type: 'undo' | 'redo') =>
      update((current) => {
        const target = type === 'undo' ? ref.current.past.at(-1) : ref.current.future[0];
        if (!target) return current;
        dispatch({ type, current });
        ref.current = historyReducer(ref.current, { type, current });
        return target;
      }),
    [update],
  );
  return {
    edit,
    checkpoint,
    silent: update,
    undo: useCallback(() => step('undo'), [step]),
    redo: useCallback(() => step('redo'), [step]),
    reset: useCallback(() => dispatch({ type: 'reset' }), []),
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
  };
}
