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
import { promises as fsp } from 'node:fs';
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
/** Largest payload accepted; anything above (in a length field read back) is corruption. */
const MAX_PAYLOAD = 0x7fff_ffff;
const TRAILER_MARK = 0xffff_ffff;
const TRAILER_SIZE = HEADER + 8;
const SNAPSHOT_MAGIC = Buffer.from('EMSNAP01', 'latin1');
/** Snapshot writes and recovery reads go in chunks of this size. */
const CHUNK = 4 * 1024 * 1024;
/** Upper bound for one group-commit write (a batch takes records until it reaches this size). */
const MAX_BATCH = 16 * 1024 * 1024;
const DEFAULT_COMPACT_BYTES = 64 * 1024 * 1024;

const JOURNAL_RE = /^journal-(\d+)\.log$/;
const SNAPSHOT_RE = /^snapshot-(\d+)\.bin$/;
const SNAPSHOT_TMP_RE = /^snapshot-\d+\.bin\.tmp$/;
const pad = (gen: number): string => String(gen).padStart(10, '0');
const journalName = (gen: number): string => `journal-${pad(gen)}.log`;
const snapshotName = (gen: number): string => `snapshot-${pad(gen)}.bin`;

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
   * file truncated to the last good record and fsynced) with a log line; it never fails the start.
   * Exceptions thrown by the handlers propagate.
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

    // The newest valid snapshot. It is validated completely before anything is fed, because once entries
    // have gone to the handler there is no falling back to an older generation.
    let base = 0;
    for (const gen of snapshots) {
      const file = path.join(dir, snapshotName(gen));
      const problem = await checkSnapshot(file);
      if (problem === null) {
        await feedSnapshot(file, handlers);
        base = gen;
        break;
      }
      // Cannot happen through a crash (snapshots are renamed into place complete); this is damage.
      await fsp.rename(file, `${file}.corrupt`);
      log(`${snapshotName(gen)} is unusable (${problem}); renamed it to ${snapshotName(gen)}.corrupt and recovering from the previous generation`);
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
      const fh = await fsp.open(file, last ? 'r+' : 'r');
      let keepOpen = false;
      try {
        const { size } = await fh.stat();
        // Copies: the handler may keep the bytes (bson's Binary does), and must not pin a whole read chunk.
        const scan = await scanFrames(fh, size, 0, false, (payload) => handlers.onRecord(new Uint8Array(payload)));
        if (scan.stop.kind === 'bad') {
          const dropped = size - scan.end;
          if (last) {
            // A crash during a group commit leaves part of the batch: it was never acknowledged, so it goes.
            // The truncation must be durable before new records are appended after it.
            await fh.truncate(scan.end);
            await fh.datasync();
            log(`${name}: cut a torn/corrupt tail at offset ${scan.end} (${scan.stop.reason}): dropped ${dropped} bytes, file truncated to ${scan.end} bytes`);
          } else {
            log(`${name}: corrupt record at offset ${scan.end} (${scan.stop.reason}); skipped the remaining ${dropped} bytes of this file`);
          }
        }
        if (last) {
          writer = JournalWriter.existing(gen, file, fh, scan.end, counters, log);
          keepOpen = true;
        } else {
          inactiveBytes += size;
        }
      } finally {
        if (!keepOpen) await fh.close();
      }
    }
    if (!writer) {
      const file = path.join(dir, journalName(base));
      const fh = await fsp.open(file, 'w');
      try {
        await fsyncDir(dir); // the new file's directory entry must be durable before records in it are acknowledged
      } catch (err) {
        await fh.close();
        throw err;
      }
      writer = JournalWriter.existing(base, file, fh, 0, counters, log);
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
    if (record.length > MAX_PAYLOAD) {
      return Promise.reject(new RangeError(`embedded-mongo journal: record of ${record.length} bytes is too large`));
    }
    const frame = Buffer.allocUnsafe(HEADER + record.length); // a copy: the caller may reuse its array
    frameInto(frame, 0, record);
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
    this.writer = JournalWriter.create(gen, file, this.counters, this.log, async () => {
      // New records must not reach the disk before the old journal's pending ones: recovery replays the
      // files in order and a record may depend on an earlier one. Then make the new file's directory entry
      // durable, or an fsynced record in it could vanish with the entry.
      await old.drain();
      await fsyncDir(this.dir);
    });
    this.retiring = old;
    const run = (async () => {
      try {
        await this.runCompaction(entries, old, this.writer);
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

  /** Writes the snapshot in chunks, yielding to the event loop at every write, never holding it all in memory. */
  private async writeSnapshot(file: string, entries: Iterable<Uint8Array>): Promise<{ count: number; bytes: number }> {
    const fh = await fsp.open(file, 'w');
    try {
      const chunk = Buffer.allocUnsafe(CHUNK);
      let used = SNAPSHOT_MAGIC.copy(chunk, 0);
      let offset = 0;
      let count = 0;
      const flush = async (): Promise<void> => {
        await writeAll(fh, chunk.subarray(0, used), offset);
        offset += used;
        used = 0;
      };
      for (const entry of entries) {
        if (entry.length > MAX_PAYLOAD) throw new RangeError(`snapshot entry of ${entry.length} bytes is too large`);
        const need = HEADER + entry.length;
        if (used + need > chunk.length) {
          await flush();
          if (this.closing) throw new CompactionAborted();
          if (need > chunk.length) {
            const big = Buffer.allocUnsafe(need);
            frameInto(big, 0, entry);
            await writeAll(fh, big, offset);
            offset += need;
            count++;
            continue;
          }
        }
        frameInto(chunk, used, entry);
        used += need;
        count++;
      }
      if (used + TRAILER_SIZE > chunk.length) await flush();
      // The trailer proves the file is whole. The rename already guarantees that for crashes, but the trailer
      // also catches a file cut short by other means (copying a data directory, a full disk while copying).
      chunk.writeUInt32LE(TRAILER_MARK, used + 4);
      chunk.writeBigUInt64LE(BigInt(count), used + 8);
      chunk.writeUInt32LE(crc32(chunk.subarray(used + 4, used + TRAILER_SIZE)), used);
      used += TRAILER_SIZE;
      await flush();
      await fh.sync();
      return { count, bytes: offset };
    } finally {
      await fh.close();
    }
  }

  /** Flushes pending appends and closes files. A running compaction is awaited (abandoned at its next chunk). */
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
  /** Bytes durably written (the offset of the next write). */
  size: number;
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
    private readonly counters: JournalStats,
    private readonly log: (message: string) => void,
    init: () => Promise<FileHandle>,
    before: () => Promise<void>,
  ) {
    this.size = size;
    this.ready = (async () => {
      this.fh = await init();
      await before();
    })().catch((err: unknown) => this.fail(err, []));
  }

  static existing(gen: number, file: string, fh: FileHandle, size: number, counters: JournalStats, log: (m: string) => void): JournalWriter {
    return new JournalWriter(gen, file, size, counters, log, async () => fh, async () => undefined);
  }

  /** A new, empty journal file; `before` runs after it is created and before the first write. */
  static create(gen: number, file: string, counters: JournalStats, log: (m: string) => void, before: () => Promise<void>): JournalWriter {
    return new JournalWriter(gen, file, 0, counters, log, () => fsp.open(file, 'w'), before);
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
        await writeAll(fh, buf, this.size);
        await fh.datasync();
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

  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
    await this.ready;
    const fh = this.fh;
    this.fh = null;
    await fh?.close();
  }
}

type ScanStop = { kind: 'eof' } | { kind: 'trailer'; count: bigint } | { kind: 'bad'; reason: string };
interface ScanResult {
  /** Offset just after the last good frame (after the trailer, when one was found). */
  end: number;
  frames: number;
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
  let frames = 0;
  // Makes file bytes [pos, pos + n) available in buf (the caller checked they exist).
  const fill = async (n: number): Promise<void> => {
    const have = bufStart + buf.length - pos;
    const want = Math.min(Math.max(n, CHUNK), size - pos);
    const next = Buffer.allocUnsafe(want);
    if (have > 0) buf.copy(next, 0, pos - bufStart);
    for (let filled = Math.max(have, 0); filled < want; ) {
      const { bytesRead } = await fh.read(next, filled, want - filled, pos + filled);
      if (bytesRead === 0) throw new Error(`file shrank while being read (at offset ${pos + filled})`);
      filled += bytesRead;
    }
    buf = next;
    bufStart = pos;
  };
  const bad = (reason: string): ScanResult => ({ end: pos, frames, stop: { kind: 'bad', reason } });
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
      const count = buf.readBigUInt64LE(at + 8);
      return { end: pos + TRAILER_SIZE, frames, stop: { kind: 'trailer', count } };
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
    frames++;
  }
  return { end: pos, frames, stop: { kind: 'eof' } };
}

/** Null when the snapshot file is complete and intact, else what is wrong with it. */
async function checkSnapshot(file: string): Promise<string | null> {
  const fh = await fsp.open(file, 'r');
  try {
    const { size } = await fh.stat();
    const magic = Buffer.alloc(SNAPSHOT_MAGIC.length);
    const { bytesRead } = await fh.read(magic, 0, magic.length, 0);
    if (bytesRead < magic.length || !magic.equals(SNAPSHOT_MAGIC)) return 'not a snapshot file (bad header)';
    const scan = await scanFrames(fh, size, SNAPSHOT_MAGIC.length, true, () => undefined);
    if (scan.stop.kind === 'eof') return `no trailer: cut short at ${size} bytes`;
    if (scan.stop.kind === 'bad') return `${scan.stop.reason} at offset ${scan.end}`;
    if (scan.end !== size) return `${size - scan.end} unexpected bytes after the trailer`;
    if (scan.stop.count !== BigInt(scan.frames)) return `trailer says ${scan.stop.count} entries, found ${scan.frames}`;
    return null;
  } finally {
    await fh.close();
  }
}

async function feedSnapshot(file: string, handlers: RecoveryHandlers): Promise<void> {
  const fh = await fsp.open(file, 'r');
  try {
    const { size } = await fh.stat();
    const scan = await scanFrames(fh, size, SNAPSHOT_MAGIC.length, true, (payload) =>
      handlers.onSnapshotEntry(new Uint8Array(payload)),
    );
    // It was just validated; only a concurrent modification gets here.
    if (scan.stop.kind !== 'trailer') throw new Error(`${path.basename(file)} changed while being read`);
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

/** Writes one frame of `payload` at `at`. */
function frameInto(buf: Buffer, at: number, payload: Uint8Array): void {
  buf.writeUInt32LE(payload.length, at + 4);
  buf.set(payload, at + HEADER);
  buf.writeUInt32LE(crc32(buf.subarray(at + 4, at + HEADER + payload.length)), at);
}

async function writeAll(fh: FileHandle, buf: Buffer, position: number): Promise<void> {
  for (let done = 0; done < buf.length; ) {
    const { bytesWritten } = await fh.write(buf, done, buf.length - done, position + done);
    if (bytesWritten <= 0) throw new Error('write made no progress');
    done += bytesWritten;
  }
}

/**
 * fsync of a directory persists its entries (created, renamed, deleted files). File fsyncs do not cover
 * them. Windows cannot open directories for this and does not need it.
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
