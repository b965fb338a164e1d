// Durability of the embedded server: what it acknowledged must survive SIGKILL, a torn journal tail must be cut
// (not fatal), compaction must bound the dbpath and keep the exact last state, and BSON types survive a restart.
// Only meaningful against the embedded server (we kill it and poke at its files), so skipped with MONGODB_URI.
import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, truncateSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BSON,
  Binary,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  MongoClient,
  MongoServerError,
  ObjectId,
  Timestamp,
  type Collection,
  type Document,
} from 'mongodb';
import { external, startEmbedded, type StartedServer } from './server-fixture.js';

const { EJSON } = BSON;
const DB = 'durability';

/** Documents whose _id may be of any BSON type. */
type AnyId = ObjectId | string | number | boolean | null | Long | Int32 | Double | Decimal128 | Date | Binary | MinKey | MaxKey | Timestamp | Document;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDoc = { _id?: AnyId; [key: string]: any };
const collection = (client: MongoClient, name: string): Collection<AnyDoc> => client.db(DB).collection<AnyDoc>(name);

// ---------------------------------------------------------------------------------------------------------------
// helpers

const servers: StartedServer[] = [];
const clients: MongoClient[] = [];
const dirs: string[] = [];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function newDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'embedded-mongo-durability-'));
  dirs.push(dir);
  return dir;
}

async function start(dbpath: string, args: string[] = []): Promise<StartedServer> {
  const server = await startEmbedded({ dbpath, args });
  servers.push(server);
  return server;
}

/** A client that does not retry: after SIGKILL an operation must fail, not wait for a server that is gone. */
async function open(server: StartedServer): Promise<MongoClient> {
  const client = new MongoClient(server.uri, {
    directConnection: true,
    serverSelectionTimeoutMS: 3_000,
    connectTimeoutMS: 3_000,
    retryWrites: false,
    retryReads: false,
  });
  await client.connect();
  clients.push(client);
  return client;
}

async function closeQuietly(client: MongoClient): Promise<void> {
  await Promise.race([client.close().catch(() => undefined), sleep(3_000)]);
}

afterEach(async () => {
  for (const client of clients.splice(0)) await closeQuietly(client);
  for (const server of servers.splice(0)) await server.kill();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Canonical extended JSON of a document as the driver would put it on the wire: it keeps every BSON type
 * (int32 vs double vs int64, Date, Decimal128, binary subtype...) and the field order.
 */
function canon(doc: Document): string {
  return EJSON.stringify(BSON.deserialize(BSON.serialize(doc), { promoteValues: false }), { relaxed: false });
}

function idKey(id: AnyId | undefined): string {
  return canon({ _id: id });
}

/** The whole collection in canonical form, sorted, read without any type promotion. */
async function contents(coll: Collection<AnyDoc>, filter: Document = {}): Promise<string[]> {
  const docs = await coll
    .find(filter, { promoteValues: false, promoteLongs: false, promoteBuffers: false })
    .toArray();
  return docs.map((d) => canon(d)).sort();
}

function expectedContents(expected: Map<string, Document>): string[] {
  return [...expected.values()].map((d) => canon(d)).sort();
}

/**
 * Compares collection contents with what is expected, reporting only the differences (keyed by _id) so a failure
 * stays readable: documents missing, unexpected, or different (with both versions).
 */
function contentDiff(actual: string[], expected: string[]): Document {
  const key = (s: string) => JSON.stringify((JSON.parse(s) as Document)._id);
  const a = new Map(actual.map((s) => [key(s), s]));
  const e = new Map(expected.map((s) => [key(s), s]));
  const cut = <T>(xs: T[]) => (xs.length > 5 ? [...xs.slice(0, 5), `... ${xs.length - 5} more`] : xs);
  return {
    count: actual.length === expected.length ? 'same' : `${actual.length} documents, expected ${expected.length}`,
    missing: cut([...e.keys()].filter((k) => !a.has(k))),
    unexpected: cut([...a.keys()].filter((k) => !e.has(k))),
    different: cut([...e].filter(([k, v]) => a.has(k) && a.get(k) !== v).map(([k, v]) => ({ _id: k, expected: v, actual: a.get(k) }))),
  };
}

const NO_DIFF = { count: 'same', missing: [], unexpected: [], different: [] };

async function expectContents(coll: Collection<AnyDoc>, expected: Map<string, Document>, what = '', filter: Document = {}): Promise<void> {
  expect.soft(contentDiff(await contents(coll, filter), expectedContents(expected)), what).toEqual(NO_DIFF);
}

function listRecursive(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) out.push(...listRecursive(join(dir, entry.name), rel + '/'));
    else out.push(`${rel} (${statSync(join(dir, entry.name)).size} bytes)`);
  }
  return out;
}

function dirSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    total += entry.isDirectory() ? dirSize(p) : statSync(p).size;
  }
  return total;
}

/** The newest `journal-*.log` in dbpath (by name order, then mtime); fails listing the dbpath when there is none. */
function newestJournal(dbpath: string): string {
  const journals = readdirSync(dbpath).filter((n) => /^journal-.*\.log$/.test(n));
  if (journals.length === 0) {
    throw new Error(`no journal-*.log file in ${dbpath}; it holds:\n  ${listRecursive(dbpath).join('\n  ') || '(nothing)'}`);
  }
  journals.sort((a, b) => {
    const ma = statSync(join(dbpath, a)).mtimeMs;
    const mb = statSync(join(dbpath, b)).mtimeMs;
    return ma - mb || a.localeCompare(b, 'en', { numeric: true });
  });
  return join(dbpath, journals[journals.length - 1]);
}

/** Offset just past the last non-zero byte of a file (data written before any zero-filled preallocation). */
function endOfData(file: string): number {
  const bytes = readFileSync(file);
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end;
}

const TAIL_LINE = /tail|torn|truncat|\bcut/i;

/** Waits (bounded) for a line of the server output matching re; returns the line or undefined. */
async function waitForLine(server: StartedServer, re: RegExp, ms = 2_000): Promise<string | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const line = server
      .output()
      .split(server.dbpath)
      .join('<dbpath>')
      .split('\n')
      .find((l) => re.test(l));
    if (line !== undefined || Date.now() > deadline) return line;
    await sleep(50);
  }
}

/** A realistic document with many BSON types; ids are unique per i. */
function richDoc(i: number, id: AnyId): AnyDoc {
  return {
    _id: id,
    email: `user${i}@example.com`,
    name: `Customer ${i}`,
    createdAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000),
    balance: Decimal128.fromString(`${i}.25`),
    big: Long.fromString('9007199254740993').add(i),
    ratio: new Double(i),
    count: new Int32(i),
    blob: new Binary(Buffer.from([i & 0xff, 1, 2, 3]), 0),
    uuid: new Binary(randomBytes(16), 4),
    ref: new ObjectId(),
    tags: ['lead', `t${i}`],
    nested: { at: new Date(Date.UTC(2020, 5, 1, 12, 0, 0, i)), n: i, deep: [{ x: new Date(-86_400_000 * i) }] },
    nothing: null,
    flag: i % 2 === 0,
  };
}

