import { describe, expect, it } from 'vitest';
import {
  addNode, connect, edgeId, freeNodeId, moveNodes, parseEdgeId, pasteNodes, removeElements, renameNode, setPositions,
} from '../../builder/src/flows/flow-ops.js';
import { emptyFlow, links, node, sampleFlow } from './support.js';

/** The designer's flow operations: pure, immutable edits of a definition (the canvas and the shortcuts call only these). */
describe('flow operations', () => {
  it('adds nodes under the first free <type><n> name at a rounded position; the first entry becomes the start', () => {
    const before = emptyFlow();
    const a = addNode(before, 'entry', { x: 10.4, y: 20.6 });
    expect(a.id).toBe('entry1');
    expect(a.def.start).toBe('entry1');
    expect(node(a.def, 'entry1')).toMatchObject({ type: 'entry', position: { x: 10, y: 21 }, next: [], config: { numbers: [] } });
    expect(before.nodes).toEqual([]); // the input is left alone

    const b = addNode(a.def, 'entry', { x: 0, y: 0 });
    expect(b.id).toBe('entry2');
    expect(b.def.start).toBe('entry1'); // a second entry does not take over
    const m = addNode(b.def, 'menu', { x: 0, y: 0 });
    expect(m.id).toBe('menu1');
    expect(m.def.nodes.map((n) => n.id)).toEqual(['entry1', 'entry2', 'menu1']);
    expect(freeNodeId(['menu1', 'menu3'], 'menu')).toBe('menu2');
  });

  it('links a port to a node, and linking the port again re-points it instead of adding a second link', () => {
    let def = sampleFlow();
    expect(links(def)).toEqual(['entry1:next->menu1', 'menu1:1->play1', 'menu1:noInput->hangup1', 'play1:next->hangup1']);
    def = connect(def, 'menu1', '1', 'hangup1');
    expect(node(def, 'menu1').next.filter((l) => l.port === '1')).toEqual([{ port: '1', to: 'hangup1' }]);
    expect(links(def)).toContain('menu1:1->hangup1');
    expect(links(def)).not.toContain('menu1:1->play1');
  });

  it('unlinks single links by edge id and leaves every other link and node', () => {
    const before = sampleFlow();
    expect(parseEdgeId(edgeId('menu1', 'noInput'))).toEqual({ source: 'menu1', port: 'noInput' });
    const after = removeElements(before, [], [edgeId('menu1', 'noInput')]);
    expect(links(after)).toEqual(['entry1:next->menu1', 'menu1:1->play1', 'play1:next->hangup1']);
    expect(after.nodes.map((n) => n.id)).toEqual(before.nodes.map((n) => n.id));
    expect(node(after, 'play1')).toBe(node(before, 'play1')); // untouched nodes are shared, not copied
  });

  it('removing a node removes it with every link into it, and moves the start to another entry', () => {
    const before = sampleFlow();
    const after = removeElements(before, ['hangup1'], []);
    expect(after.nodes.map((n) => n.id)).toEqual(['entry1', 'menu1', 'play1']);
    expect(links(after)).toEqual(['entry1:next->menu1', 'menu1:1->play1']);
    expect(links(before)).toHaveLength(4); // the input is left alone

    const twoEntries = addNode(before, 'entry', { x: 0, y: 300 }).def;
    const noStart = removeElements(twoEntries, ['entry1'], []);
    expect(noStart.start).toBe('entry2');
    expect(removeElements(before, ['entry1'], []).start).toBe('');
  });

  it('moves nodes by an offset and sets dragged positions, rounded, leaving the others in place', () => {
    const before = sampleFlow();
    const moved = moveNodes(before, ['menu1', 'play1'], { x: 10, y: -50 });
    expect(node(moved, 'menu1').position).toEqual({ x: 210, y: -50 });
    expect(node(moved, 'play1').position).toEqual({ x: 410, y: -50 });
    expect(node(moved, 'entry1').position).toEqual({ x: 0, y: 0 });
    const dragged = setPositions(before, new Map([['hangup1', { x: 1.6, y: 2.2 }]]));
    expect(node(dragged, 'hangup1').position).toEqual({ x: 2, y: 2 });
    expect(node(dragged, 'menu1').position).toEqual({ x: 200, y: 0 });
  });

  it('renames a node together with the links and the start that name it', () => {
    const after = renameNode(sampleFlow(), 'entry1', 'start');
    expect(after.start).toBe('start');
    const renamed = renameNode(after, 'hangup1', 'bye');
    expect(links(renamed)).toEqual(['menu1:1->play1', 'menu1:noInput->bye', 'play1:next->bye', 'start:next->menu1']);
  });

  it('pastes copies under fresh names, shifted, keeping the links among the copies and dropping links out of them', () => {
    const before = sampleFlow();
    const copied = structuredClone(before.nodes.filter((n) => ['menu1', 'play1'].includes(n.id)));
    const { def: after, ids } = pasteNodes(before, copied, { x: 40, y: 40 });
    expect(ids).toEqual(['menu2', 'play2']);
    expect(after.nodes.map((n) => n.id)).toEqual(['entry1', 'menu1', 'play1', 'hangup1', 'menu2', 'play2']);
    expect(node(after, 'menu2').position).toEqual({ x: 240, y: 40 });
    expect(node(after, 'menu2').config).toEqual(node(before, 'menu1').config);
    // menu1 → play1 inside the copy follows the new names; menu1 → hangup1 and play1 → hangup1 leave it: dropped.
    expect(node(after, 'menu2').next).toEqual([{ port: '1', to: 'play2' }]);
    expect(node(after, 'play2').next).toEqual([]);
    // The originals and their links are unchanged, and the copies share nothing with them.
    expect(links(after).filter((l) => !/menu2|play2/.test(l))).toEqual(links(before));
    expect(node(after, 'menu2').config).not.toBe(node(before, 'menu1').config);
    expect(after.start).toBe('entry1');

    // Pasting the same copy again gives fresh names again.
    expect(pasteNodes(after, copied, { x: 80, y: 80 }).ids).toEqual(['menu3', 'play3']);
  });

  it('pasting an entry into a flow without a start makes it the start', () => {
    const source = sampleFlow();
    const { def, ids } = pasteNodes(emptyFlow(), [node(source, 'entry1'), node(source, 'menu1')], { x: 0, y: 0 });
    expect(ids).toEqual(['entry1', 'menu1']);
    expect(def.start).toBe('entry1');
    expect(links(def)).toEqual(['entry1:next->menu1']);
  });
});
