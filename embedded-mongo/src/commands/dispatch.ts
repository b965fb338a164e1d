// Routes a command document to its handler and turns the outcome into reply bytes: `{ ...result, ok: 1 }`,
// or mongod's error document `{ ok: 0, errmsg, code, codeName }` for anything thrown.
import { Binary, Long, serialize, type Document, type Timestamp } from 'bson';
import { DocumentLocked, type Engine } from '../engine/engine.js';
import { commandNotFound, ErrorCodes, ServerError, toServerError } from '../errors.js';
import type { Request } from '../wire/messages.js';
import * as catalog from './catalog.js';
import { checkCommandOptions } from './options.js';
import type { ConnectionInfo, Handler } from './context.js';
import * as read from './read.js';
import * as info from './server-info.js';
import * as txn from './transactions.js';
import * as write from './write.js';

const handlers: Record<string, Handler> = {
  hello: info.hello,
  isMaster: info.hello,
  ismaster: info.hello,
  ping: info.ping,
  buildInfo: info.buildInfo,
  buildinfo: info.buildInfo,
  hostInfo: info.hostInfo,
  whatsmyuri: info.whatsmyuri,
  getParameter: info.getParameter,
  getCmdLineOpts: info.getCmdLineOpts,
  getLog: info.getLog,
  connectionStatus: info.connectionStatus,
  serverStatus: info.serverStatus,
  endSessions: info.endSessions,
  listDatabases: catalog.listDatabases,
  listCollections: catalog.listCollections,
  create: catalog.create,
  collMod: catalog.collMod,
  drop: catalog.drop,
  dropDatabase: catalog.dropDatabase,
  renameCollection: catalog.renameCollection,
  createIndexes: catalog.createIndexes,
  listIndexes: catalog.listIndexes,
  dropIndexes: catalog.dropIndexes,
  deleteIndexes: catalog.dropIndexes,
  dbStats: catalog.dbStats,
  collStats: catalog.collStats,
  find: read.find,
  getMore: read.getMore,
  killCursors: read.killCursors,
  count: read.count,
  distinct: read.distinct,
  aggregate: read.aggregate,
  explain: read.explain,
  insert: write.insert,
  update: write.update,
  delete: write.del,
  findAndModify: write.findAndModify,
  findandmodify: write.findAndModify,
  commitTransaction: txn.commitTransaction,
  abortTransaction: txn.abortTransaction,
};

/** Writes a driver may retry with the same lsid and txnNumber: applied once, answered again from memory. */
const RETRYABLE = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);
/** How long a plain write waits for a transaction holding its document before giving up. */
const LOCK_WAIT_MS = 60_000;

/** What mongod lets a multi-document transaction run; anything else is OperationNotSupportedInTransaction. */
const IN_TRANSACTION = new Set([
  'find', 'getMore', 'killCursors', 'insert', 'update', 'delete', 'findAndModify', 'findandmodify', 'aggregate', 'distinct',
  'create', 'createIndexes', 'hello', 'isMaster', 'ismaster', 'ping', 'buildInfo', 'buildinfo', 'connectionStatus',
]);

/** Commands that manage a transaction themselves rather than running inside one. */
const OUTSIDE_TRANSACTION = new Set(['commitTransaction', 'abortTransaction', 'endSessions']);

export function errorReply(error: unknown): Uint8Array {
  const e = toServerError(error);
  return serialize({ ok: 0, errmsg: e.message, code: e.code, codeName: e.codeName, ...e.extra });
}

/** The zero signature mongod sends when authentication is off (the driver only checks it with keys). */
const NO_SIGNATURE = { hash: new Binary(Buffer.alloc(20)), keyId: Long.fromNumber(0) };

/**
 * Appends `operationTime` and `$clusterTime` to a reply, as a replica-set member does: with them the driver
 * keeps causally consistent sessions (afterClusterTime) and resumes change streams by time.
 */
function withClusterTime(body: Uint8Array, time: Timestamp): Uint8Array {
  const extra = serialize({ operationTime: time, $clusterTime: { clusterTime: time, signature: NO_SIGNATURE } });
  const out = Buffer.allocUnsafe(body.length + extra.length - 5);
  out.writeInt32LE(out.length, 0);
  out.set(body.subarray(4, body.length - 1), 4);
  out.set(extra.subarray(4), body.length - 1);
  return out;
}

export async function runCommand(engine: Engine, request: Request, connection: ConnectionInfo): Promise<Uint8Array> {
  return withClusterTime(await runCommandBody(engine, request, connection), engine.storage.clock.now);
}

async function runCommandBody(engine: Engine, request: Request, connection: ConnectionInfo): Promise<Uint8Array> {
  const cmd = request.command as Document;
  const name = Object.keys(cmd)[0] ?? '';
  let txnRef: ReturnType<Engine['transactionFor']>;
  try {
    const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
    if (!handler) throw commandNotFound(name);
    if (!request.legacy && typeof cmd.$db !== 'string') throw new ServerError(ErrorCodes.Location40571, 'OP_MSG requests require a $db argument');
    const db = typeof cmd.$db === 'string' ? cmd.$db : 'admin';
    txnRef = OUTSIDE_TRANSACTION.has(name) ? undefined : engine.transactionFor(cmd);
    if (txnRef && !IN_TRANSACTION.has(name)) {
      throw new ServerError(ErrorCodes.OperationNotSupportedInTransaction, `Cannot run '${name}' in a multi-document transaction.`);
    }
    checkCommandOptions(name, cmd, Boolean(txnRef));
    const retryable = !txnRef && RETRYABLE.has(name) && cmd.txnNumber !== undefined && cmd.lsid !== undefined;
    if (retryable) {
      const earlier = engine.retriedWrite(cmd.lsid, Number(cmd.txnNumber));
      if (earlier) return earlier;
    }
    const context = { engine, db, cmd, rawDocuments: request.rawDocuments, txn: txnRef, connection };
    for (;;) {
      try {
        const result = await handler(context);
        const reply = result instanceof Uint8Array ? result : serialize({ ...result, ok: 1 });
        if (retryable) engine.rememberWrite(cmd.lsid, Number(cmd.txnNumber), reply);
        return reply;
      } catch (error) {
        if (!(error instanceof DocumentLocked)) throw error;
        if (!(await engine.waitForUnlock(error.key, LOCK_WAIT_MS))) {
          throw new ServerError(ErrorCodes.WriteConflict, 'WriteConflict error: a transaction held the document for too long');
        }
      }
    }
  } catch (error) {
    if (txnRef) engine.endTransaction(txnRef);
    return errorReply(error);
  }
}