function serverError(e: unknown): MongoServerError {
  if (e instanceof MongoServerError) return e;
  throw new Error(`expected a MongoServerError, got ${String(e)}`);
}

async function expectDuplicateKey(p: Promise<unknown>): Promise<void> {
  let error: unknown;
  try {
    await p;
  } catch (e) {
    error = e;
  }
  expect(error, 'duplicate insert must be rejected').toBeDefined();
  expect(serverError(error).code).toBe(11000);
}

// ---------------------------------------------------------------------------------------------------------------
// fsync-before-ack, observed with strace. SIGKILL cannot show a missing fsync (the page cache outlives the
// process); only the order of system calls can: a reply acknowledging a write may only be sent once the journal
// bytes holding it are on disk (a completed fdatasync/fsync started after they were written, or a completed
// write to a journal opened with O_DSYNC/O_SYNC).

const straceUsable = process.platform === 'linux' && !external && spawnSync('strace', ['-V']).status === 0;
const O_DSYNC_BIT = 0o10000; // x86-64/arm64 Linux; O_SYNC includes it

interface FdInfo {
  kind: 'journal' | 'socket' | 'other';
  dsync: boolean;
}

function describeFds(pid: number): Map<number, FdInfo> {
  const fds = new Map<number, FdInfo>();
  for (const name of readdirSync(`/proc/${pid}/fd`)) {
    let target = '';
    let flags = 0;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${name}`);
      const m = /^flags:\s+([0-7]+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${name}`, 'utf8'));
      flags = m ? parseInt(m[1], 8) : 0;
    } catch {
      continue;
    }
    const kind = /journal-[^/]*\.log$/.test(target) ? 'journal' : target.startsWith('socket:') ? 'socket' : 'other';
    fds.set(Number(name), { kind, dsync: (flags & O_DSYNC_BIT) !== 0 });
  }
  return fds;
}

interface SyncAnalysis {
  journalWrites: number;
  journalSyncs: number;
  replies: number;
  violations: string[];
}

/**
 * Replays an `strace -f -o` log of a server that served one client doing sequential writes (each write is
 * acknowledged before the next is sent): every reply must start after all journal writes before it are durable.
 */
function analyseTrace(log: string, fds: Map<number, FdInfo>): SyncAnalysis {
  const WRITES = new Set(['write', 'writev', 'pwrite64', 'pwritev', 'pwritev2']);
  const SYNCS = new Set(['fdatasync', 'fsync']);
  const pending = new Map<string, { name: string; args: string }>();
  const inflight = new Set<string>(); // journal writes started, not yet durable-or-completed
  const written = new Set<number>(); // completed journal writes not yet synced (ids)
  const syncCovers = new Map<string, number[]>();
  let nextId = 0;
  const result: SyncAnalysis = { journalWrites: 0, journalSyncs: 0, replies: 0, violations: [] };
  const fdOf = (args: string) => Number(/^(\d+)/.exec(args)?.[1] ?? -1);

  const onStart = (pid: string, name: string, args: string, lineNo: number, line: string) => {
    const fd = fdOf(args);
    const info = fds.get(fd);
    if (WRITES.has(name) && info?.kind === 'journal') {
      inflight.add(pid);
    } else if (SYNCS.has(name) && info?.kind === 'journal') {
      syncCovers.set(pid, [...written]);
    } else if (WRITES.has(name) && info?.kind === 'socket') {
      result.replies++;
      if (inflight.size > 0 || written.size > 0) {
        result.violations.push(`line ${lineNo}: reply sent while journal bytes were not yet on disk: ${line.slice(0, 160)}`);
      }
    }
  };
  const onEnd = (pid: string, name: string, args: string, ret: number) => {
    const fd = fdOf(args);
    const info = fds.get(fd);
    if (name === 'openat' && ret >= 0) {
      const path = /"([^"]*)"/.exec(args)?.[1] ?? '';
      fds.set(ret, { kind: /journal-[^/]*\.log$/.test(path) ? 'journal' : 'other', dsync: /O_DSYNC|O_SYNC/.test(args) });
    } else if ((name === 'accept4' || name === 'accept') && ret >= 0) {
      fds.set(ret, { kind: 'socket', dsync: false });
    } else if (WRITES.has(name) && info?.kind === 'journal') {
      inflight.delete(pid);
      if (ret > 0) {
        result.journalWrites++;
        if (!info.dsync) written.add(nextId++);
      }
    } else if (SYNCS.has(name) && info?.kind === 'journal') {
      const covered = syncCovers.get(pid) ?? [];
      syncCovers.delete(pid);
      if (ret === 0) {
        result.journalSyncs++;
        for (const id of covered) written.delete(id);
      }
    } else if (name === 'close' && ret === 0) {
      fds.delete(fd);
    }
  };

  const lines = log.split('\n');
  lines.forEach((line, i) => {
    let m = /^(\d+)\s+<\.\.\. (\w+) resumed>(.*)$/.exec(line);
    if (m) {
      const p = pending.get(m[1]);
      pending.delete(m[1]);
      const r = /\)\s+=\s+(-?\d+)/.exec(m[3]);
      if (p && r) onEnd(m[1], p.name, p.args, Number(r[1]));
      return;
    }
    m = /^(\d+)\s+(\w+)\((.*)$/.exec(line);
    if (!m) return;
    const [, pid, name, rest] = m;
    onStart(pid, name, rest, i + 1, line);
    if (/<unfinished \.\.\.>\s*$/.test(rest)) {
      pending.set(pid, { name, args: rest });
      return;
    }
    const r = /\)\s+=\s+(-?\d+)(?:\s[^)]*)?$/.exec(rest);
    if (r) onEnd(pid, name, rest, Number(r[1]));
  });
  return result;
}

// ---------------------------------------------------------------------------------------------------------------

