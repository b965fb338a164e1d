// The MongoDB wire protocol framing: OP_MSG (what every current driver speaks) and the legacy OP_QUERY /
// OP_REPLY pair that older clients use for their first hello/isMaster.
import { deserialize, serialize, type Document } from 'bson';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;
export const HEADER_SIZE = 16;
export const MAX_MESSAGE_SIZE = 48_000_000;

const CHECKSUM_PRESENT = 1;
export const MORE_TO_COME = 2;

export interface Request {
  requestID: number;
  opCode: number;
  /** The command document, with any OP_MSG document sequences merged in under their identifiers. */
  command: Document;
  /** Inserted documents as the exact bytes the client sent (OP_MSG sequence or `documents` field). */
  rawDocuments?: Uint8Array[];
  /** OP_MSG moreToCome: the client wants no reply (unacknowledged write). */
  noReply: boolean;
  legacy: boolean;
}

export class ProtocolError extends Error {}

function cstringEnd(buf: Buffer, start: number, end: number): number {
  const i = buf.indexOf(0, start);
  if (i < 0 || i >= end) throw new ProtocolError('unterminated C string in message');
  return i;
}

/** Splits a run of concatenated BSON documents (a document sequence) into views of each. */
function splitDocuments(buf: Buffer, start: number, end: number): Uint8Array[] {
  const docs: Uint8Array[] = [];
  let at = start;
  while (at < end) {
    if (at + 5 > end) throw new ProtocolError('truncated document in sequence');
    const size = buf.readInt32LE(at);
    if (size < 5 || at + size > end) throw new ProtocolError('invalid document size in sequence');
    docs.push(buf.subarray(at, at + size));
    at += size;
  }
  return docs;
}

function readDocument(buf: Buffer, at: number, end: number): [Document, number, Buffer] {
  if (at + 5 > end) throw new ProtocolError('truncated BSON document');
  const size = buf.readInt32LE(at);
  if (size < 5 || at + size > end) throw new ProtocolError('invalid BSON document size');
  const bytes = buf.subarray(at, at + size);
  // Inserted documents stay raw so their bytes are stored exactly as sent.
  return [deserialize(bytes, { fieldsAsRaw: { documents: true }, validation: { utf8: true } }), at + size, bytes];
}

/** Parses one complete message (header included). Throws ProtocolError for anything malformed. */
export function parseMessage(buf: Buffer): Request {
  const length = buf.readInt32LE(0);
  const requestID = buf.readInt32LE(4);
  const opCode = buf.readInt32LE(12);
  if (opCode === OP_MSG) {
    const flags = buf.readUInt32LE(16);
    const end = flags & CHECKSUM_PRESENT ? length - 4 : length;
    let at = 20;
    let command: Document | undefined;
    const sequences: Record<string, Uint8Array[]> = {};
    while (at < end) {
      const kind = buf[at++];
      if (kind === 0) {
        [command, at] = readDocument(buf, at, end);
      } else if (kind === 1) {
        const size = buf.readInt32LE(at);
        const seqEnd = at + size;
        if (size < 5 || seqEnd > end) throw new ProtocolError('invalid document sequence size');
        const nameEnd = cstringEnd(buf, at + 4, seqEnd);
        sequences[buf.toString('utf8', at + 4, nameEnd)] = splitDocuments(buf, nameEnd + 1, seqEnd);
        at = seqEnd;
      } else {
        throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
      }
    }
    if (!command) throw new ProtocolError('OP_MSG without a body section');
    let rawDocuments: Uint8Array[] | undefined;
    for (const [name, docs] of Object.entries(sequences)) {
      if (name === 'documents') rawDocuments = docs;
      else command[name] = docs.map((d) => deserialize(d));
    }
    if (!rawDocuments && Array.isArray(command.documents)) rawDocuments = command.documents as Uint8Array[];
    return { requestID, opCode, command, rawDocuments, noReply: Boolean(flags & MORE_TO_COME), legacy: false };
  }
  if (opCode === OP_QUERY) {
    const nameEnd = cstringEnd(buf, 20, length);
    const collection = buf.toString('utf8', 20, nameEnd);
    let [query] = readDocument(buf, nameEnd + 9, length);
    if (query.$query) query = query.$query as Document;
    const db = collection.split('.')[0];
    if (!collection.endsWith('.$cmd')) throw new ProtocolError('OP_QUERY is only supported for commands');
    return { requestID, opCode, command: { ...query, $db: db }, noReply: false, legacy: true };
  }
  throw new ProtocolError(`unsupported opCode ${opCode}`);
}

function header(length: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.allocUnsafe(HEADER_SIZE);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(0, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

/** Frames a reply body (already BSON) for the request's protocol. */
export function frameReply(request: Pick<Request, 'requestID' | 'legacy'>, body: Uint8Array): Buffer {
  if (request.legacy) {
    const fields = Buffer.alloc(20);
    fields.writeInt32LE(8, 0); // AwaitCapable
    fields.writeInt32LE(1, 16); // numberReturned
    return Buffer.concat([header(HEADER_SIZE + 20 + body.length, request.requestID, OP_REPLY), fields, body]);
  }
  const flags = Buffer.from([0, 0, 0, 0, 0]); // flagBits + section kind 0
  return Buffer.concat([header(HEADER_SIZE + 5 + body.length, request.requestID, OP_MSG), flags, body]);
}

export function encode(doc: Document): Uint8Array {
  return serialize(doc);
}
