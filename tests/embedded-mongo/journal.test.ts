import { describe, it, expect, afterEach } from 'vitest';
import {
  mkdtempSync, rmSync, readdirSync, statSync, truncateSync, appendFileSync, readFileSync, writeFileSync, copyFileSync, renameSync,
  openSync, writeSync, closeSync,
} from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal, type JournalOptions } from '../../embedded-mongo/src/storage/journal.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'journal-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Deterministic record bytes, distinct per i (and of a chosen size). */
function rec(i: number, size = 40): Buffer {
  const b = Buffer.alloc(size, i % 251);
  b.write(`r${i};`, 0, 'latin1');
  return b;
}
const str = (bufs: Uint8Array[]): string[] => bufs.map((b) => Buffer.from(b).toString('latin1'));

interface Recovered {
  j: Journal;
  entries: Buffer[];
  records: Buffer[];
  logs: string[];
}
async function open(dir: string, options: JournalOptions = {}): Promise<Recovered> {
  const entries: Buffer[] = [];
  const records: Buffer[] = [];
  const logs: string[] = [];
  const j = await Journal.open(
    dir,
    { onSnapshotEntry: (e) => entries.push(Buffer.from(e)), onRecord: (r) => records.push(Buffer.from(r)) },
    { log: (m) => logs.push(m), ...options },
  );
  return { j, entries, records, logs };
}

const journalFiles = (dir: string): string[] => readdirSync(dir).filter((n) => n.startsWith('journal-')).sort();
const lastJournal = (dir: string): string => join(dir, journalFiles(dir).at(-1)!);

