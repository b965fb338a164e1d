// `aggregate` with a leading $changeStream (what the driver's watch() sends) and the awaiting getMore of its
// cursor: the reply always keeps the cursor open (until an invalidate) and carries a postBatchResumeToken.
import type { Document, Timestamp } from 'bson';
import { ChangeStream, type Scope, type StreamOptions } from '../engine/change-stream.js';
import type { OpenCursor } from '../engine/engine.js';
import { ErrorCodes, ServerError } from '../errors.js';
import { cursorReply, MAX_BATCH_BYTES } from '../wire/cursor-reply.js';
import { asObject, type CommandContext } from './context.js';

const STAGE_FIELDS = new Set(['fullDocument', 'fullDocumentBeforeChange', 'resumeAfter', 'startAfter', 'startAtOperationTime', 'allChangesForCluster', 'showExpandedEvents']);
const FULL_DOCUMENT = new Set(['default', 'updateLookup', 'whenAvailable', 'required']);
const BEFORE_CHANGE = new Set(['off', 'whenAvailable', 'required']);
/** How long an awaiting getMore waits for events when the client names no maxTimeMS (mongod: 1 s). */
const DEFAULT_AWAIT_MS = 1000;

function streamOptions(spec: Document): StreamOptions {
  for (const field of Object.keys(spec)) {
    if (!STAGE_FIELDS.has(field)) throw new ServerError(ErrorCodes.Location40415, `BSON field '$changeStream.${field}' is an unknown field.`);
  }
  const fullDocument = (spec.fullDocument ?? 'default') as StreamOptions['fullDocument'];
  const fullDocumentBeforeChange = (spec.fullDocumentBeforeChange ?? 'off') as StreamOptions['fullDocumentBeforeChange'];
  if (!FULL_DOCUMENT.has(fullDocument)) throw new ServerError(ErrorCodes.BadValue, `'${String(fullDocument)}' is not a valid value for $changeStream.fullDocument`);
  if (!BEFORE_CHANGE.has(fullDocumentBeforeChange)) throw new ServerError(ErrorCodes.BadValue, `'${String(fullDocumentBeforeChange)}' is not a valid value for $changeStream.fullDocumentBeforeChange`);
  const starts = ['resumeAfter', 'startAfter', 'startAtOperationTime'].filter((f) => spec[f] !== undefined);
  if (starts.length > 1) throw new ServerError(ErrorCodes.BadValue, `Only one type of resume option is allowed, but multiple were found: ${starts.join(', ')}`);
  return {
    fullDocument,
    fullDocumentBeforeChange,
    showExpandedEvents: spec.showExpandedEvents === true,
    resumeAfter: asObject(spec.resumeAfter, '$changeStream.resumeAfter'),
    startAfter: asObject(spec.startAfter, '$changeStream.startAfter'),
    startAtOperationTime: spec.startAtOperationTime as Timestamp | undefined,
  };
}

function scopeOf(ctx: CommandContext, spec: Document): Scope {
  const target = ctx.cmd.aggregate;
  if (typeof target === 'string') {
    if (spec.allChangesForCluster) throw new ServerError(ErrorCodes.BadValue, "A $changeStream with 'allChangesForCluster:true' may only be opened on the 'admin' database, and with no collection name");
    const coll = ctx.engine.storage.collection(ctx.db, target);
    if (coll?.options.viewOn) throw new ServerError(ErrorCodes.CommandNotSupportedOnView, `Namespace ${ctx.db}.${target} is a view, not a collection`);
    return { kind: 'collection', db: ctx.db, coll: target };
  }
  if (ctx.db === 'admin') {
    if (spec.allChangesForCluster !== true) throw new ServerError(ErrorCodes.InvalidNamespace, "$changeStream may not be opened on the internal admin database; use 'allChangesForCluster: true' to watch the whole server");
    return { kind: 'cluster' };
  }
  if (ctx.db === 'config' || ctx.db === 'local') throw new ServerError(ErrorCodes.InvalidNamespace, `$changeStream may not be opened on the internal ${ctx.db} database`);
  return { kind: 'database', db: ctx.db };
}

function namespaceOf(ctx: CommandContext): string {
  return typeof ctx.cmd.aggregate === 'string' ? `${ctx.db}.${ctx.cmd.aggregate}` : `${ctx.db}.$cmd.aggregate`;
}

export function openChangeStream(ctx: CommandContext, stages: Document[]): Uint8Array {
  if (ctx.txn) throw new ServerError(ErrorCodes.OperationNotSupportedInTransaction, 'Operation not permitted in transaction: $changeStream');
  const spec = asObject(stages[0].$changeStream, '$changeStream') ?? {};
  const stream = new ChangeStream(ctx.engine.storage, scopeOf(ctx, spec), streamOptions(spec), stages.slice(1));
  const cursorOpts = asObject(ctx.cmd.cursor, 'cursor');
  const batchSize = cursorOpts?.batchSize === undefined ? Infinity : Number(cursorOpts.batchSize);
  const ns = namespaceOf(ctx);
  const batch = stream.take(batchSize, MAX_BATCH_BYTES);
  const id = stream.done ? 0 : ctx.engine.openCursor(ns, [][Symbol.iterator](), ctx.cmd.lsid, stream).id;
  return cursorReply(ns, id, batch, true, { postBatchResumeToken: stream.resumeToken });
}

/** getMore on a change stream: waits up to maxTimeMS for events, as mongod does for awaitData cursors. */
export async function moreChanges(ctx: CommandContext, cursor: OpenCursor & { stream: ChangeStream }): Promise<Uint8Array> {
  const stream = cursor.stream;
  const size = ctx.cmd.batchSize ? Number(ctx.cmd.batchSize) : Infinity;
  const waitMs = ctx.cmd.maxTimeMS === undefined ? DEFAULT_AWAIT_MS : Number(ctx.cmd.maxTimeMS);
  const deadline = Date.now() + waitMs;
  const log = ctx.engine.storage.changes;
  let batch: Uint8Array[] = [];
  try {
    for (;;) {
      batch = stream.take(size, MAX_BATCH_BYTES);
      const left = deadline - Date.now();
      if (batch.length > 0 || stream.done || left <= 0 || ctx.engine.closed || !ctx.engine.cursor(cursor.id)) break;
      await log.waitFor(log.seqAfter({ ts: log.visibleTime, index: 0xffffffff }), left);
    }
  } catch (error) {
    ctx.engine.closeCursor(cursor.id);
    throw error;
  }
  if (stream.done) ctx.engine.closeCursor(cursor.id);
  return cursorReply(cursor.ns, stream.done ? 0 : cursor.id, batch, false, { postBatchResumeToken: stream.resumeToken });
}
