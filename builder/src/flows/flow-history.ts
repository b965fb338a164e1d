// Undo/redo stacks of a flow definition, pure (the hook in use-flow-history.ts only holds them in React state).
import type { FlowDefinition } from '@telesales/schemas';

export interface History {
  past: FlowDefinition[];
  future: FlowDefinition[];
  /** The last recorded edit, when it may still absorb the next one (typing in the same field). */
  last: { key: string; at: number } | null;
}

export type HistoryAction =
  /** `key` names what a typing-like edit changed (see editKey); without one the edit is always a step of its own. */
  | { type: 'record'; before: FlowDefinition; key?: string | null; at?: number }
  | { type: 'undo'; current: FlowDefinition }
  | { type: 'redo'; current: FlowDefinition }
  | { type: 'reset' };

/** Enough to step back through a long editing session without holding every keystroke forever. */
export const HISTORY_LIMIT = 100;
/** Edits of one field closer together than this are one undo step, as in text editors; a longer pause starts a new one. */
export const COALESCE_MS = 1000;

export const emptyHistory = (): History => ({ past: [], future: [], last: null });

export function historyReducer(state: History, action: HistoryAction): History {
  switch (action.type) {
    case 'record': {
      const key = action.key ?? null;
      const at = action.at ?? 0;
      // The same field again, soon enough: the step recorded at the first keystroke already holds the state before them all.
      if (key !== null && state.last?.key === key && at - state.last.at < COALESCE_MS && state.past.length > 0)
        return { ...state, last: { key, at } };
      return { past: [...state.past, action.before].slice(-HISTORY_LIMIT), future: [], last: key === null ? null : { key, at } };
    }
    case 'undo':
      return state.past.length ? { past: state.past.slice(0, -1), future: [action.current, ...state.future], last: null } : state;
    case 'redo':
      return state.future.length ? { past: [...state.past, action.current], future: state.future.slice(1), last: null } : state;
    case 'reset':
      return emptyHistory();
  }
}

type Leaf = string | number | undefined;
const isLeaf = (v: unknown): v is Leaf => v === undefined || typeof v === 'string' || typeof v === 'number';
const isContainer = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * What a typing-like edit changed, as a key for coalescing: the JSON pointer of the one text or number value
 * that differs (set, changed or cleared), prefixed with its node's id so an edit of another node never joins.
 * Null when the edit is anything else (several values, a toggle, a row added or removed, a node moved...).
 */
export function editKey(before: FlowDefinition, after: FlowDefinition): string | null {
  if (before.nodes.length !== after.nodes.length) return null;
  const changed: string[] = [];
  // Walks both trees in step, skipping what the immutable edit shared; stops at a second change.
  const walk = (a: unknown, b: unknown, path: string): boolean => {
    if (a === b) return true;
    if (isContainer(a) && isContainer(b) && Array.isArray(a) === Array.isArray(b)) {
      if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return false;
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (!walk(a[k], b[k], `${path}/${escape(k)}`)) return false;
      return true;
    }
    if (!isLeaf(a) || !isLeaf(b)) return false;
    changed.push(path);
    return changed.length === 1;
  };
  if (!walk(before, after, '') || changed.length !== 1) return null;
  const path = changed[0]!;
  const m = /^\/nodes\/(\d+)(\/.*)$/.exec(path);
  // The start is picked (a button), not typed.
  if (!m) return path === '/start' ? null : path;
  // Only settings are typed: a nudge (position) or a rename (id, committed once) is a step of its own.
  if (!/^\/(label|config)(\/|$)/.test(m[2]!)) return null;
  const id = before.nodes[Number(m[1])]?.id;
  return id === undefined || id !== after.nodes[Number(m[1])]?.id ? null : `node:${id}${m[2]}`;
}

/** How an edit from `before` to `after`, made at `at` (ms), is recorded: with its coalescing key. */
export const recordEdit = (before: FlowDefinition, after: FlowDefinition, at: number): HistoryAction => ({ type: 'record', before, key: editKey(before, after), at });

/** The definition undo or redo goes back (or forward) to, if there is one. */
export const stepTarget = (state: History, type: 'undo' | 'redo'): FlowDefinition | undefined => (type === 'undo' ? state.past.at(-1) : state.future[0]);
