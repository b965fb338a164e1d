import { useCallback, useReducer, useRef } from 'react';
import type { FlowDefinition } from '@telesales/schemas';
import type { DefinitionDraft } from '../hooks/use-definition-draft';
import { emptyHistory, historyReducer, recordEdit, stepTarget } from './flow-history';

export interface FlowHistory {
  /**
   * An undoable edit. Typing-like edits (one text or number value of one node or of the flow) that follow one
   * another on the same value within a second are one undo step; another value or a pause starts a new step.
   */
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
  const [state, dispatch] = useReducer(historyReducer, undefined, emptyHistory);
  // Callbacks read the newest stacks through a ref: a key press may come before the re-render.
  const ref = useRef(state);
  ref.current = state;
  const { update } = draft;

  const edit = useCallback(
    (change: (def: FlowDefinition) => FlowDefinition) =>
      update((current) => {
        const next = change(current);
        if (next !== current) {
          const action = recordEdit(current, next, Date.now());
          dispatch(action);
          ref.current = historyReducer(ref.current, action);
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
        const target = stepTarget(ref.current, type);
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
    reset: useCallback(() => {
      dispatch({ type: 'reset' });
      ref.current = emptyHistory();
    }, []),
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
  };
}
