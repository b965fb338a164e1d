// Builds `{ cursor: { firstBatch|nextBatch: [...], id, ns }, ok: 1 }` around documents that are already BSON,
// so stored documents go to the client as the exact bytes kept, without decoding and re-encoding them.
import { serialize, type Document } from 'bson';

function cstring(s: string): Buffer {
  return Buffer.from(s + '\0', 'utf8');
}

function int32(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32LE(n, 0);
  return b;
}

function documentOf(elements: Buffer[]): Buffer {
  const size = 4 + elements.reduce((n, e) => n + e.length, 0) + 1;
  return Buffer.concat([int32(size), ...elements, Buffer.from([0])], size);
}

/** The elements of a serialized document, without its length and terminator. */
function elementsOf(doc: Uint8Array): Buffer {
  return Buffer.from(doc.buffer, doc.byteOffset + 4, doc.length - 5);
}

function arrayOf(docs: Uint8Array[]): Buffer {
  return documentOf(docs.map((d, i) => Buffer.concat([Buffer.from([0x03]), cstring(String(i)), d])));
}

/** `extra`: more fields of the cursor document (a change stream's postBatchResumeToken). */
export function cursorReply(ns: string, id: number, batch: Uint8Array[], first: boolean, extra?: Document): Buffer {
  const idBytes = Buffer.allocUnsafe(8);
  idBytes.writeBigInt64LE(BigInt(id), 0);
  const nsBytes = Buffer.from(ns, 'utf8');
  const cursor = documentOf([
    Buffer.concat([Buffer.from([0x04]), cstring(first ? 'firstBatch' : 'nextBatch'), arrayOf(batch)]),
    Buffer.concat([Buffer.from([0x12]), cstring('id'), idBytes]),
    Buffer.concat([Buffer.from([0x02]), cstring('ns'), int32(nsBytes.length + 1), nsBytes, Buffer.from([0])]),
    ...(extra ? [elementsOf(serialize(extra))] : []),
  ]);
  const ok = Buffer.allocUnsafe(8);
  ok.writeDoubleLE(1, 0);
  return documentOf([
    Buffer.concat([Buffer.from([0x03]), cstring('cursor'), cursor]),
    Buffer.concat([Buffer.from([0x01]), cstring('ok'), ok]),
  ]);
}

/** Batches stay under this many bytes of documents (mongod's 16 MiB reply budget). */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 16 * 1024;
