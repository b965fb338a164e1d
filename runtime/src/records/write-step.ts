import type { ClientSession } from 'mongodb';
import type { RecordContext } from './context.js';

/**
 * A record write and its operation-log entry commit together or not at all: both run in one transaction.
 * Chosen over "write, then insert the log entry with retries" because a retry cannot outlive the process
 * dying between the two writes, and a change missing from the log is what the log exists to rule out.
 * The embedded server and every replica set support transactions (a standalone mongod does not; DESIGN.md
 * asks for a replica set in production). The driver retries transient conflicts; our callbacks re-read
 * under the version they expect, so a retry after a concurrent write turns into a version conflict.
 */
export function writeStep<T>(ctx: RecordContext, fn: (session: ClientSession) => Promise<T>): Promise<T> {
  return ctx.app.mongoClient.withSession((session) => session.withTransaction(() => fn(session)));
}
