// The durability layer: the engine keeps everything in memory and persists it as a snapshot plus an
// append-only journal of the records written since that snapshot. Records and snapshot entries are opaque
// bytes here; the engine encodes and decodes them.
//
// On-disk layout of the data directory (G = generation, zero-padded to 10 digits):
//   snapshot-G.bin   the state as of the start of journal-G. Only ever created by renaming a finished
//                    snapshot-G.bin.tmp into place, and it ends with a trailer, so it is complete or absent.
//   journal-G.log    records appended after snapshot-G (or, without one, from the empty state), in order.
// Recovery feeds the newest complete snapshot S (none: S = 0, the empty state), then replays journal-S,
// journal-(S+1), ... in order. Files of generations below S are left-overs of a compaction that crashed
// before deleting them; they are removed.
//
// Both kinds of file are sequences of frames:
//   u32 LE crc  CRC-32 of the next 4 + len bytes (the length field and the payload)
//   u32 LE len  payload length (0xFFFFFFFF marks the snapshot trailer, whose "payload" is a u64 LE count)
//   payload
// The CRC covers the length field so that a corrupt length is caught, and so that a run of zero bytes is
// not a valid empty record. A journal frame holds one record. A snapshot file starts with the 8-byte magic
// "EMSNAP01", and each of its frames is a block of up to 4 MiB holding many entries, each as u32 LE length +
// bytes (one CRC per block rather than per entry: a snapshot has millions of small entries).
//
// The journal file being appended to is preallocated with zeros, 1 MiB ahead of the data: fdatasync after
// overwriting blocks that already exist does not have to commit a file-size change to the file system's
// own journal, which makes it about twice as fast. A zero tail after the last record is therefore normal
// (close() trims it; a crash leaves it); anything else after the last good record is a torn write.
import { constants as fsConstants, promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';

export interface JournalOptions {
  /** Log function for notable events (torn tail cut, compaction done). Default: console.error with a '[embedded-mongo]' prefix. */
  log?: (message: string) => void;
  /** When the journal since the last snapshot exceeds this many bytes, shouldCompact() returns true. Default 64 MiB. */
  compactBytes?: number;
}

export interface RecoveryHandlers {
  /** Called once per snapshot entry, in the order they were written. */
  onSnapshotEntry(entry: Uint8Array): void;
  /** Called once per journal record written after that snapshot, in append order. */
  onRecord(record: Uint8Array): void;
}

/** Counters for tests and stats. */
export interface JournalStats {
  /** Records made durable (written and fdatasync'ed). */
  appends: number;
  /** Write + fdatasync batches of the journal (group commits). */
  fsyncs: number;
  /** Compactions completed. */
  compactions: number;
}

const HEADER = 8;
/** Largest frame payload; a length field above it (read back) is corruption. */
const MAX_PAYLOAD = 0x7fff_ffff;
/** Largest record or snapshot entry (an entry is stored with a 4-byte length inside a block). */
const MAX_RECORD = MAX_PAYLOAD - 4;
const TRAILER_MARK = 0xffff_ffff;
const TRAILER_SIZE = HEADER + 8;
const SNAPSHOT_MAGIC = Buffer.from('EMSNAP01', 'latin1');
/** Snapshot writes (and so blocks) and recovery reads go in chunks of this size. */
const CHUNK = 4 * 1024 * 1024;
/** Longest the snapshot writer keeps the event loop between two writes (as far as it can tell). */
const SLICE_MS = 5;
/**
 * The snapshot is fdatasync'ed every this many bytes as it is written. Dirty pages otherwise pile up (hundreds
 * of MB) and every journal fdatasync meanwhile waits behind their writeback: appends stall for 100+ ms.
 */
const SNAPSHOT_SYNC_BYTES = 16 * 1024 * 1024;
/** How far ahead of the data the journal file is filled with zeros. */
const PREALLOCATE = 1024 * 1024;
/** Upper bound for one group-commit write (a batch takes records until it reaches this size). */
const MAX_BATCH = 16 * 1024 * 1024;
const DEFAULT_COMPACT_BYTES = 64 * 1024 * 1024;

const JOURNAL_RE = /^journal-(\d+)\.log$/;
const SNAPSHOT_RE = /^snapshot-(\d+)\.bin$/;
const SNAPSHOT_TMP_RE = /^snapshot-\d+\.bin\.tmp$/;
const pad = (gen: number): string => String(gen).padStart(10, '0');
const journalName = (gen: number): string => `journal-${pad(gen)}.log`;
const snapshotName = (gen: number): string => `snapshot-${pad(gen)}.bin`;

/** Where the platform has it (not Windows), journal writes are synchronous to the disk (see openJournal). */
const O_DSYNC: number = (fsConstants as { O_DSYNC?: number }).O_DSYNC ?? 0;

let zeros: Buffer | undefined;
const zeroBuffer = (): Buffer => (zeros ??= Buffer.alloc(PREALLOCATE));

export class Journal {
  private writer: JournalWriter;
  /** The previous journal's writer while a compaction runs: it still flushes the appends made before it. */
  private retiring: JournalWriter | null = null;
  /** Bytes of journal files after the snapshot that are no longer written to (found at open, or kept by a failed compaction). */
  private inactiveBytes: number;
  private compacting: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private readonly counters: JournalStats;

  private constructor(
    private readonly dir: string,
    private readonly log: (message: string) => void,
    private readonly compactBytes: number,
    writer: JournalWriter,
    inactiveBytes: number,
    counters: JournalStats,
  ) {
    this.writer = writer;
    this.inactiveBytes = inactiveBytes;
    this.counters = counters;
  }

  /**
   * Opens (creating if needed) the data directory and recovers: feeds the newest complete snapshot, then
   * every intact journal record after it. A torn or corrupt tail of the last journal file is cut off (the
   * file truncated to the last good record and fsynced) with a log line; it never fails the start. The
   * arrays passed to the handlers are copies the handlers may keep. Exceptions thrown by the handlers
   * propagate, and so does a snapshot that is complete but damaged inside (see feedSnapshot).
   */
  static async open(dir: string, handlers: RecoveryHandlers, options: JournalOptions = {}): Promise<Journal> {
    const log = options.log ?? ((message: string) => console.error(`[embedded-mongo] ${message}`));
    const compactBytes = options.compactBytes ?? DEFAULT_COMPACT_BYTES;
    const counters: JournalStats = { appends: 0, fsyncs: 0, compactions: 0 };
    await ensureDir(dir);

    const snapshots: number[] = [];
    const journals: number[] = [];
    for (const name of await fsp.readdir(dir)) {
      let m: RegExpExecArray | null;
      if (SNAPSHOT_TMP_RE.test(name)) {
        await fsp.rm(path.join(dir, name), { force: true });
        log(`removed ${name}, left by an interrupted compaction`);
      } else if ((m = SNAPSHOT_RE.exec(name))) {
        snapshots.push(Number(m[1]));
      } else if ((m = JOURNAL_RE.exec(name))) {
        journals.push(Number(m[1]));
      }
    }
    snapshots.sort((a, b) => b - a);
    journals.sort((a, b) => a - b);

    let base = 0;
    for (const gen of snapshots) {
      const file = path.join(dir, snapshotName(gen));
      const problem = await checkSnapshotEnds(file);
      if (problem === null) {
        await feedSnapshot(file, handlers);
        base = gen;
        break;
      }
      // A crash cannot produce this (snapshots are renamed into place complete), a copy cut short can.
      await fsp.rename(file, `${file}.corrupt`);
      log(`${snapshotName(gen)} is incomplete (${problem}); renamed it to ${snapshotName(gen)}.corrupt and recovering from the previous generation`);
    }

    const live = journals.filter((gen) => gen >= base);
    let expected = base;
    for (const gen of live) {
      if (gen > expected) {
        const range = gen - 1 === expected ? journalName(expected) : `${journalName(expected)} .. ${journalName(gen - 1)}`;
        log(`${range} missing from ${dir}: the records it held are lost`);
      }
      expected = gen + 1;
    }

    let inactiveBytes = 0;
    let writer: JournalWriter | undefined;
    for (let i = 0; i < live.length; i++) {
      const gen = live[i];
      const last = i === live.length - 1;
      const name = journalName(gen);
      const file = path.join(dir, name);
      const fh = await (last ? openJournal(file, false) : fsp.open(file, 'r'));
      let keepOpen = false;
      try {
        let { size } = await fh.stat();
        const scan = await scanFrames(fh, size, 0, false, (payload) => handlers.onRecord(copy(payload)));
        if (scan.stop.kind === 'bad' && !(await isZero(fh, scan.end, size))) {
          const dropped = size - scan.end;
          if (last) {
            // A crash during a group commit leaves part of the batch: it was never acknowledged, so it goes.
            // The truncation must be durable before new records are appended after it.
            await fh.truncate(scan.end);
            await fh.datasync();
            size = scan.end;
            log(`${name}: cut a torn/corrupt tail at offset ${scan.end} (${scan.stop.reason}): dropped ${dropped} bytes, file truncated to ${scan.end} bytes`);
          } else {
            log(`${name}: corrupt record at offset ${scan.end} (${scan.stop.reason}); skipped the remaining ${dropped} bytes of this file`);
          }
        }
        if (last) {
          writer = JournalWriter.existing(gen, file, fh, scan.end, size, counters, log);
          keepOpen = true;
        } else {
          inactiveBytes += scan.end;
        }
      } finally {
        if (!keepOpen) await fh.close();
      }
    }
    if (!writer) {
      const file = path.join(dir, journalName(base));
      const fh = await openJournal(file, true);
      try {
        await fsyncDir(dir); // the new file's directory entry must be durable before records in it are acknowledged
      } catch (err) {
        await fh.close();
        throw err;
      }
      writer = JournalWriter.existing(base, file, fh, 0, 0, counters, log);
    }

    await removeGenerationsBelow(dir, base, log);
    return new Journal(dir, log, compactBytes, writer, inactiveBytes, counters);
  }

  /**
   * Appends one record; resolves once it is on disk (written and fdatasync'ed). Appends that arrive while a
   * write+fsync is in flight go together into the next one (group commit). Appends resolve in order. If a
   * write or fsync fails, the pending appends reject with the error and so does every later append to this
   * journal file: what is on disk can no longer be trusted to match memory (a failed fsync may have dropped
   * the dirty pages). A successful compaction starts a fresh file and lifts that.
   */
  append(record: Uint8Array): Promise<void> {
    if (this.closing) return Promise.reject(new Error('embedded-mongo journal is closed'));
    if (record.length > MAX_RECORD) {
      return Promise.reject(new RangeError(`embedded-mongo journal: record of ${record.length} bytes is too large`));
    }
    // Framed into a copy now: the caller may reuse its array as soon as this returns.
    const frame = Buffer.allocUnsafe(HEADER + record.length);
    frame.set(record, HEADER);
    sealFrame(frame, 0, record.length);
    return this.writer.append(frame);
  }

  /** True when the journal written since the last snapshot is over compactBytes (and no compaction is running). */
  shouldCompact(): boolean {
    return !this.compacting && !this.closing && this.journalBytes > this.compactBytes;
  }

  /** Bytes in the journal since the last snapshot (for stats). */
  get journalBytes(): number {
    return this.inactiveBytes + (this.retiring?.size ?? 0) + this.writer.size;
  }

  get stats(): JournalStats {
    return { ...this.counters };
  }

  /**
   * Writes a new snapshot from `entries` (a consistent copy of the state as of this call) and then drops the
   * old journal and snapshot. Switches synchronously to a new journal file, so every append() made after
   * this call lands in the new journal (replayed after the new snapshot) while appends made before it are
   * still flushed to the old one. At most one compaction at a time: a call while one runs resolves at once.
   */
  compact(entries: Iterable<Uint8Array>): Promise<void> {
    if (this.compacting || this.closing) return Promise.resolve();
    const old = this.writer;
    const gen = old.gen + 1;
    const file = path.join(this.dir, journalName(gen));
    const fresh = JournalWriter.create(gen, file, this.counters, this.log, async () => {
      // New records must not reach the disk before the old journal's pending ones: recovery replays the
      // files in order and a record may depend on an earlier one. Then make the new file's directory entry
      // durable, or an fsynced record in it could vanish with the entry.
      await old.drain();
      await fsyncDir(this.dir);
    });
    this.writer = fresh;
    this.retiring = old;
    const run = (async () => {
      try {
        await this.runCompaction(entries, old, fresh);
      } finally {
        this.compacting = null;
      }
    })();
    this.compacting = run;
    return run;
  }

  private async runCompaction(entries: Iterable<Uint8Array>, old: JournalWriter, fresh: JournalWriter): Promise<void> {
    const started = Date.now();
    const final = path.join(this.dir, snapshotName(fresh.gen));
    const tmp = `${final}.tmp`;
    let renamed = false;
    let written: { count: number; bytes: number };
    try {
      written = await this.writeSnapshot(tmp, entries);
      // The new journal must exist on disk before the snapshot that refers to it does.
      await fresh.whenReady();
      await fsp.rename(tmp, final);
      renamed = true;
      // The rename is only durable once the directory is fsynced. Until then a power loss can bring back the
      // old directory (no snapshot-G), so the old snapshot and journal must not be deleted before this.
      await fsyncDir(this.dir);
    } catch (err) {
      if (!renamed) await fsp.rm(tmp, { force: true }).catch(() => undefined);
      // The old journal stays: it is still part of the state after the current snapshot.
      await old.close().catch(() => undefined);
      this.inactiveBytes += old.size;
      this.retiring = null;
      if (err instanceof CompactionAborted) {
        this.log('compaction abandoned: the journal is closing (the data is safe in the previous snapshot and journals)');
        return;
      }
      this.log(`compaction failed: ${errorMessage(err)}`);
      throw err;
    }
    // The new snapshot is durable: everything before it can go, once the old writer has finished.
    await old.close().catch(() => undefined);
    this.retiring = null;
    this.inactiveBytes = 0;
    await removeGenerationsBelow(this.dir, fresh.gen, this.log);
    this.counters.compactions++;
    this.log(
      `compaction done: ${snapshotName(fresh.gen)} with ${written.count} entries (${written.bytes} bytes) in ${Date.now() - started} ms`,
    );
  }

  /**
   * Writes the snapshot in blocks of up to CHUNK bytes, one write per block: memory stays at one block, and
   * every write yields to the event loop so the server keeps answering (a block is cut short when producing
   * its entries has taken SLICE_MS).
   */
  private async writeSnapshot(file: string, entries: Iterable<Uint8Array>): Promise<{ count: number; bytes: number }> {
    const fh = await fsp.open(file, 'w');
    try {
      const chunk = Buffer.allocUnsafe(CHUNK);
      let offset = 0; // file offset of chunk[0]
      let block = SNAPSHOT_MAGIC.copy(chunk, 0); // where the open block's frame header is in chunk
      let pos = block + HEADER; // where the next entry goes
      let count = 0;
      let sliceStart = performance.now();
      let synced = 0;
      // Seals the open block and writes the chunk out, starting an empty block.
      const flush = async (): Promise<void> => {
        let end = block;
        if (pos > block + HEADER) {
          sealFrame(chunk, block, pos - block - HEADER);
          end = pos;
        }
        await writeAll(fh, chunk.subarray(0, end), offset);
        offset += end;
        if (offset - synced >= SNAPSHOT_SYNC_BYTES) {
          await fh.datasync();
          synced = offset;
        }
        block = 0;
        pos = HEADER;
      };
      for (const entry of entries) {
        if (entry.length > MAX_RECORD) throw new RangeError(`snapshot entry of ${entry.length} bytes is too large`);
        const need = 4 + entry.length;
        if (pos + need > chunk.length) {
          await flush();
          if (this.closing) throw new CompactionAborted();
          sliceStart = performance.now();
          if (HEADER + need > chunk.length) {
            // Larger than a block: a block of its own.
            const big = Buffer.allocUnsafe(HEADER + need);
            big.writeUInt32LE(entry.length, HEADER);
            big.set(entry, HEADER + 4);
            sealFrame(big, 0, need);
            await writeAll(fh, big, offset);
            offset += big.length;
            count++;
            continue;
          }
        }
        chunk.writeUInt32LE(entry.length, pos);
        chunk.set(entry, pos + 4);
        pos += need;
        count++;
        // Producing entries may cost the engine more than writing them (encoding each one): write what there
        // is when a slice of the event loop is used up, not only when the block is full.
        if ((count & 255) === 0 && performance.now() - sliceStart > SLICE_MS) {
          await flush();
          if (this.closing) throw new CompactionAborted();
          sliceStart = performance.now();
        }
      }
      if (pos + TRAILER_SIZE > chunk.length) await flush();
      if (pos > block + HEADER) sealFrame(chunk, block, pos - block - HEADER);
      else pos = block;
      // The trailer is how a complete snapshot is told from one cut short. The rename already guarantees
      // completeness against crashes; the trailer also catches a file truncated by other means (a data
      // directory copied while the disk filled up), which must not pass for the whole state.
      chunk.writeUInt32LE(TRAILER_MARK, pos + 4);
      chunk.writeBigUInt64LE(BigInt(count), pos + 8);
      chunk.writeUInt32LE(crc32(chunk.subarray(pos + 4, pos + TRAILER_SIZE)), pos);
      pos += TRAILER_SIZE;
      await writeAll(fh, chunk.subarray(0, pos), offset);
      offset += pos;
      await fh.sync();
      return { count, bytes: offset };
    } finally {
      await fh.close();
    }
  }

  /** Flushes pending appends and closes files. A running compaction is awaited (abandoned at its next block). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.compacting) await this.compacting.catch(() => undefined);
      await this.writer.close();
    })();
    return this.closing;
  }
}

class CompactionAborted extends Error {}

interface Pending {
  frame: Buffer;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** One journal file being appended to, with group commit. */
class JournalWriter {
  /** Bytes of records durably written: the offset of the next write. */
  size: number;
  /** File length: the data plus the zeros preallocated after it. */
  private allocated: number;
  private fh: FileHandle | null = null;
  private queue: Pending[] = [];
  private running = false;
  private failure: { error: unknown } | null = null;
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  /** Settles (never rejects) once the file is open and ready for the first write. */
  private readonly ready: Promise<void>;

  private constructor(
    readonly gen: number,
    readonly file: string,
    size: number,
    allocated: number,
    private readonly counters: JournalStats,
    private readonly log: (message: string) => void,
    init: () => Promise<FileHandle>,
    before: () => Promise<void>,
  ) {
    this.size = size;
    this.allocated = allocated;
    this.ready = (async () => {
      this.fh = await init();
      await before();
    })().catch((err: unknown) => this.fail(err, []));
  }

  /** A file already open, with `size` bytes of records in `allocated` bytes. */
  static existing(
    gen: number,
    file: string,
    fh: FileHandle,
    size: number,
    allocated: number,
    counters: JournalStats,
    log: (m: string) => void,
  ): JournalWriter {
    return new JournalWriter(gen, file, size, allocated, counters, log, async () => fh, async () => undefined);
  }

  /** A new, empty journal file; `before` runs after it is created and before the first write. */
  static create(gen: number, file: string, counters: JournalStats, log: (m: string) => void, before: () => Promise<void>): JournalWriter {
    return new JournalWriter(gen, file, 0, 0, counters, log, () => openJournal(file, true), before);
  }

  append(frame: Buffer): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.closed) return Promise.reject(new Error('embedded-mongo journal is closed'));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ frame, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Start on a microtask: appends made in the same synchronous run join the first batch.
        queueMicrotask(() => void this.run());
      }
    });
  }

  private async run(): Promise<void> {
    await this.ready;
    while (this.queue.length > 0 && !this.failure) {
      const batch = this.takeBatch();
      let bytes = 0;
      for (const p of batch) bytes += p.frame.length;
      const buf = batch.length === 1 ? batch[0].frame : Buffer.concat(batch.map((p) => p.frame), bytes);
      try {
        const fh = this.fh;
        if (!fh) throw new Error(`${path.basename(this.file)} is not open`);
        const end = this.size + bytes;
        if (end <= this.allocated) {
          await writeAll(fh, buf, this.size);
        } else {
          // Zeros ahead, made durable with the batch, so that the next syncs need no file size change.
          await writeAll(fh, Buffer.concat([buf, zeroBuffer()]), this.size);
          this.allocated = end + PREALLOCATE;
        }
        if (!O_DSYNC) await fh.datasync();
      } catch (err) {
        this.fail(err, batch);
        break;
      }
      this.size += bytes;
      this.counters.fsyncs++;
      this.counters.appends += batch.length;
      for (const p of batch) p.resolve();
    }
    this.running = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private takeBatch(): Pending[] {
    let n = 0;
    let bytes = 0;
    while (n < this.queue.length && (n === 0 || bytes + this.queue[n].frame.length <= MAX_BATCH)) {
      bytes += this.queue[n].frame.length;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private fail(err: unknown, batch: Pending[]): void {
    if (!this.failure) {
      this.failure = { error: err };
      this.log(`${path.basename(this.file)}: write failed, refusing further appends to it: ${errorMessage(err)}`);
    }
    const rest = this.queue;
    this.queue = [];
    for (const p of batch) p.reject(err);
    for (const p of rest) p.reject(err);
  }

  /** Resolves when every append made so far has been written (or rejected). Never rejects. */
  drain(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves when the file is ready for writing; rejects if it could not be made so. */
  async whenReady(): Promise<void> {
    await this.ready;
    if (this.failure) throw this.failure.error;
  }

  /** Flushes, trims the preallocated zeros (a cleanly closed journal ends with its last record) and closes. */
  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
    await this.ready;
    const fh = this.fh;
    this.fh = null;
    if (!fh) return;
    try {
      if (!this.failure && this.allocated > this.size) {
        await fh.truncate(this.size);
        await fh.datasync();
        this.allocated = this.size;
      }
    } finally {
      await fh.close();
    }
  }
}

type ScanStop = { kind: 'eof' } | { kind: 'trailer'; count: bigint } | { kind: 'bad'; reason: string };
interface ScanResult {
  /** Offset just after the last good frame (after the trailer, when one was found). */
  end: number;
  stop: ScanStop;
}

/**
 * Reads frames from `start` to `size`, calling onFrame with a view of each payload (valid during the call
 * only), until the end of the file, a trailer (when allowed) or the first bad frame.
 */
async function scanFrames(
  fh: FileHandle,
  size: number,
  start: number,
  allowTrailer: boolean,
  onFrame: (payload: Buffer) => void,
): Promise<ScanResult> {
  let buf = Buffer.alloc(0);
  let bufStart = start; // file offset of buf[0]
  let pos = start;
  // Makes file bytes [pos, pos + n) available in buf (the caller checked they exist).
  const fill = async (n: number): Promise<void> => {
    const have = bufStart + buf.length - pos;
    const want = Math.min(Math.max(n, CHUNK), size - pos);
    const next = Buffer.allocUnsafe(want);
    if (have > 0) buf.copy(next, 0, pos - bufStart);
    await readFully(fh, next, Math.max(have, 0), pos);
    buf = next;
    bufStart = pos;
  };
  const bad = (reason: string): ScanResult => ({ end: pos, stop: { kind: 'bad', reason } });
  while (pos < size) {
    if (size - pos < HEADER) return bad(`partial record header, ${size - pos} of ${HEADER} bytes`);
    if (pos + HEADER > bufStart + buf.length) await fill(HEADER);
    let at = pos - bufStart;
    const crc = buf.readUInt32LE(at);
    const len = buf.readUInt32LE(at + 4);
    if (len === TRAILER_MARK && allowTrailer) {
      if (size - pos < TRAILER_SIZE) return bad('partial trailer');
      if (pos + TRAILER_SIZE > bufStart + buf.length) await fill(TRAILER_SIZE);
      at = pos - bufStart;
      if (crc32(buf.subarray(at + 4, at + TRAILER_SIZE)) !== crc) return bad('trailer CRC mismatch');
      return { end: pos + TRAILER_SIZE, stop: { kind: 'trailer', count: buf.readBigUInt64LE(at + 8) } };
    }
    if (len > MAX_PAYLOAD) return bad(`invalid record length ${len}`);
    if (size - pos - HEADER < len) return bad(`partial payload, ${size - pos - HEADER} of ${len} bytes`);
    if (pos + HEADER + len > bufStart + buf.length) {
      await fill(HEADER + len);
      at = pos - bufStart;
    }
    if (crc32(buf.subarray(at + 4, at + HEADER + len)) !== crc) return bad('CRC mismatch');
    onFrame(buf.subarray(at + HEADER, at + HEADER + len));
    pos += HEADER + len;
  }
  return { end: pos, stop: { kind: 'eof' } };
}

/**
 * Null when the snapshot file has its magic and a valid trailer at its very end, else what is missing. The
 * blocks in between are checked while they are fed (reading the file twice would cost more than it buys:
 * a snapshot with a trailer was renamed into place complete).
 */
async function checkSnapshotEnds(file: string): Promise<string | null> {
  const fh = await fsp.open(file, 'r');
  try {
    const { size } = await fh.stat();
    if (size < SNAPSHOT_MAGIC.length + TRAILER_SIZE) return `only ${size} bytes`;
    const head = Buffer.alloc(SNAPSHOT_MAGIC.length);
    await readFully(fh, head, 0, 0);
    if (!head.equals(SNAPSHOT_MAGIC)) return 'not a snapshot file';
    const tail = Buffer.alloc(TRAILER_SIZE);
    await readFully(fh, tail, 0, size - TRAILER_SIZE);
    if (tail.readUInt32LE(4) !== TRAILER_MARK || crc32(tail.subarray(4)) !== tail.readUInt32LE(0)) return 'no trailer';
    return null;
  } finally {
    await fh.close();
  }
}

/**
 * Feeds every entry of a snapshot whose ends checkSnapshotEnds() accepted. Damage inside it (a block with a
 * bad CRC, a wrong entry count) throws: entries have been fed already, so there is no falling back to
 * another generation, and starting with part of the data would silently lose the rest.
 */
async function feedSnapshot(file: string, handlers: RecoveryHandlers): Promise<void> {
  const fh = await fsp.open(file, 'r');
  try {
    const { size } = await fh.stat();
    let count = 0;
    let damage: string | null = null;
    const scan = await scanFrames(fh, size, SNAPSHOT_MAGIC.length, true, (block) => {
      for (let at = 0; at < block.length && damage === null; ) {
        const len = at + 4 <= block.length ? block.readUInt32LE(at) : -1;
        if (len < 0 || at + 4 + len > block.length) {
          damage = `entry overruns its block`;
          return;
        }
        handlers.onSnapshotEntry(copy(block.subarray(at + 4, at + 4 + len)));
        count++;
        at += 4 + len;
      }
    });
    if (damage === null) {
      if (scan.stop.kind === 'bad') damage = `${scan.stop.reason} at offset ${scan.end}`;
      else if (scan.stop.kind !== 'trailer' || scan.end !== size) damage = `trailer not at the end`;
      else if (scan.stop.count !== BigInt(count)) damage = `trailer says ${scan.stop.count} entries, found ${count}`;
    }
    if (damage !== null) {
      throw new Error(
        `embedded-mongo: ${file} is damaged (${damage}); the data directory cannot be recovered automatically, restore it from a backup`,
      );
    }
  } finally {
    await fh.close();
  }
}

/** Deletes snapshots and journals older than `gen` (made obsolete by snapshot `gen`). */
async function removeGenerationsBelow(dir: string, gen: number, log: (message: string) => void): Promise<void> {
  for (const name of await fsp.readdir(dir)) {
    const m = SNAPSHOT_RE.exec(name) ?? JOURNAL_RE.exec(name);
    if (m && Number(m[1]) < gen) {
      await fsp.rm(path.join(dir, name), { force: true }).catch((err: unknown) => log(`could not delete ${name}: ${errorMessage(err)}`));
    }
  }
  // No directory fsync needed: if a deletion is lost in a crash, recovery ignores and deletes the file again.
}

/**
 * Opens a journal file for appending. With O_DSYNC each write returns once its data is on disk, as
 * write + fdatasync would, but in one system call and one trip through the thread pool: while the event
 * loop is busy (a compaction producing entries), a group commit then waits for the loop once, not twice.
 */
function openJournal(file: string, create: boolean): Promise<FileHandle> {
  const flags = create ? fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_TRUNC : fsConstants.O_RDWR;
  return fsp.open(file, flags | O_DSYNC);
}

/** Fills in the frame header at `at` for the `len` payload bytes that follow it. */
function sealFrame(buf: Buffer, at: number, len: number): void {
  buf.writeUInt32LE(len, at + 4);
  buf.writeUInt32LE(crc32(buf.subarray(at + 4, at + HEADER + len)), at);
}

/** A copy the recovery handler may keep (a view would pin the whole 4 MiB read buffer). */
function copy(view: Buffer): Buffer {
  const out = Buffer.allocUnsafe(view.length);
  view.copy(out);
  return out;
}

/** True when the file holds only zero bytes in [from, to): preallocated space, not a torn write. */
async function isZero(fh: FileHandle, from: number, to: number): Promise<boolean> {
  const zero = zeroBuffer();
  const buf = Buffer.allocUnsafe(Math.min(zero.length, to - from));
  for (let pos = from; pos < to; pos += buf.length) {
    const n = Math.min(buf.length, to - pos);
    await readFully(fh, buf.subarray(0, n), 0, pos);
    if (!buf.subarray(0, n).equals(zero.subarray(0, n))) return false;
  }
  return true;
}

/** Fills buf[from..] with the file's bytes, buf[i] being the byte at file offset position + i. */
async function readFully(fh: FileHandle, buf: Buffer, from: number, position: number): Promise<void> {
  for (let filled = from; filled < buf.length; ) {
    const { bytesRead } = await fh.read(buf, filled, buf.length - filled, position + filled);
    if (bytesRead === 0) throw new Error(`file shrank while being read (at offset ${position + filled})`);
    filled += bytesRead;
  }
}

async function writeAll(fh: FileHandle, buf: Buffer, position: number): Promise<void> {
  for (let done = 0; done < buf.length; ) {
    const { bytesWritten } = await fh.write(buf, done, buf.length - done, position + done);
    if (bytesWritten <= 0) throw new Error('write made no progress');
    done += bytesWritten;
  }
}

/**
 * fsync of a directory persists its entries (created, renamed, deleted files); fsyncing a file does not
 * cover its name. Windows cannot open a directory for this and does not need it.
 */
async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await fsp.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** mkdir -p, and when it created directories, makes their entries durable too. */
async function ensureDir(dir: string): Promise<void> {
  const first = await fsp.mkdir(dir, { recursive: true });
  if (first === undefined) return;
  const stop = path.dirname(path.resolve(first));
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    await fsyncDir(d);
    if (d === stop || path.dirname(d) === d) break;
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
