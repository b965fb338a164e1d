// Starts the embedded server as a child process (the way `npm run db` does), or uses MONGODB_URI when it is
// set, so the conformance suite runs unchanged against a real mongod.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient, MongoServerError, type Collection, type Db, type ObjectId, type Document } from 'mongodb';
import { afterAll, beforeAll } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(root, 'embedded-mongo', 'dist', 'cli.js');

/** True when the suite runs against an external server (a real mongod) rather than the embedded one. */
export const external = Boolean(process.env.MONGODB_URI);

export interface StartedServer {
  uri: string;
  dbpath: string;
  child?: ChildProcess;
  /** Everything the child printed so far (stdout and stderr). */
  output(): string;
  /** Graceful stop (SIGTERM) and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for exit: no chance to flush anything. */
  kill(): Promise<void>;
}

export function tempDbPath(): string {
  return mkdtempSync(join(tmpdir(), 'embedded-mongo-test-'));
}

/** Starts a fresh embedded server in a child process; resolves once it printed its URI. */
export async function startEmbedded(options: { dbpath?: string; args?: string[] } = {}): Promise<StartedServer> {
  const dbpath = options.dbpath ?? tempDbPath();
  const child = spawn(process.execPath, [CLI, '--port', '0', '--dbpath', dbpath, ...(options.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not print its URI in 20s:\n${out}`)), 20_000);
    const check = () => {
      const m = /^(mongodb:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before printing its URI:\n${out}`));
    });
  });
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { uri, dbpath, child, output: () => out, stop: () => stopWith('SIGTERM'), kill: () => stopWith('SIGKILL') };
}

/** The server a suite talks to: MONGODB_URI when set, otherwise a fresh embedded one. */
export async function startTarget(): Promise<StartedServer> {
  if (process.env.MONGODB_URI) {
    const uri = process.env.MONGODB_URI;
    return { uri, dbpath: '', output: () => '', stop: async () => {}, kill: async () => {} };
  }
  return startEmbedded();
}

export async function connect(uri: string): Promise<MongoClient> {
  const client = new MongoClient(uri, { directConnection: true, serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  return client;
}

/** A database name unique to one test file, so suites do not see each other's data on a shared mongod. */
export function uniqueDbName(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Awaits `promise`, expects it to reject with a server error carrying `code` (and `codeName` when given), returns the error. */
export async function expectServerError(
  promise: Promise<unknown>,
  code: number,
  codeName?: string,
): Promise<MongoServerError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  if (caught === undefined) throw new Error(`expected a server error with code ${code}, but the operation succeeded`);
  if (!(caught instanceof MongoServerError)) throw caught;
  if (caught.code !== code || (codeName !== undefined && caught.codeName !== codeName)) {
    throw new Error(
      `expected code ${code}${codeName ? ` (${codeName})` : ''}, got ${caught.code} (${caught.codeName}): ${caught.message}`,
      { cause: caught },
    );
  }
  return caught;
}

/** A schema whose `_id` may be of any BSON type (the driver's default assumes ObjectId). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDoc = { _id?: ObjectId | string | number | boolean | Date | Document; [key: string]: any };

/**
 * The usual setup of a conformance file: one target server, a client, and a database of the file's own,
 * dropped afterwards. Call at the top level of a test file (it registers beforeAll/afterAll).
 */
export function useTestDatabase(prefix: string, start: () => Promise<StartedServer> = startTarget) {
  let server: StartedServer;
  let client: MongoClient;
  let db: Db;
  let n = 0;
  beforeAll(async () => {
    server = await start();
    client = await connect(server.uri);
    db = client.db(uniqueDbName(prefix));
  });
  afterAll(async () => {
    await db?.dropDatabase();
    await client?.close();
    await server?.stop();
  });
  return {
    get server() {
      return server;
    },
    get client() {
      return client;
    },
    get db() {
      return db;
    },
    /** A new collection for each test, so tests do not depend on each other. */
    fresh: (): Collection<AnyDoc> => db.collection<AnyDoc>(`c${++n}`),
  };
}
