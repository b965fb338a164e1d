import { useEffect, useRef } from 'react';
import type { FlowDefinition, FlowNode } from '@telesales/schemas';
import { moveNodes, pasteNodes } from '../flow-ops';
import type { FlowHistory } from '../use-flow-history';

interface Options {
  def: FlowDefinition;
  history: FlowHistory;
  selectedIds(): string[];
  selectNext(ids: string[]): void;
}

// Module-wide, so nodes copied in one flow can be pasted into another during the session.
let clipboard: FlowNode[] = [];
const PASTE_OFFSET = 40;

/** Typing in a form must keep its own undo and arrow keys. */
const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

/**
 * Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, Ctrl+C / Ctrl+V of the selected nodes, arrows nudge (Shift: further).
 * Delete and Backspace are React Flow's own (deleteKeyCode).
 */
export function useCanvasKeys(options: Options) {
  // A ref so the listener is added once yet always sees the current definition.
  const opts = useRef(options);
  opts.current = options;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || document.querySelector('dialog[open]')) return;
      const { def, history, selectedIds, selectNext } = opts.current;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z') history[e.shiftKey ? 'redo' : 'undo']();
      else if (mod && key === 'y') history.redo();
      else if (mod && key === 'c') {
        const ids = new Set(selectedIds());
        if (!ids.size) return;
        clipboard = structuredClone(def.nodes.filter((n) => ids.has(n.id)));
      } else if (mod && key === 'v') {
        if (!clipboard.length) return;
        const copied = clipboard;
        let pasted: string[] = [];
        history.edit((d) => {
          const r = pasteNodes(d, copied, { x: PASTE_OFFSET, y: PASTE_OFFSET });
          pasted = r.ids;
          return r.def;
        });
        selectNext(pasted);
        // Pasting again steps further, like most editors, instead of stacking copies on one spot.
        clipboard = copied.map((n) => ({ ...n, position: { x: n.position.x + PASTE_OFFSET, y: n.position.y + PASTE_OFFSET } }));
      } else if (!mod && e.key.startsWith('Arrow')) {
        const ids = selectedIds();
        if (!ids.length) return;
        const step = e.shiftKey ? 50 : 10;
        const by = { ArrowLeft: { x: -step, y: 0 }, ArrowRight: { x: step, y: 0 }, ArrowUp: { x: 0, y: -step }, ArrowDown: { x: 0, y: step } }[e.key];
        if (!by) return;
        history.edit((d) => moveNodes(d, ids, by));
      } else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
