// The slab store behind every collection: what goes in comes out byte for byte, through overwrites,
// deletes and the evacuation of half-dead slabs, and memory stays bounded under constant rewriting.
import { describe, it, expect } from 'vitest';
import { serialize } from 'bson';
import { DocStore } from '../../embedded-mongo/src/storage/doc-store.js';

const docOf = (id: number, version: number, pad = 200) => serialize({ _id: id, version, pad: 'x'.repeat(pad + (id % 50)) });

function slabCount(store: DocStore): number {
  return (store as unknown as { slabs: (Buffer | undefined)[] }).slabs.filter(Boolean).length;
}

describe('DocStore', () => {
  it('returns exactly what was stored through rewrites, deletes and evacuations', () => {
    const store = new DocStore();
    const expected = new Map<string, Uint8Array>();
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 60_000; round++) {
      const id = String(Math.floor(random() * 5_000));
      if (random() < 0.15) {
        expect(store.delete(id)).toBe(expected.delete(id));
      } else {
        const bytes = docOf(Number(id), round);
        store.set(id, bytes);
        expected.set(id, bytes);
      }
    }
    expect(store.size).toBe(expected.size);
    for (const [id, bytes] of expected) expect(Buffer.compare(store.get(id)!, bytes)).toBe(0);
    expect([...store.keys()].sort()).toEqual([...expected.keys()].sort());
  });

  it('reclaims slabs that long-lived documents would otherwise pin', () => {
    const store = new DocStore();
    let anchors = 0;
    for (let write = 0; write < 60_000; write++) {
      store.set(`churn${write % 1_000}`, docOf(write % 1_000, write));
      // One document in a hundred is never written again: every slab gets some.
      if (write % 100 === 0) store.set(`anchor${anchors}`, docOf(anchors++, -1));
    }
    // ~16 MiB went through; ~0.5 MiB is live. Without evacuation every slab stays pinned by its anchors.
    expect(slabCount(store)).toBeLessThanOrEqual(3);
    for (let i = 0; i < anchors; i++) expect(Buffer.compare(store.get(`anchor${i}`)!, docOf(i, -1))).toBe(0);
    for (let i = 0; i < 1_000; i++) expect(Buffer.compare(store.get(`churn${i}`)!, docOf(i, 59_000 + i))).toBe(0);
  });

  it('a view handed out before its slab was evacuated still reads the old bytes', () => {
    const store = new DocStore();
    for (let i = 0; i < 4_000; i++) store.set(String(i), docOf(i, 0));
    const early = store.get('0')!;
    const copy = Buffer.from(early);
    for (let round = 1; round < 4; round++) for (let i = 0; i < 4_000; i++) store.set(String(i), docOf(i, round));
    expect(Buffer.compare(early, copy)).toBe(0);
    expect(Buffer.compare(store.get('0')!, docOf(0, 3))).toBe(0);
  });

  it('keeps documents larger than a slab', () => {
    const store = new DocStore();
    const big = docOf(1, 1, 3 * 1024 * 1024);
    store.set('big', big);
    store.set('small', docOf(2, 1));
    expect(Buffer.compare(store.get('big')!, big)).toBe(0);
    store.set('big', docOf(1, 2));
    expect(store.get('big')!.length).toBeLessThan(1024);
    expect(slabCount(store)).toBe(1);
  });

  it('version changes when a document is rewritten', () => {
    const store = new DocStore();
    store.set('a', docOf(1, 1));
    const before = store.version('a');
    store.set('a', docOf(1, 2));
    expect(store.version('a')).not.toBe(before);
    store.delete('a');
    expect(store.version('a')).toBeUndefined();
  });
});
