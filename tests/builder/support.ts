import type { FlowDefinition, FlowNode } from '@telesales/schemas';
import { addNode, connect, setConfig, updateNode } from '../../builder/src/flows/flow-ops.js';
import { emptyHistory, historyReducer, recordEdit, stepTarget, type History } from '../../builder/src/flows/flow-history.js';

/** An empty flow, as the designer's "new flow" makes it. */
export function emptyFlow(): FlowDefinition {
  return {
    kind: 'flow',
    schemaVersion: 1,
    id: 'f0000000-0000-4000-8000-000000000000',
    key: 'hotline',
    label: { zh: '热线', en: 'Hotline' },
    languages: ['zh', 'en'],
    defaultLanguage: 'zh',
    start: '',
    nodes: [],
  } as unknown as FlowDefinition;
}

/** entry1 → menu1 (port 1) → play1 → hangup1, menu1 noInput → hangup1. */
export function sampleFlow(): FlowDefinition {
  let def = emptyFlow();
  for (const [type, x] of [['entry', 0], ['menu', 200], ['play', 400], ['hangup', 600]] as const) def = addNode(def, type, { x, y: 0 }).def;
  def = connect(def, 'entry1', 'next', 'menu1');
  def = connect(def, 'menu1', '1', 'play1');
  def = connect(def, 'menu1', 'noInput', 'hangup1');
  def = connect(def, 'play1', 'next', 'hangup1');
  return def;
}

export const node = (def: FlowDefinition, id: string): FlowNode => {
  const n = def.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};
export const links = (def: FlowDefinition) => def.nodes.flatMap((n) => n.next.map((l) => `${n.id}:${l.port}->${l.to}`)).sort();

export const withLabel = (def: FlowDefinition, id: string, label: string) => updateNode(def, id, (n) => ({ ...n, label }));
export const withPromptText = (def: FlowDefinition, id: string, lang: string, text: string) => {
  const config = node(def, id).config as { prompt: { text: Record<string, string> } };
  return setConfig(def, id, { ...config, prompt: { ...config.prompt, text: { ...config.prompt.text, [lang]: text } } });
};

/**
 * The designer's editing session without React: the same steps useFlowHistory takes (record with editKey on
 * every edit, a checkpoint before a drag, undo/redo swapping snapshots), with the clock passed in.
 */
export class Session {
  history: History = emptyHistory();
  constructor(public def: FlowDefinition) {}
  edit(change: (d: FlowDefinition) => FlowDefinition, at: number) {
    const next = change(this.def);
    if (next === this.def) return;
    this.history = historyReducer(this.history, recordEdit(this.def, next, at));
    this.def = next;
  }
  checkpoint() {
    this.history = historyReducer(this.history, { type: 'record', before: this.def });
  }
  silent(change: (d: FlowDefinition) => FlowDefinition) {
    this.def = change(this.def);
  }
  undo() {
    const target = stepTarget(this.history, 'undo');
    if (!target) return;
    this.history = historyReducer(this.history, { type: 'undo', current: this.def });
    this.def = target;
  }
  redo() {
    const target = stepTarget(this.history, 'redo');
    if (!target) return;
    this.history = historyReducer(this.history, { type: 'redo', current: this.def });
    this.def = target;
  }
  /** Types text into a field one character at a time, `gap` ms apart, starting at `from`; returns the time of the last key. */
  type(text: string, set: (d: FlowDefinition, value: string) => FlowDefinition, from: number, gap = 100, prefix = ''): number {
    let at = from;
    for (let i = 1; i <= text.length; i += 1) {
      this.edit((d) => set(d, prefix + text.slice(0, i)), at);
      if (i < text.length) at += gap;
    }
    return at;
  }
}
