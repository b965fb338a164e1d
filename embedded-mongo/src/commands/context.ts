// What a command handler gets, and what it returns: a plain reply document (ok: 1 is added) or reply
// bytes it built itself (cursor replies around stored documents).
import type { Document } from 'bson';
import type { Engine } from '../engine/engine.js';
import type { Transaction } from '../engine/transaction.js';
import { ErrorCodes, ServerError } from '../errors.js';

export interface ConnectionInfo {
  id: number;
  remote: string;
  port: number;
  host: string;
}

export interface CommandContext {
  engine: Engine;
  db: string;
  cmd: Document;
  /** Inserted documents exactly as sent (insert only). */
  rawDocuments?: Uint8Array[];
  txn?: Transaction;
  connection: ConnectionInfo;
}

export type CommandResult = Document | Uint8Array;
export type Handler = (ctx: CommandContext) => CommandResult | Promise<CommandResult>;

/** The collection name a command addresses (`{ find: 'people' }` -> 'people'), checked. */
export function collectionName(ctx: CommandContext, field: string): string {
  const name = ctx.cmd[field];
  if (typeof name !== 'string' || name.length === 0) {
    throw new ServerError(ErrorCodes.InvalidNamespace, `collection name has invalid type ${typeof name}`);
  }
  if (name.includes('\0') || name.startsWith('.') || name.includes('$')) {
    throw new ServerError(ErrorCodes.InvalidNamespace, `Invalid collection name: ${name}`);
  }
  return name;
}

export function asObject(value: unknown, path: string): Document | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ServerError(ErrorCodes.TypeMismatch, `BSON field '${path}' is the wrong type '${Array.isArray(value) ? 'array' : typeof value}', expected type 'object'`);
  }
  return value as Document;
}
