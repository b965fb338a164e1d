import { describe, expect, it } from 'vitest';
import type { FlowDefinition } from '@telesales/schemas';
import { COALESCE_MS, HISTORY_LIMIT, editKey, emptyHistory, historyReducer } from '../../builder/src/flows/flow-history.js';
import { addNode, connect, moveNodes, removeElements, renameNode, setPositions, updateNode } from '../../builder/src/flows/flow-ops.js';
import { Session, links, node, sampleFlow, withLabel, withPromptText } from './support.js';

const label = (def: FlowDefinition, id: string) => node(def, id).label;
const promptText = (def: FlowDefinition, id: string, lang: string) => (node(def, id).config as { prompt: { text: Record<string, string> } }).prompt.text[lang];

/** Undo/redo of the flow designer, and typing in one field being one undo step. */
describe('flow history', () => {
  it('undoes and redoes structural edits one at a time, in order', () => {
    const s = new Session(sampleFlow());
    const original = s.def;
    s.edit((d) => addNode(d, 'play', { x: 0, y: 200 }).def, 0);
    s.edit((d) => connect(d, 'play2', 'next', 'hangup1'), 10);
    s.edit((d) => removeElements(d, ['menu1'], []), 20);
    expect(s.history.past).toHaveLength(3);
    expect(s.def.nodes.map((n) => n.id)).toEqual(['entry1', 'play1', 'hangup1', 'play2']);

    s.undo(); // the removal: menu1 and the links into and out of it are back
    expect(node(s.def, 'menu1')).toBeDefined();
    expect(links(s.def)).toContain('entry1:next->menu1');
    s.undo(); // the link
    expect(links(s.def)).not.toContain('play2:next->hangup1');
    s.undo(); // the added node
    expect(s.def).toBe(original);
    s.undo(); // nothing left: no change
    expect(s.def).toBe(original);

    s.redo();
    s.redo();
    expect(links(s.def)).toContain('play2:next->hangup1');
    expect(node(s.def, 'menu1')).toBeDefined();
    s.redo();
    expect(s.def.nodes.some((n) => n.id === 'menu1')).toBe(false);
    expect(s.history.future).toHaveLength(0);
  });

  it('a new edit after undo drops the redo steps', () => {
    const s = new Session(sampleFlow());
    s.edit((d) => moveNodes(d, ['menu1'], { x: 10, y: 0 }), 0);
    s.edit((d) => moveNodes(d, ['menu1'], { x: 10, y: 0 }), 5000);
    s.undo();
    expect(s.history.future).toHaveLength(1);
    s.edit((d) => removeElements(d, ['play1'], []), 6000);
    expect(s.history.future).toHaveLength(0);
    s.redo();
    expect(s.def.nodes.some((n) => n.id === 'play1')).toBe(false);
  });

  it('five keystrokes in one label are one undo step: undo restores the old label, redo the whole new one', () => {
    const s = new Session(withLabel(sampleFlow(), 'menu1', 'Main'));
    s.history = emptyHistory();
    s.type('Sales', (d, v) => withLabel(d, 'menu1', v), 0, 200, 'Main ');
    expect(label(s.def, 'menu1')).toBe('Main Sales');
    expect(s.history.past).toHaveLength(1);

    s.undo();
    expect(label(s.def, 'menu1')).toBe('Main');
    expect(s.history.past).toHaveLength(0);
    s.redo();
    expect(label(s.def, 'menu1')).toBe('Main Sales');
  });

  it('typing a label where there was none, and clearing it again, each coalesce too', () => {
    const s = new Session(sampleFlow());
    expect(label(s.def, 'play1')).toBeUndefined();
    const end = s.type('Bye', (d, v) => withLabel(d, 'play1', v), 0);
    // Clearing: the designer drops the label key when the input is empty.
    s.edit((d) => updateNode(d, 'play1', (n) => ({ ...n, label: 'By' })), end + 3000);
    s.edit((d) => updateNode(d, 'play1', ({ label: _gone, ...n }) => n as typeof n), end + 3100);
    expect(label(s.def, 'play1')).toBeUndefined();
    expect(s.history.past).toHaveLength(2);
    s.undo();
    expect(label(s.def, 'play1')).toBe('Bye');
    s.undo();
    expect(label(s.def, 'play1')).toBeUndefined();
  });

  it('a pause longer than the coalescing window starts a new step', () => {
    const s = new Session(sampleFlow());
    const end = s.type('Hello', (d, v) => withLabel(d, 'menu1', v), 0);
    s.type(' world', (d, v) => withLabel(d, 'menu1', v), end + COALESCE_MS + 1, 100, 'Hello');
    expect(label(s.def, 'menu1')).toBe('Hello world');
    expect(s.history.past).toHaveLength(2);
    s.undo();
    expect(label(s.def, 'menu1')).toBe('Hello');
    s.undo();
    expect(label(s.def, 'menu1')).toBeUndefined();
    s.redo();
    s.redo();
    expect(label(s.def, 'menu1')).toBe('Hello world');
  });

  it('keeps coalescing while the typing goes on, however long, as long as no pause is long enough', () => {
    const s = new Session(sampleFlow());
    s.type('a long label typed slowly', (d, v) => withLabel(d, 'menu1', v), 0, 900);
    expect(s.history.past).toHaveLength(1);
  });

  it('another field of the same node, or the same field of another node, starts a new step', () => {
    const s = new Session(sampleFlow());
    let at = s.type('Menu', (d, v) => withLabel(d, 'menu1', v), 0);
    at = s.type('Press 1', (d, v) => withPromptText(d, 'menu1', 'en', v), at + 100);
    at = s.type('按1', (d, v) => withPromptText(d, 'menu1', 'zh', v), at + 100);
    s.type('Thanks', (d, v) => withLabel(d, 'play1', v), at + 100);
    expect(s.history.past).toHaveLength(4);

    s.undo();
    expect(label(s.def, 'play1')).toBeUndefined();
    expect(promptText(s.def, 'menu1', 'zh')).toBe('按1');
    s.undo();
    expect(promptText(s.def, 'menu1', 'zh')).toBeUndefined();
    expect(promptText(s.def, 'menu1', 'en')).toBe('Press 1');
    s.undo();
    expect(promptText(s.def, 'menu1', 'en')).toBeUndefined();
    expect(label(s.def, 'menu1')).toBe('Menu');
    s.undo();
    expect(label(s.def, 'menu1')).toBeUndefined();
  });

  it('going back to a field after another edit starts a new step', () => {
    const s = new Session(sampleFlow());
    s.type('Ab', (d, v) => withLabel(d, 'menu1', v), 0);
    s.edit((d) => withLabel(d, 'play1', 'x'), 150);
    s.type('c', (d, v) => withLabel(d, 'menu1', v), 300, 100, 'Ab');
    expect(s.history.past).toHaveLength(3);
    s.undo();
    expect(label(s.def, 'menu1')).toBe('Ab');
  });

  it('undo (and redo) ends the typing step: typing on right after it is a new step', () => {
    const s = new Session(sampleFlow());
    s.type('Abc', (d, v) => withLabel(d, 'menu1', v), 0);
    s.undo();
    s.redo();
    s.type('d', (d, v) => withLabel(d, 'menu1', v), 400, 100, 'Abc');
    expect(s.history.past).toHaveLength(2);
    s.undo();
    expect(label(s.def, 'menu1')).toBe('Abc');
  });

  it('structural edits never coalesce, even quick ones on the same node', () => {
    const s = new Session(sampleFlow());
    s.edit((d) => moveNodes(d, ['menu1'], { x: 10, y: 0 }), 0);
    s.edit((d) => moveNodes(d, ['menu1'], { x: 10, y: 0 }), 10);
    s.edit((d) => connect(d, 'menu1', 'invalid', 'hangup1'), 20);
    s.edit((d) => renameNode(d, 'hangup1', 'bye'), 30);
    s.edit((d) => renameNode(d, 'bye', 'bye2'), 40);
    expect(s.history.past).toHaveLength(5);
    s.undo();
    s.undo();
    expect(node(s.def, 'hangup1')).toBeDefined();
    s.undo();
    s.undo();
    expect(node(s.def, 'menu1').position).toEqual({ x: 210, y: 0 });
  });

  it('a drag is one step: the checkpoint before it, silent moves during it', () => {
    const s = new Session(sampleFlow());
    s.type('Lbl', (d, v) => withLabel(d, 'menu1', v), 0);
    s.checkpoint();
    for (let x = 1; x <= 5; x += 1) s.silent((d) => setPositions(d, new Map([['menu1', { x: 200 + x * 10, y: 0 }]])));
    // Typing on in the same label right after the drag is still a step of its own.
    s.type('!', (d, v) => withLabel(d, 'menu1', v), 300, 100, 'Lbl');
    expect(s.history.past).toHaveLength(3);
    s.undo();
    expect(label(s.def, 'menu1')).toBe('Lbl');
    expect(node(s.def, 'menu1').position).toEqual({ x: 250, y: 0 });
    s.undo();
    expect(node(s.def, 'menu1').position).toEqual({ x: 200, y: 0 });
    expect(label(s.def, 'menu1')).toBe('Lbl');
  });

  it('keeps at most HISTORY_LIMIT steps, dropping the oldest', () => {
    const s = new Session(sampleFlow());
    for (let i = 0; i < HISTORY_LIMIT + 5; i += 1) s.edit((d) => moveNodes(d, ['menu1'], { x: 1, y: 0 }), i * 10_000);
    expect(s.history.past).toHaveLength(HISTORY_LIMIT);
    while (s.history.past.length) s.undo();
    expect(node(s.def, 'menu1').position).toEqual({ x: 205, y: 0 });
  });

  it('reset forgets every step', () => {
    let h = historyReducer(emptyHistory(), { type: 'record', before: sampleFlow(), key: 'x', at: 0 });
    h = historyReducer(h, { type: 'reset' });
    expect(h).toEqual(emptyHistory());
  });

  it('editKey names the one text or number value an edit changed, by node id, and nothing else', () => {
    const def = sampleFlow();
    expect(editKey(def, withLabel(def, 'menu1', 'x'))).toBe('node:menu1/label');
    expect(editKey(def, withPromptText(def, 'menu1', 'en', 'x'))).toBe('node:menu1/config/prompt/text/en');
    const numbers = updateNode(def, 'menu1', (n) => ({ ...n, config: { ...n.config, timeoutSec: 9 } }) as typeof n);
    expect(editKey(def, numbers)).toBe('node:menu1/config/timeoutSec');
    expect(editKey(def, { ...def, label: { ...def.label, en: 'Hot' } } as FlowDefinition)).toBe('/label/en');
    // Not typing: a toggle, two values at once, a move, a link, a rename, an added node.
    const toggled = updateNode(def, 'play1', (n) => ({ ...n, config: { ...n.config, bargeIn: true } }) as typeof n);
    expect(editKey(def, toggled)).toBeNull();
    expect(editKey(def, withLabel(withLabel(def, 'menu1', 'a'), 'play1', 'b'))).toBeNull();
    expect(editKey(def, moveNodes(def, ['menu1'], { x: 1, y: 0 }))).toBeNull();
    expect(editKey(def, connect(def, 'menu1', 'invalid', 'hangup1'))).toBeNull();
    expect(editKey(def, renameNode(removeElements(def, [], ['entry1:next']), 'entry1', 'e'))).toBeNull();
    expect(editKey(def, addNode(def, 'play', { x: 0, y: 0 }).def)).toBeNull();
    expect(editKey(def, { ...def, start: 'menu1' })).toBeNull();
  });
});