describe('Journal', () => {
  it('round trips records byte for byte, in order, across reopens (empty, small and multi-chunk records)', async () => {
    const dir = join(tempDir(), 'nested', 'data'); // created by open
    const written = [rec(0), Buffer.alloc(0), rec(2, 1), rec(3, 5 * 1024 * 1024 + 17), rec(4, 300)];
    let { j, records, entries } = await open(dir);
    expect(records).toEqual([]);
    for (const r of written) await j.append(r);
    await j.close();

    const dataBytes = written.reduce((n, r) => n + 8 + r.length, 0);
    expect(statSync(lastJournal(dir)).size).toBe(dataBytes); // close() trimmed the preallocated zeros

    let logs: string[];
    ({ j, records, entries, logs } = await open(dir));
    expect(logs).toEqual([]);
    expect(entries).toEqual([]);
    expect(records.length).toBe(written.length);
    records.forEach((r, i) => expect(r.equals(written[i])).toBe(true));
    expect(j.journalBytes).toBe(dataBytes);
    await j.append(rec(5));
    await j.close();

    ({ j, records } = await open(dir));
    expect(records.length).toBe(6);
    expect(records[5].equals(rec(5))).toBe(true);
    await j.close();
  });

  it('copies the record on append, so the caller may reuse its array', async () => {
    const dir = tempDir();
    let { j, records } = await open(dir);
    const buf = Buffer.from('original');
    const p = j.append(buf);
    buf.write('mutated!');
    await p;
    await j.close();
    ({ j, records } = await open(dir));
    expect(str(records)).toEqual(['original']);
    await j.close();
  });

  it('group-commits concurrent appends: 2,000 appends cost a handful of fsyncs and resolve in order', async () => {
    const dir = tempDir();
    let { j, records } = await open(dir);
    const resolved: number[] = [];
    await Promise.all(Array.from({ length: 2000 }, (_, i) => j.append(rec(i, 400)).then(() => resolved.push(i))));
    expect(j.stats.appends).toBe(2000);
    expect(j.stats.fsyncs).toBeLessThanOrEqual(5);
    expect(resolved).toEqual(Array.from({ length: 2000 }, (_, i) => i));

    // Appenders that each wait for their previous append still share fsyncs.
    const before = j.stats.fsyncs;
    await Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        for (let k = 0; k < 50; k++) await j.append(rec(10_000 + w * 100 + k));
      }),
    );
    expect(j.stats.appends).toBe(2800);
    expect(j.stats.fsyncs - before).toBeLessThan(800 / 4);
    await j.close();

    ({ j, records } = await open(dir));
    expect(records.length).toBe(2800);
    for (let i = 0; i < 2000; i++) expect(records[i].equals(rec(i, 400))).toBe(true);
    await j.close();
  });

  it('close() flushes appends that were not awaited', async () => {
    const dir = tempDir();
    let { j, records } = await open(dir);
    const pending = Array.from({ length: 100 }, (_, i) => j.append(rec(i)));
    await j.close();
    await Promise.all(pending);
    await expect(j.append(rec(100))).rejects.toThrow(/closed/);
    ({ j, records } = await open(dir));
    expect(records.length).toBe(100);
    await j.close();
  });

  describe('torn or corrupt tail of the last journal', () => {
    const tear: Record<string, { damage: (file: string) => void; survivors: number }> = {
      'truncated in the middle of the last payload': { damage: (f) => truncateSync(f, statSync(f).size - 7), survivors: 9 },
      'truncated in the middle of the last header': {
        damage: (f) => truncateSync(f, statSync(f).size - rec(9).length - 5),
        survivors: 9,
      },
      'garbage appended': { damage: (f) => appendFileSync(f, Buffer.from('this is not a record at all')), survivors: 10 },
      'garbage written in preallocated zeros after the last record': {
        damage: (f) => {
          appendFileSync(f, Buffer.alloc(100_000));
          const fd = openSync(f, 'r+');
          writeSync(fd, Buffer.from('half a batch'), 0, 12, statSync(f).size - 100_000);
          closeSync(fd);
        },
        survivors: 10,
      },
      'a flipped byte in the last payload': {
        damage: (f) => {
          const b = readFileSync(f);
          b[b.length - 3] ^= 0x40;
          writeFileSync(f, b);
        },
        survivors: 9,
      },
    };
    for (const [name, { damage, survivors }] of Object.entries(tear)) {
      it(name, async () => {
        const dir = tempDir();
        let { j, records, logs } = await open(dir);
        for (let i = 0; i < 10; i++) await j.append(rec(i));
        await j.close();
        const file = lastJournal(dir);
        const goodSize = survivors * (8 + rec(0).length);
        damage(file);

        ({ j, records, logs } = await open(dir));
        expect(str(records)).toEqual(str(Array.from({ length: survivors }, (_, i) => rec(i))));
        const cut = logs.find((m) => m.includes('cut'));
        expect(cut).toBeDefined();
        expect(cut).toContain(journalFiles(dir).at(-1));
        expect(cut).toContain(`offset ${goodSize}`);
        expect(statSync(file).size).toBe(goodSize);

        await j.append(rec(100));
        await j.close();
        ({ j, records, logs } = await open(dir));
        expect(str(records)).toEqual(str([...Array.from({ length: survivors }, (_, i) => rec(i)), rec(100)]));
        expect(logs).toEqual([]);
        await j.close();
      });
    }
  });

  it('after a crash, the zeros preallocated after the last record are free space, not a torn tail', async () => {
    const dir = tempDir();
    const image = tempDir();
    const { j } = await open(dir);
    for (let i = 0; i < 10; i++) await j.append(rec(i));
    // What the disk holds if the process dies now: the file is longer than its records.
    const name = journalFiles(dir)[0];
    copyFileSync(join(dir, name), join(image, name));
    await j.close();
    expect(statSync(join(image, name)).size).toBeGreaterThan(10 * 48);

    let { j: k, records, logs } = await open(image);
    expect(str(records)).toEqual(str(Array.from({ length: 10 }, (_, i) => rec(i))));
    expect(logs).toEqual([]);
    expect(k.journalBytes).toBe(10 * 48);
    await k.append(rec(10));
    await k.close();
    expect(statSync(join(image, name)).size).toBe(11 * 48);
    ({ j: k, records, logs } = await open(image));
    expect(records.length).toBe(11);
    expect(logs).toEqual([]);
    await k.close();
  });

  it('skips the rest of an older journal file that is corrupt, and goes on with the next one', async () => {
    const dir = tempDir();
    let { j, records, logs } = await open(dir);
    for (let i = 0; i < 3; i++) await j.append(rec(i));
    await j.close();
    const first = lastJournal(dir);
    const later = join(dir, 'journal-0000000001.log');
    // Build journal 1 from what a journal 0 with other records looks like.
    const other = tempDir();
    ({ j } = await open(other));
    await j.append(rec(7));
    await j.close();
    copyFileSync(lastJournal(other), later);
    const b = readFileSync(first);
    b[8 + rec(0).length + 10] ^= 1; // second record
    writeFileSync(first, b);

    ({ j, records, logs } = await open(dir));
    expect(str(records)).toEqual(str([rec(0), rec(7)]));
    expect(logs.some((m) => m.includes('journal-0000000000.log') && m.includes('skipped'))).toBe(true);
    await j.append(rec(8));
    await j.close();
    ({ j, records } = await open(dir));
    expect(str(records)).toEqual(str([rec(0), rec(7), rec(8)]));
    await j.close();
  });

  it('compaction: snapshot, then only the records appended after compact() was called; old files gone', async () => {
    const dir = tempDir();
    let { j, records, entries, logs } = await open(dir);
    for (let i = 0; i < 5; i++) await j.append(rec(i));
    // Appends made before compact() and not yet on disk: one batch in flight, another queued behind it.
    const order: string[] = [];
    const beforePending = [j.append(rec(5))];
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 50; i++) beforePending.push(j.append(rec(50 + i)));
    for (const p of beforePending) void p.then(() => order.push('before'));
    const huge = rec(99, 5 * 1024 * 1024); // larger than a snapshot block
    const snapshot = [Buffer.from('e1'), Buffer.alloc(0), huge, Buffer.from('e3')];
    const compaction = j.compact(snapshot);
    const right = j.append(rec(6)); // issued right after the call, before awaiting it
    void right.then(() => order.push('after'));
    expect(j.compact([Buffer.from('ignored')])).toBeInstanceOf(Promise); // a second one is a no-op
    await compaction;
    await Promise.all(beforePending);
    await right;
    // Resolved in order across the switch, and nothing of the new journal written before the old one's.
    expect(order).toEqual([...Array(51).fill('before'), 'after']);
    await j.append(rec(7));
    expect(j.stats.compactions).toBe(1);
    expect(j.journalBytes).toBe(2 * (8 + rec(0).length));
    expect(logs.some((m) => m.startsWith('compaction done'))).toBe(true);
    await j.close();
    expect(readdirSync(dir).sort()).toEqual(['journal-0000000001.log', 'snapshot-0000000001.bin']);

    ({ j, records, entries } = await open(dir));
    expect(entries.length).toBe(4);
    expect(entries[2].equals(huge)).toBe(true);
    expect(str([entries[0], entries[1], entries[3]])).toEqual(['e1', '', 'e3']);
    expect(str(records)).toEqual(str([rec(6), rec(7)]));

    // A second generation.
    await j.compact([Buffer.from('f1')]);
    await j.append(rec(8));
    await j.close();
    expect(readdirSync(dir).sort()).toEqual(['journal-0000000002.log', 'snapshot-0000000002.bin']);
    ({ j, records, entries } = await open(dir));
    expect(str(entries)).toEqual(['f1']);
    expect(str(records)).toEqual(str([rec(8)]));
    await j.close();
  });

  it('shouldCompact() follows compactBytes and is false while compacting', async () => {
    const dir = tempDir();
    const { j } = await open(dir, { compactBytes: 1000 });
    for (let i = 0; i < 20; i++) await j.append(rec(i)); // 20 * 48 = 960 bytes
    expect(j.journalBytes).toBe(960);
    expect(j.shouldCompact()).toBe(false);
    await j.append(rec(20));
    expect(j.shouldCompact()).toBe(true);
    const p = j.compact([Buffer.from('state')]);
    expect(j.shouldCompact()).toBe(false);
    await p;
    expect(j.journalBytes).toBe(0);
    expect(j.shouldCompact()).toBe(false);
    await j.close();
  });

  it('writes a large snapshot in chunks, keeping the event loop and appends going', async () => {
    const dir = tempDir();
    let { j, entries, records } = await open(dir);
    const n = 200_000;
    let ticks = 0;
    let ticking = true;
    const tick = (): void => {
      ticks++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    let appendedDuring = false;
    let compacted = false;
    const entry = (i: number): Buffer => rec(i, 300);
    const compaction = j.compact(
      (function* () {
        for (let i = 0; i < n; i++) yield entry(i);
      })(),
    ).then(() => (compacted = true));
    await j.append(rec(-1)).then(() => (appendedDuring = !compacted));
    await compaction;
    ticking = false;
    expect(appendedDuring).toBe(true);
    expect(ticks).toBeGreaterThan(5); // 60 MB in 4 MiB writes
    await j.close();

    ({ j, entries, records } = await open(dir));
    expect(entries.length).toBe(n);
    for (const i of [0, 1, 12_345, n - 1]) expect(entries[i].equals(entry(i))).toBe(true);
    expect(str(records)).toEqual(str([rec(-1)]));
    await j.close();
  });

  it('refuses to start from a snapshot that is complete but damaged inside', async () => {
    const dir = tempDir();
    const { j } = await open(dir);
    await j.compact(Array.from({ length: 1000 }, (_, i) => rec(i, 100)));
    await j.close();
    const snap = join(dir, 'snapshot-0000000001.bin');
    const b = readFileSync(snap);
    b[50_000] ^= 1;
    writeFileSync(snap, b);
    await expect(open(dir)).rejects.toThrow(/damaged/);
  });

  describe('crash during compaction', () => {
    /** Journal 0 holds a, b; then compaction to generation 1 with entries; then record c in journal 1. Returns journal 0's bytes. */
    async function compactedDir(dir: string): Promise<Buffer> {
      const { j } = await open(dir);
      await j.append(Buffer.from('a'));
      await j.append(Buffer.from('b'));
      const journal0 = readFileSync(join(dir, 'journal-0000000000.log'));
      const p = j.compact([Buffer.from('ab-state-1'), Buffer.from('ab-state-2')]);
      await j.append(Buffer.from('c'));
      await p;
      await j.close();
      return journal0;
    }

    it('before the rename (a .tmp snapshot left): recovers old journal + new journal', async () => {
      const dir = tempDir();
      const journal0 = await compactedDir(dir);
      writeFileSync(join(dir, 'journal-0000000000.log'), journal0);
      renameSync(join(dir, 'snapshot-0000000001.bin'), join(dir, 'snapshot-0000000001.bin.tmp'));
      const { j, entries, records, logs } = await open(dir);
      expect(entries).toEqual([]);
      expect(str(records)).toEqual(['a', 'b', 'c']);
      expect(logs.some((m) => m.includes('snapshot-0000000001.bin.tmp'))).toBe(true);
      expect(readdirSync(dir)).not.toContain('snapshot-0000000001.bin.tmp');
      await j.append(Buffer.from('d'));
      await j.close();
      const again = await open(dir);
      expect(str(again.records)).toEqual(['a', 'b', 'c', 'd']);
      await again.j.close();
    });

    it('with a snapshot cut short (no trailer): ignores it and recovers the previous complete state', async () => {
      const dir = tempDir();
      const journal0 = await compactedDir(dir);
      writeFileSync(join(dir, 'journal-0000000000.log'), journal0);
      const snap = join(dir, 'snapshot-0000000001.bin');
      truncateSync(snap, statSync(snap).size - 16); // exactly the trailer
      const { j, entries, records, logs } = await open(dir);
      expect(entries).toEqual([]);
      expect(str(records)).toEqual(['a', 'b', 'c']);
      expect(logs.some((m) => m.includes('snapshot-0000000001.bin') && m.includes('trailer'))).toBe(true);
      await j.close();
    });

    it('after the rename, before deleting the old files: uses the new snapshot and removes the stale files', async () => {
      const dir = tempDir();
      const journal0 = await compactedDir(dir);
      writeFileSync(join(dir, 'journal-0000000000.log'), journal0);
      const { j, entries, records } = await open(dir);
      expect(str(entries)).toEqual(['ab-state-1', 'ab-state-2']);
      expect(str(records)).toEqual(['c']);
      expect(readdirSync(dir)).not.toContain('journal-0000000000.log');
      await j.close();
    });

    it('close() during a compaction leaves a recoverable directory', async () => {
      const dir = tempDir();
      let { j, entries, records } = await open(dir);
      await j.append(Buffer.from('a'));
      const p = j.compact(
        (function* () {
          for (let i = 0; i < 100_000; i++) yield rec(i, 300);
        })(),
      );
      const b = j.append(Buffer.from('b'));
      await j.close();
      await p;
      await b;
      ({ j, entries, records } = await open(dir));
      // Either the compaction finished (snapshot + b) or it was abandoned (a, b), never anything else.
      if (entries.length > 0) {
        expect(entries.length).toBe(100_000);
        expect(str(records)).toEqual(['b']);
      } else {
        expect(str(records)).toEqual(['a', 'b']);
      }
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      await j.close();
    });
  });

  it('a failed write rejects the pending appends and later ones, until a compaction starts a fresh file', async () => {
    const dir = tempDir();
    let { j, records, entries, logs } = await open(dir);
    await j.append(rec(0));
    // Break the file handle underneath the writer.
    const inner = j as unknown as { writer: { fh: FileHandle } };
    await inner.writer.fh.close();
    const failing = [j.append(rec(1)), j.append(rec(2))];
    for (const p of failing) await expect(p).rejects.toThrow();
    await expect(j.append(rec(3))).rejects.toThrow();
    expect(logs.some((m) => m.includes('write failed'))).toBe(true);

    await j.compact([Buffer.from('state')]);
    await j.append(rec(4));
    await j.close();
    ({ j, records, entries } = await open(dir));
    expect(str(entries)).toEqual(['state']);
    expect(str(records)).toEqual(str([rec(4)]));
    await j.close();
  });
});