describe.skipIf(external)('embedded-mongo durability', () => {
  it('acknowledged writes survive SIGKILL, uncommitted/aborted transactions do not', { timeout: 90_000 }, async () => {
    const dbpath = newDbPath();
    let server = await start(dbpath);
    let client = await open(server);
    let coll = collection(client, 'customers');
    const expected = new Map<string, Document>();
    const put = (d: Document) => expected.set(idKey(d._id), d);
    const get = (id: AnyId): Document => {
      const d = expected.get(idKey(id));
      if (!d) throw new Error(`test bug: no expected doc ${idKey(id)}`);
      return d;
    };

    await coll.createIndex({ email: 1 }, { unique: true });

    // acknowledged one by one; a mix of _id types
    const ids: AnyId[] = [];
    for (let i = 0; i < 40; i++) {
      const id = i % 4 === 0 ? new ObjectId() : i % 4 === 1 ? `cust-${i}` : i % 4 === 2 ? new Int32(100_000 + i) : new Long(5_000_000_000 + i);
      const d = richDoc(i, id);
      await coll.insertOne(d);
      put(d);
      ids.push(id);
    }
    // insertMany
    const batch = Array.from({ length: 100 }, (_, k) => richDoc(40 + k, new ObjectId()));
    const res = await coll.insertMany(batch);
    expect(res.insertedCount).toBe(100);
    for (const d of batch) {
      put(d);
      ids.push(d._id as AnyId);
    }

    // updates (single new field per update so the field order is unambiguous)
    await coll.updateOne({ _id: ids[5] }, { $set: { name: 'Renamed', 'nested.n': new Int32(-5) }, $inc: { count: 10 } });
    {
      const d = get(ids[5]);
      d.name = 'Renamed';
      d.nested.n = new Int32(-5);
      d.count = new Int32(5 + 10);
    }
    await coll.updateOne({ _id: ids[6] }, { $push: { tags: 'pushed' } as Document });
    get(ids[6]).tags.push('pushed');
    await coll.updateOne({ _id: ids[7] }, { $unset: { nothing: '' } });
    delete get(ids[7]).nothing;
    const addedAt = new Date(Date.UTC(2025, 2, 3, 4, 5, 6, 789));
    await coll.updateOne({ _id: ids[8] }, { $set: { addedAt } });
    get(ids[8]).addedAt = addedAt;
    const um = await coll.updateMany({ flag: true }, { $set: { status: 'vip' } });
    let vip = 0;
    for (const d of expected.values()) {
      if (d.flag === true) {
        d.status = 'vip';
        vip++;
      }
    }
    expect(um.modifiedCount).toBe(vip);
    await coll.replaceOne({ _id: ids[9] }, { email: 'replaced@example.com', amount: Decimal128.fromString('-0.001'), when: new Date(0) });
    put({ _id: ids[9], email: 'replaced@example.com', amount: Decimal128.fromString('-0.001'), when: new Date(0) });
    await coll.updateOne({ _id: 'upserted-1' }, { $set: { email: 'upsert@example.com' } }, { upsert: true });
    put({ _id: 'upserted-1', email: 'upsert@example.com' });
    await coll.findOneAndUpdate({ _id: ids[10] }, { $inc: { count: 1 } });
    get(ids[10]).count = new Int32(11);
    await coll.updateOne({ _id: ids[17] }, { $inc: { big: Long.fromNumber(1_000) } });
    get(ids[17]).big = (get(ids[17]).big as Long).add(1_000);

    // deletes
    await coll.deleteOne({ _id: ids[11] });
    expected.delete(idKey(ids[11]));
    const dm = await coll.deleteMany({ 'nested.n': { $gte: 130 } });
    let removed = 0;
    for (const [k, d] of [...expected]) {
      if (d.nested && typeof d.nested.n === 'number' && d.nested.n >= 130) {
        expected.delete(k);
        removed++;
      }
    }
    expect(removed).toBe(10);
    expect(dm.deletedCount).toBe(removed);

    // an aborted transaction
    const aborted = client.startSession();
    aborted.startTransaction();
    await coll.insertOne({ _id: 'aborted-1', email: 'aborted@example.com' }, { session: aborted });
    await coll.updateOne({ _id: ids[12] }, { $set: { name: 'ABORTED' } }, { session: aborted });
    await aborted.abortTransaction();
    await aborted.endSession();

    // a committed transaction
    const committed = client.startSession();
    await committed.withTransaction(async () => {
      await coll.insertOne({ _id: 'txn-1', email: 'txn1@example.com', at: new Date(Date.UTC(2026, 0, 2)) }, { session: committed });
      await coll.updateOne({ _id: ids[13] }, { $set: { name: 'committed' } }, { session: committed });
      await coll.deleteOne({ _id: ids[14] }, { session: committed });
    });
    await committed.endSession();
    put({ _id: 'txn-1', email: 'txn1@example.com', at: new Date(Date.UTC(2026, 0, 2)) });
    get(ids[13]).name = 'committed';
    expected.delete(idKey(ids[14]));

    // a transaction left open (never committed) when the server dies
    const open1 = client.startSession();
    open1.startTransaction();
    await coll.insertOne({ _id: 'open-1', email: 'open@example.com' }, { session: open1 });
    await coll.updateOne({ _id: ids[15] }, { $set: { name: 'OPEN' } }, { session: open1 });
    await coll.deleteOne({ _id: ids[16] }, { session: open1 });

    // the last acknowledged write, then SIGKILL at once
    const last = { _id: 'last', email: 'last@example.com', at: new Date(Date.UTC(2026, 10, 23, 1, 2, 3, 4)), n: Long.fromNumber(-1) };
    await coll.insertOne(last);
    await server.kill();
    put(last);

    await closeQuietly(client);
    server = await start(dbpath);
    client = await open(server);
    coll = collection(client, 'customers');

    const after = await coll.find({ _id: { $in: ['open-1', 'aborted-1'] } }).toArray();
    expect(after, 'writes of aborted / never-committed transactions must be absent').toEqual([]);
    expect((await coll.findOne({ _id: ids[15] }))?.name).toBe('Customer 15');
    expect(await coll.findOne({ _id: ids[16] }), 'delete inside an uncommitted transaction must not survive').not.toBeNull();
    await expectContents(coll, expected);

    // types as the application sees them (only Longs kept as Long)
    const d0 = await coll.findOne({ _id: ids[0] }, { promoteLongs: false });
    expect(d0).not.toBeNull();
    expect(d0!._id).toBeInstanceOf(ObjectId);
    expect(d0!.createdAt).toBeInstanceOf(Date);
    expect((d0!.createdAt as Date).getTime()).toBe(Date.UTC(2024, 0, 1));
    expect(d0!.balance).toBeInstanceOf(Decimal128);
    expect(d0!.balance.toString()).toBe('0.25');
    expect(d0!.big).toBeInstanceOf(Long);
    expect(d0!.big.toString()).toBe('9007199254740993');
    expect(d0!.blob).toBeInstanceOf(Binary);
    expect(d0!.blob.sub_type).toBe(0);
    expect(d0!.uuid).toBeInstanceOf(Binary);
    expect(d0!.uuid.sub_type).toBe(4);
    expect(d0!.ref).toBeInstanceOf(ObjectId);
    expect(d0!.nested.deep[0].x).toBeInstanceOf(Date);
    const d3 = await coll.findOne({ _id: ids[3] }, { promoteLongs: false });
    expect(d3?._id).toBeInstanceOf(Long);

    // the unique index is still there and enforced
    const indexes = await coll.listIndexes().toArray();
    const emailIndex = indexes.find((ix) => ix.key && ix.key.email === 1);
    expect(emailIndex, JSON.stringify(indexes)).toBeDefined();
    expect(emailIndex!.unique).toBe(true);
    await expectDuplicateKey(coll.insertOne({ _id: new ObjectId(), email: 'user20@example.com' }));
    await expectDuplicateKey(coll.insertOne({ _id: new ObjectId(), email: 'txn1@example.com' }));
    await expectDuplicateKey(coll.insertOne({ _id: 'last', email: 'other@example.com' }));
    // ...and the email freed by the deletes / not taken by the open transaction is free
    await coll.insertOne({ _id: 'reuse', email: 'open@example.com' });
    await coll.insertOne({ _id: 'reuse-2', email: `user${14}@example.com` });
    expect(await coll.countDocuments()).toBe(expected.size + 2);
  });

  it.skipIf(!straceUsable)('acknowledges a write only once it is on disk (system call order under strace)', { timeout: 90_000 }, async () => {
    const dbpath = newDbPath();
    const traceDir = newDbPath();
    const traceFile = join(traceDir, 'server.strace');
    const previous = process.env.UV_USE_IO_URING;
    process.env.UV_USE_IO_URING = '0'; // file I/O through plain system calls that strace can see
    let server: StartedServer;
    try {
      server = await start(dbpath);
    } finally {
      if (previous === undefined) delete process.env.UV_USE_IO_URING;
      else process.env.UV_USE_IO_URING = previous;
    }
    const client = new MongoClient(server.uri, { directConnection: true, retryWrites: false, heartbeatFrequencyMS: 120_000, maxPoolSize: 1 });
    await client.connect();
    clients.push(client);
    const coll = collection(client, 'synced');
    await coll.insertOne({ _id: 'warm-up' }); // the journal is open from here on
    const pid = server.child!.pid!;
    const fds = describeFds(pid);
    expect([...fds.values()].some((f) => f.kind === 'journal'), `no open journal-*.log in /proc/${pid}/fd`).toBe(true);
    const strace = spawn(
      'strace',
      ['-f', '-qq', '-o', traceFile, '-e', 'trace=openat,close,accept,accept4,write,writev,pwrite64,pwritev,pwritev2,fdatasync,fsync', '-p', String(pid)],
      { stdio: 'ignore' },
    );
    const straceExited = new Promise<void>((resolve) => strace.once('exit', () => resolve()));
    try {
      const deadline = Date.now() + 10_000;
      for (;;) {
        await client.db('admin').command({ ping: 1 });
        if (existsSync(traceFile) && /write/.test(readFileSync(traceFile, 'utf8'))) break;
        if (Date.now() > deadline) throw new Error('strace did not attach within 10 s');
        await sleep(50);
      }
      for (let i = 0; i < 30; i++) await coll.insertOne({ _id: i, pad: 'x'.repeat(100 + i) });
      await coll.updateOne({ _id: 3 }, { $set: { updated: true } });
      await coll.deleteOne({ _id: 4 });
      const session = client.startSession();
      await session.withTransaction(async () => {
        await coll.insertOne({ _id: 'txn' }, { session });
      });
      await session.endSession();
    } finally {
      strace.kill('SIGINT');
      await Promise.race([straceExited, sleep(5_000)]);
    }
    const analysis = analyseTrace(readFileSync(traceFile, 'utf8'), fds);
    expect(analysis.journalWrites, `the trace shows no journal writes: ${JSON.stringify(analysis)}`).toBeGreaterThanOrEqual(33);
    expect(analysis.replies).toBeGreaterThanOrEqual(33);
    expect(analysis.violations).toEqual([]);
    expect(await coll.countDocuments()).toBe(31);
  });

  it('SIGKILL under concurrent load keeps every acknowledged insert, no duplicates', { timeout: 120_000 }, async () => {
    const dbpath = newDbPath();
    const writers = 8;
    const acked = new Set<string>();
    const attempted = new Map<string, Document>();
    const maxAcked: number[][] = []; // [round][writer] highest acknowledged seq (-1 none)
    const lastTried: number[][] = [];

    const verify = async (coll: Collection<AnyDoc>, rounds: number) => {
      const docs = await coll.find({}, { promoteValues: false }).toArray();
      const seen = new Map<string, number>();
      for (const d of docs) seen.set(String(d._id), (seen.get(String(d._id)) ?? 0) + 1);
      const dups = [...seen].filter(([, n]) => n > 1);
      expect(dups, 'duplicate documents').toEqual([]);
      const missing = [...acked].filter((id) => !seen.has(id));
      expect(missing, `acknowledged inserts missing after SIGKILL (${missing.length} of ${acked.size})`).toEqual([]);
      for (const d of docs) {
        const original = attempted.get(String(d._id));
        expect(original, `unexpected document ${String(d._id)}`).toBeDefined();
        expect(canon(d)).toBe(canon(original!));
      }
      // each writer had one insert in flight at a time: what survived is a prefix ending at the last ack or the one after
      for (let r = 0; r < rounds; r++) {
        for (let w = 0; w < writers; w++) {
          const seqs = docs
            .filter((d) => Number(d.round) === r && Number(d.w) === w)
            .map((d) => Number(d.seq))
            .sort((a, b) => a - b);
          const top = seqs.length - 1;
          expect(seqs, `round ${r} writer ${w}: surviving seqs must be 0..k without gaps`).toEqual(seqs.map((_, k) => k));
          expect(top).toBeGreaterThanOrEqual(maxAcked[r][w]);
          expect(top).toBeLessThanOrEqual(Math.min(maxAcked[r][w] + 1, lastTried[r][w]));
        }
      }
    };

    for (let round = 0; round < 2; round++) {
      const server = await start(dbpath);
      const client = await open(server);
      const coll = collection(client, 'load');
      if (round > 0) await verify(coll, round);
      maxAcked[round] = Array(writers).fill(-1);
      lastTried[round] = Array(writers).fill(-1);
      let stopped = false;
      const loops = Array.from({ length: writers }, async (_, w) => {
        for (let seq = 0; !stopped; seq++) {
          const doc = { _id: `r${round}-w${w}-${seq}`, round, w, seq, at: new Date(), payload: 'p'.repeat(50 + ((seq * 7) % 200)) };
          attempted.set(doc._id, { ...doc });
          lastTried[round][w] = seq;
          try {
            await coll.insertOne(doc);
          } catch {
            return;
          }
          acked.add(doc._id);
          maxAcked[round][w] = seq;
        }
      });
      const deadline = Date.now() + 20_000;
      while (acked.size < 100 * (round + 1) && Date.now() < deadline) await sleep(10);
      expect(acked.size, 'the server acknowledged too few inserts to make the test meaningful').toBeGreaterThanOrEqual(100 * (round + 1));
      await sleep(Math.floor(Math.random() * 1_000));
      await server.kill();
      stopped = true;
      const finished = await Promise.race([Promise.all(loops).then(() => true), sleep(15_000).then(() => false)]);
      expect(finished, 'writers must fail promptly once the server is killed').toBe(true);
      await closeQuietly(client);
    }

    const server = await start(dbpath);
    const client = await open(server);
    const coll = collection(client, 'load');
    await verify(coll, 2);
    // and the recovered server takes writes
    await coll.insertOne({ _id: 'after-recovery', at: new Date() });
    expect(await coll.countDocuments({ _id: 'after-recovery' })).toBe(1);
  });

  it('cuts a torn journal tail (garbage, zeros, a truncated record) and keeps all earlier data', { timeout: 120_000 }, async () => {
    const dbpath = newDbPath();
    const expected = new Map<string, Document>();
    let server = await start(dbpath);
    let client = await open(server);
    let coll = collection(client, 'torn');
    const many = Array.from({ length: 200 }, (_, i) => richDoc(i, `m-${i}`));
    await coll.insertMany(many);
    for (const d of many) expected.set(idKey(d._id), d);
    for (let i = 0; i < 50; i++) {
      const d = richDoc(1000 + i, new ObjectId());
      await coll.insertOne(d);
      expected.set(idKey(d._id), d);
    }
    await closeQuietly(client);
    await server.stop();

    // a clean restart has nothing to cut
    server = await start(dbpath);
    client = await open(server);
    coll = collection(client, 'torn');
    await expectContents(coll, expected);
    expect(await waitForLine(server, TAIL_LINE, 300), `clean restart must not report a cut tail:\n${server.output()}`).toBeUndefined();
    await closeQuietly(client);
    await server.stop();

    const damages: Array<[string, (file: string) => void]> = [
      ['random garbage', (file) => appendFileSync(file, Buffer.concat([Buffer.from([0xde, 0xad, 0xbe, 0xef]), randomBytes(61)]))],
      ['a plausible header then zeros', (file) => appendFileSync(file, Buffer.concat([Buffer.from([0x40, 0, 0, 0]), Buffer.alloc(4_092)]))],
    ];
    for (const [what, damage] of damages) {
      damage(newestJournal(dbpath));
      server = await start(dbpath);
      const line = await waitForLine(server, TAIL_LINE);
      expect(line, `after appending ${what}, the server must log that it cut the journal tail:\n${server.output()}`).toBeDefined();
      client = await open(server);
      coll = collection(client, 'torn');
      await expectContents(coll, expected, `after appending ${what}`);
      // the server goes on writing after the cut point
      const d = richDoc(2000 + expected.size, `after-${what}`);
      await coll.insertOne(d);
      expected.set(idKey(d._id), d);
      await closeQuietly(client);
      await server.stop();
    }

    // the last record truncated part way: write a big last record, SIGKILL (no shutdown work), cut its end off
    server = await start(dbpath);
    client = await open(server);
    coll = collection(client, 'torn');
    const before = richDoc(3000, 'before-torn');
    await coll.insertOne(before);
    expected.set(idKey(before._id), before);
    const torn = { _id: 'torn-last', body: 'z'.repeat(20_000), at: new Date() };
    await coll.insertOne(torn);
    await server.kill();
    await closeQuietly(client);
    // the journal may be preallocated (a run of zeros after the data): cut relative to the end of the data
    const file = newestJournal(dbpath);
    const dataEnd = endOfData(file);
    expect(dataEnd, `newest journal ${file} is too small to hold the last insert`).toBeGreaterThan(20_000);
    truncateSync(file, dataEnd - 7);

    server = await start(dbpath);
    const line = await waitForLine(server, TAIL_LINE);
    expect(line, `after truncating the last record, the server must log that it cut the journal tail:\n${server.output()}`).toBeDefined();
    client = await open(server);
    coll = collection(client, 'torn');
    const survivor = await coll.findOne({ _id: 'torn-last' });
    if (survivor !== null) expect(canon(survivor), 'a torn record must never come back partially').toBe(canon(torn));
    await expectContents(coll, expected, 'after truncating the last record', { _id: { $ne: 'torn-last' } });
    await coll.insertOne({ _id: 'after-truncation' });
    expect(await coll.countDocuments({ _id: 'after-truncation' })).toBe(1);
  });

  it('compaction bounds the dbpath size and keeps exactly the last state', { timeout: 180_000 }, async () => {
    const dbpath = newDbPath();
    const args = ['--compact-bytes', '200000'];
    let server = await start(dbpath, args);
    let client = await open(server);
    let coll = collection(client, 'compact');
    const expected = new Map<string, Document>();
    const docs = Array.from({ length: 100 }, (_, i) => ({ _id: i, v: 0, body: '', at: new Date(0), amount: Decimal128.fromString('0') }));
    await coll.insertMany(docs);
    for (const d of docs) expected.set(idKey(d._id), d);

    let bytes = 0;
    for (let round = 1; bytes < 5_200_000; round++) {
      const body = String.fromCharCode(97 + (round % 26)).repeat(1_000);
      const at = new Date(Date.UTC(2026, 0, 1) + round * 1_000);
      const amount = Decimal128.fromString(`${round}.5`);
      const update = (i: number) => ({ $set: { v: round, body: `${body}${i}`, at, amount } });
      if (round % 10 === 0) {
        for (let i = 0; i < 100; i++) await coll.updateOne({ _id: i }, update(i));
      } else {
        await coll.bulkWrite(Array.from({ length: 100 }, (_, i) => ({ updateOne: { filter: { _id: i }, update: update(i) } })));
      }
      for (let i = 0; i < 100; i++) {
        expected.set(idKey(i), { _id: i, v: round, body: `${body}${i}`, at, amount });
        bytes += BSON.calculateObjectSize(update(i));
      }
    }
    await expectContents(coll, expected);
    // compaction runs while the server runs, not only at shutdown (bounded wait for a snapshot in progress)
    const settle = Date.now() + 10_000;
    while (dirSize(dbpath) >= 2_000_000 && Date.now() < settle) await sleep(100);
    const running = dirSize(dbpath);
    console.log(`compaction: ${bytes} bytes of updates; dbpath ${running} bytes while running`);
    expect(running, `dbpath holds ${running} bytes while running:\n  ${listRecursive(dbpath).join('\n  ')}`).toBeLessThan(2_000_000);
    await closeQuietly(client);
    await server.stop();

    const size = dirSize(dbpath);
    expect(size, `dbpath holds ${size} bytes after ${bytes} bytes of updates:\n  ${listRecursive(dbpath).join('\n  ')}`).toBeLessThan(2_000_000);

    server = await start(dbpath, args);
    client = await open(server);
    coll = collection(client, 'compact');
    await expectContents(coll, expected);
  });

  it('SIGKILL while compacting (large snapshots, 3 rounds) keeps every acknowledged update', { timeout: 180_000 }, async () => {
    // a 4-5 MB state and a journal limit of 200 kB: snapshots are frequent and take a while to write, so the
    // kills land in the middle of one more often than not
    const dbpath = newDbPath();
    const args = ['--compact-bytes', '200000'];
    const HOT = 96;
    const COLD = 3_000;
    const ackedV = new Array<number>(HOT).fill(0);
    const inflight = new Array<number>(HOT).fill(0);
    const cold = (i: number) => ({ _id: 1_000 + i, pad: `${i}:`.padEnd(1_500, 'c') });

    const verify = async (coll: Collection<AnyDoc>, round: number) => {
      const hot = await coll.find({ _id: { $lt: HOT } }).sort({ _id: 1 }).toArray();
      expect(hot.map((d) => d._id), `round ${round}`).toEqual(Array.from({ length: HOT }, (_, i) => i));
      for (const d of hot) {
        const id = d._id as number;
        const allowed = [ackedV[id], inflight[id]];
        expect(allowed, `round ${round}: doc ${id}: v=${d.v}, acknowledged ${ackedV[id]}, in flight ${inflight[id]}`).toContain(d.v);
        expect(d.pad).toBe('q'.repeat(400 + (d.v % 100)));
        ackedV[id] = d.v; // what survived is the base of the next round
        inflight[id] = d.v;
      }
      const coldDocs = await coll.find({ _id: { $gte: 1_000 } }).sort({ _id: 1 }).toArray();
      expect(coldDocs.length, `round ${round}: untouched documents`).toBe(COLD);
      const wrong = coldDocs.filter((d, i) => d._id !== 1_000 + i || d.pad !== cold(i).pad).map((d) => d._id);
      expect(wrong, `round ${round}: untouched documents changed`).toEqual([]);
    };

    let server = await start(dbpath, args);
    let client = await open(server);
    let coll = collection(client, 'compact-kill');
    await coll.insertMany(Array.from({ length: HOT }, (_, i) => ({ _id: i, v: 0, pad: 'q'.repeat(400) })));
    for (let b = 0; b < COLD; b += 500) await coll.insertMany(Array.from({ length: 500 }, (_, k) => cold(b + k)));

    for (let round = 1; round <= 3; round++) {
      let stopped = false;
      let acks = 0;
      const loops = Array.from({ length: 8 }, async (_, w) => {
        for (let k = 0; !stopped; k++) {
          const id = w + 8 * (k % (HOT / 8));
          const v = ackedV[id] + 1;
          inflight[id] = v;
          try {
            await coll.updateOne({ _id: id }, { $set: { v, pad: 'q'.repeat(400 + (v % 100)) } });
          } catch {
            return;
          }
          ackedV[id] = v;
          acks++;
        }
      });
      const deadline = Date.now() + 30_000;
      while (acks < 600 && Date.now() < deadline) await sleep(10);
      expect(acks, 'too few acknowledged updates for the journal to have been compacted').toBeGreaterThanOrEqual(600);
      await sleep(Math.floor(Math.random() * 1_500));
      await server.kill();
      stopped = true;
      await Promise.race([Promise.all(loops), sleep(15_000)]);
      await closeQuietly(client);
      console.log(`compaction kill round ${round} after ${acks} updates; dbpath: ${listRecursive(dbpath).join(', ')}`);

      server = await start(dbpath, args);
      client = await open(server);
      coll = collection(client, 'compact-kill');
      await verify(coll, round);
    }
  });

  for (const [mode, args] of [
    ['journal replay', [] as string[]],
    ['snapshot (--compact-bytes 1000)', ['--compact-bytes', '1000']],
  ] as const) {
    it(`catalog changes (indexes, drops, renames) survive SIGKILL (${mode})`, { timeout: 90_000 }, async () => {
      const dbpath = newDbPath();
      let server = await start(dbpath, [...args]);
      let client = await open(server);
      const db = client.db(DB);
      const other = client.db(`${DB}_other`);
      const doomed = client.db(`${DB}_dropped`);
      const people = db.collection<AnyDoc>('people');
      await people.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: i, email: `p${i}@example.com`, city: `c${i % 5}`, age: 20 + (i % 40), at: new Date(i * 1_000) })));
      await people.createIndex({ email: 1 }, { unique: true, name: 'email_unique' });
      await people.createIndex({ city: 1, age: -1 }, { name: 'city_age' });
      await people.createIndex({ at: 1 }, { expireAfterSeconds: 3_600 * 24 * 365 * 100, name: 'at_ttl' });
      await people.createIndex({ nick: 1 }, { unique: true, sparse: true, name: 'nick_sparse' });
      await people.createIndex({ age: 1 }, { partialFilterExpression: { age: { $gt: 50 } }, name: 'age_partial' });
      await people.createIndex({ city: 1 }, { name: 'to_drop' });
      await people.dropIndex('to_drop');
      await db.collection('gone').insertOne({ x: 1 });
      await db.collection('gone').drop();
      await db.collection<AnyDoc>('old_name').insertMany([{ _id: 1, v: 'a' }, { _id: 2, v: 'b' }]);
      await db.collection('old_name').createIndex({ v: 1 }, { unique: true });
      await db.renameCollection('old_name', 'new_name');
      await other.collection<AnyDoc>('things').insertOne({ _id: 'o1', v: 1 });
      await doomed.collection<AnyDoc>('x').insertOne({ _id: 1 });
      await doomed.dropDatabase();
      await db.createCollection('empty_but_created');
      const last = await people.updateOne({ _id: 7 }, { $set: { nick: 'seven' } });
      expect(last.modifiedCount).toBe(1);
      await server.kill();
      await closeQuietly(client);

      server = await start(dbpath, [...args]);
      client = await open(server);
      const db2 = client.db(DB);
      const names = (await db2.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
      expect(names).toEqual(['empty_but_created', 'new_name', 'people']);
      const dbs = (await client.db('admin').admin().listDatabases()).databases.map((d) => d.name);
      expect(dbs).toContain(DB);
      expect(dbs).toContain(`${DB}_other`);
      expect(dbs).not.toContain(`${DB}_dropped`);
      expect(await client.db(`${DB}_dropped`).collection('x').countDocuments()).toBe(0);
      expect(await client.db(`${DB}_other`).collection<AnyDoc>('things').findOne({ _id: 'o1' })).toEqual({ _id: 'o1', v: 1 });

      const byName = new Map((await db2.collection('people').listIndexes().toArray()).map((ix) => [ix.name as string, ix]));
      expect([...byName.keys()].sort()).toEqual(['_id_', 'age_partial', 'at_ttl', 'city_age', 'email_unique', 'nick_sparse']);
      expect(byName.get('email_unique')).toMatchObject({ key: { email: 1 }, unique: true });
      expect(Object.entries(byName.get('city_age')!.key)).toEqual([['city', 1], ['age', -1]]);
      expect(byName.get('at_ttl')).toMatchObject({ key: { at: 1 }, expireAfterSeconds: 3_600 * 24 * 365 * 100 });
      expect(byName.get('nick_sparse')).toMatchObject({ key: { nick: 1 }, unique: true, sparse: true });
      expect(byName.get('age_partial')).toMatchObject({ key: { age: 1 }, partialFilterExpression: { age: { $gt: 50 } } });
      const renamedIndexes = (await db2.collection('new_name').listIndexes().toArray()).map((ix) => ix.name).sort();
      expect(renamedIndexes).toEqual(['_id_', 'v_1']);

      const people2 = db2.collection<AnyDoc>('people');
      expect(await people2.countDocuments()).toBe(50);
      expect((await people2.findOne({ _id: 7 }))?.nick).toBe('seven');
      await expectDuplicateKey(people2.insertOne({ _id: 100, email: 'p3@example.com' }));
      await expectDuplicateKey(people2.insertOne({ _id: 101, email: 'new@example.com', nick: 'seven' }));
      await people2.insertOne({ _id: 102, email: 'new2@example.com' }); // sparse: a missing nick is no duplicate
      await expectDuplicateKey(db2.collection<AnyDoc>('new_name').insertOne({ _id: 3, v: 'a' }));
      expect(await db2.collection('new_name').countDocuments()).toBe(2);
      expect(await db2.collection('old_name').countDocuments()).toBe(0);
    });
  }

  it('a second server on the same dbpath refuses to start and does not damage the data', { timeout: 60_000 }, async () => {
    const dbpath = newDbPath();
    let server = await start(dbpath);
    let client = await open(server);
    let coll = collection(client, 'lock');
    await coll.insertMany(Array.from({ length: 100 }, (_, i) => ({ _id: i, v: i })));
    let second: StartedServer | undefined;
    let refusal = '';
    try {
      second = await start(dbpath);
    } catch (e) {
      refusal = String(e);
    }
    expect(
      second === undefined,
      `mongod refuses a dbpath that another instance holds (DBPathInUse); so must the embedded server, but a second one started at ${second?.uri}`,
    ).toBe(true);
    expect(refusal).toMatch(/exited/);
    // the first one still works and its data is whole
    await coll.insertOne({ _id: 100, v: 100 });
    expect(await coll.countDocuments()).toBe(101);
    await server.kill();
    await closeQuietly(client);
    server = await start(dbpath);
    client = await open(server);
    coll = collection(client, 'lock');
    expect(await coll.countDocuments()).toBe(101);
    // and a clean stop releases the dbpath for the next start
    await server.stop();
    await closeQuietly(client);
    server = await start(dbpath);
    expect(server.uri).toMatch(/^mongodb:/);
  });

  it('a graceful stop (SIGTERM) under load exits promptly with every acknowledged insert kept', { timeout: 60_000 }, async () => {
    const dbpath = newDbPath();
    let server = await start(dbpath);
    let client = await open(server);
    let coll = collection(client, 'graceful');
    const acked: string[] = [];
    let stopped = false;
    const loops = Array.from({ length: 8 }, async (_, w) => {
      for (let seq = 0; !stopped; seq++) {
        try {
          await coll.insertOne({ _id: `w${w}-${seq}`, w, seq, at: new Date() });
        } catch {
          return;
        }
        acked.push(`w${w}-${seq}`);
      }
    });
    const deadline = Date.now() + 20_000;
    while (acked.length < 200 && Date.now() < deadline) await sleep(10);
    const t0 = Date.now();
    await Promise.race([server.stop(), sleep(15_000)]);
    const took = Date.now() - t0;
    stopped = true;
    expect(server.child!.exitCode ?? server.child!.signalCode, `server still running ${took} ms after SIGTERM`).not.toBeNull();
    expect(took, 'a graceful stop must not hang').toBeLessThan(10_000);
    expect(server.child!.exitCode, `exit after SIGTERM:\n${server.output()}`).toBe(0);
    await Promise.race([Promise.all(loops), sleep(15_000)]);
    await closeQuietly(client);

    server = await start(dbpath);
    client = await open(server);
    coll = collection(client, 'graceful');
    const present = new Set((await coll.find({}, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)));
    const missing = acked.filter((id) => !present.has(id));
    expect(missing, `${missing.length} of ${acked.length} acknowledged inserts missing after a graceful stop`).toEqual([]);
  });

  it('TTL deletions are durable', { timeout: 60_000 }, async () => {
    const dbpath = newDbPath();
    let server = await start(dbpath, ['--ttl-monitor-secs', '1']);
    let client = await open(server);
    let coll = collection(client, 'ttl');
    await coll.createIndex({ at: 1 }, { expireAfterSeconds: 0 });
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 3_600_000);
    await coll.insertMany([
      ...Array.from({ length: 20 }, (_, i) => ({ _id: `old${i}`, at: past })),
      ...Array.from({ length: 5 }, (_, i) => ({ _id: `new${i}`, at: future })),
      { _id: 'no-date', at: 'not a date' },
    ]);
    const deadline = Date.now() + 20_000;
    while ((await coll.countDocuments({ _id: /^old/ })) > 0 && Date.now() < deadline) await sleep(200);
    expect(await coll.countDocuments({ _id: /^old/ }), 'the TTL monitor (every 1 s) did not remove expired documents in 20 s').toBe(0);
    await server.kill();
    await closeQuietly(client);
    // restart with a TTL monitor that will not run during the check: the deletions must come from the journal
    server = await start(dbpath, ['--ttl-monitor-secs', '3600']);
    client = await open(server);
    coll = collection(client, 'ttl');
    expect((await coll.find({}).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual(['new0', 'new1', 'new2', 'new3', 'new4', 'no-date']);
  });

  it('a 15 MB document and many small ones in several databases survive SIGKILL', { timeout: 60_000 }, async () => {
    const dbpath = newDbPath();
    let server = await start(dbpath);
    let client = await open(server);
    const big = { _id: 'big', blob: new Binary(randomBytes(10 * 1024 * 1024), 0), text: 'x'.repeat(5 * 1024 * 1024), at: new Date(123) };
    await collection(client, 'big').insertOne(big);
    for (let d = 0; d < 3; d++) {
      await client.db(`${DB}_multi${d}`).collection<AnyDoc>('c').insertMany(Array.from({ length: 200 }, (_, i) => ({ _id: i, d, s: `v${i}` })));
    }
    await server.kill();
    await closeQuietly(client);
    server = await start(dbpath);
    client = await open(server);
    const back = await collection(client, 'big').findOne({ _id: 'big' });
    expect(back).not.toBeNull();
    expect(canon(back!) === canon(big), 'the 15 MB document must come back byte for byte').toBe(true);
    for (let d = 0; d < 3; d++) {
      expect(await client.db(`${DB}_multi${d}`).collection('c').countDocuments({ d })).toBe(200);
    }
  });

  for (const [mode, args] of [
    ['journal replay', [] as string[]],
    ['snapshot (--compact-bytes 1000)', ['--compact-bytes', '1000']],
  ] as const) {
    it(`restart keeps Date as Date and _id of every type (${mode})`, { timeout: 90_000 }, async () => {
      const dbpath = newDbPath();
      const ids: AnyId[] = [
        new ObjectId(),
        'a string id',
        '',
        new Int32(42),
        Long.fromString('9007199254740993'),
        new Double(2.5),
        Decimal128.fromString('12345.6789'),
        new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999)),
        new Binary(Buffer.from('binary id'), 0),
        new Binary(Buffer.from('0123456789abcdef0123456789abcdef', 'hex'), 4),
        { a: 1, b: 'x', c: new Date(5) },
        true,
        // (no null: the driver replaces a null _id by a fresh ObjectId before sending the insert)
        new MinKey(),
        new MaxKey(),
        new Timestamp({ t: 1_700_000_000, i: 7 }),
      ];
      const base = Date.UTC(2026, 10, 23, 8, 30, 0, 123);
      const makeDoc = (id: AnyId, i: number) => ({
        _id: id,
        at: new Date(base + i),
        old: new Date(-1_000_000_000_000 - i),
        epoch: new Date(0),
        far: new Date(8.64e15),
        list: [new Date(base - i), 'not a date', new Date(base + 1_000 * i)],
        nested: { when: new Date(base + 2 * i), inner: { deeper: new Date(base + 3 * i) } },
        iso: new Date(base).toISOString(),
        whole: new Double(i), // a double with an integral value stays a double
        small: Long.fromNumber(i), // a small int64 stays an int64
        int: new Int32(-i),
      });
      const docs = ids.map((id, i) => makeDoc(id, i));
      const expected = new Map<string, Document>();
      let server = await start(dbpath, [...args]);
      let client = await open(server);
      let coll = collection(client, 'types');
      for (const d of docs.slice(0, 8)) await coll.insertOne(d);
      await coll.insertMany(docs.slice(8));
      for (const d of docs) expected.set(idKey(d._id), d);
      // an update that writes a Date through an operator
      const moved = new Date(Date.UTC(2030, 0, 1));
      await coll.updateOne({ _id: ids[3] }, { $set: { 'nested.when': moved } });
      (expected.get(idKey(ids[3]))!.nested as Document).when = moved;
      await closeQuietly(client);
      await server.stop();

      for (const how of ['after a clean stop', 'after SIGKILL']) {
        server = await start(dbpath, [...args]);
        client = await open(server);
        coll = collection(client, 'types');
        await expectContents(coll, expected, how);
        for (const id of ids) {
          const found = await coll.findOne({ _id: id }, { promoteValues: false, promoteLongs: false });
          expect(found, `${how}: findOne by _id ${idKey(id)}`).not.toBeNull();
          expect.soft(canon(found!), `${how}: findOne by _id ${idKey(id)}`).toBe(canon(expected.get(idKey(id))!));
        }
        const one = await coll.findOne({ _id: 'a string id' });
        expect(one!.at).toBeInstanceOf(Date);
        expect(one!.old).toBeInstanceOf(Date);
        expect(one!.far).toBeInstanceOf(Date);
        expect((one!.far as Date).getTime()).toBe(8.64e15);
        expect(one!.list[0]).toBeInstanceOf(Date);
        expect(one!.nested.inner.deeper).toBeInstanceOf(Date);
        expect(typeof one!.iso).toBe('string');
        expect(await coll.countDocuments({ at: { $type: 'date' } }), how).toBe(ids.length);
        expect(await coll.countDocuments({ iso: { $type: 'date' } }), how).toBe(0);
        expect(await coll.countDocuments({ at: { $gte: new Date(base + 10) } }), how).toBe(ids.length - 10);
        expect(await coll.countDocuments({ old: { $lt: new Date(0) } }), how).toBe(ids.length);
        expect(await coll.countDocuments({ 'nested.when': { $gte: moved } }), how).toBe(1);
        // types of _id as read back
        // $type on _id finds exactly the ids of that BSON type (read back without promotion)
        const typed = async (alias: string) =>
          (await coll.find({ _id: { $type: alias } }, { promoteValues: false, promoteLongs: false }).toArray()).map((d) => idKey(d._id)).sort();
        const want: Array<[string, AnyId[]]> = [
          ['date', [ids[7]]],
          ['long', [ids[4]]],
          ['int', [ids[3]]],
          ['double', [ids[5]]],
          ['decimal', [ids[6]]],
          ['binData', [ids[8], ids[9]]],
          ['timestamp', [ids[14]]],
          ['objectId', [ids[0]]],
          ['bool', [ids[11]]],
          ['object', [ids[10]]],
          ['minKey', [ids[12]]],
          ['maxKey', [ids[13]]],
        ];
        for (const [alias, expectedIds] of want) {
          expect.soft(await typed(alias), `${how}: _id $type ${alias}`).toEqual(expectedIds.map((id) => idKey(id)).sort());
        }
        await expectDuplicateKey(coll.insertOne({ _id: { a: 1, b: 'x', c: new Date(5) } }));
        await expectDuplicateKey(coll.insertOne({ _id: new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999)) }));
        if (how === 'after a clean stop') await server.stop();
        else await server.kill();
        await closeQuietly(client);
        if (how === 'after a clean stop') {
          // write something, then die without a clean shutdown: the next start replays/restores everything
          server = await start(dbpath, [...args]);
          client = await open(server);
          coll = collection(client, 'types');
          const extra = makeDoc('written before SIGKILL', ids.length);
          await coll.insertOne(extra);
          expected.set(idKey(extra._id), extra);
          ids.push(extra._id);
          await server.kill();
          await closeQuietly(client);
        }
      }
    });
  }
});
