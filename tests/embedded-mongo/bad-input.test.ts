import { describe, it, expect, beforeAll } from 'vitest';
import { connect as netConnect } from 'node:net';
import { BSON, type Collection, type Document } from 'mongodb';
import { useTestDatabase, connect, expectServerError, external, type AnyDoc } from './server-fixture.js';

const target = useTestDatabase('badinput');
let c: Collection<AnyDoc>;

beforeAll(async () => {
  c = target.db.collection<AnyDoc>('c');
  await c.insertMany([{ _id: 1, s: 'str', arr: [1], n: 1 }]);
});

describe('bad update documents', () => {
  it('an unknown update operator fails with FailedToParse (9)', async () => {
    const err = await expectServerError(c.updateOne({ _id: 1 }, { $frob: { a: 1 } } as Document), 9, 'FailedToParse');
    expect(err.message).toContain('$frob');
  });

  it('mixing $set with plain fields fails with FailedToParse (9)', async () => {
    // The driver only checks the first key, so this reaches the server.
    await expectServerError(c.updateOne({ _id: 1 }, { $set: { a: 1 }, b: 2 } as Document), 9, 'FailedToParse');
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, s: 'str', arr: [1], n: 1 });
  });

  it('a modifier whose argument is not a document fails with FailedToParse (9)', async () => {
    await expectServerError(c.updateOne({ _id: 1 }, { $set: 5 } as Document), 9, 'FailedToParse');
  });

  it('type errors: $inc on a string, $inc by a string, $push to a non-array', async () => {
    await expectServerError(c.updateOne({ _id: 1 }, { $inc: { s: 1 } }), 14, 'TypeMismatch');
    await expectServerError(c.updateOne({ _id: 1 }, { $inc: { n: 'x' } } as Document), 14, 'TypeMismatch');
    await expectServerError(c.updateOne({ _id: 1 }, { $push: { s: 1 } } as Document), 2, 'BadValue');
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, s: 'str', arr: [1], n: 1 });
  });

  it('two operators on the same path fail with ConflictingUpdateOperators (40)', async () => {
    await expectServerError(c.updateOne({ _id: 1 }, { $set: { n: 5 }, $inc: { n: 1 } }), 40, 'ConflictingUpdateOperators');
  });
});

describe('bad queries', () => {
  it('an invalid $regex fails with 51091', async () => {
    await expectServerError(c.find({ s: { $regex: '(' } }).toArray(), 51091);
  });

  it('$in with a non-array fails with BadValue (2)', async () => {
    await expectServerError(c.find({ n: { $in: 5 } } as Document).toArray(), 2, 'BadValue');
  });

  it('a projection mixing inclusion and exclusion fails with 31254', async () => {
    await expectServerError(c.find({}, { projection: { s: 1, n: 0 } }).toArray(), 31254);
  });
});

/** Result of writing raw bytes to the server: the first reply message, if any, and whether the socket closed. */
interface RawOutcome {
  reply?: Document;
  closed: boolean;
}

function opMsg(body: Buffer, opCode = 2013, declaredLength?: number): Buffer {
  const header = Buffer.alloc(20);
  header.writeInt32LE(declaredLength ?? 21 + body.length, 0);
  header.writeInt32LE(42, 4); // requestID
  header.writeInt32LE(0, 8); // responseTo
  header.writeInt32LE(opCode, 12);
  header.writeUInt32LE(0, 16); // flagBits
  return Buffer.concat([header, Buffer.from([0]), body]); // section kind 0 + body
}

/** Sends `bytes` on a fresh socket; resolves with the first whole reply (OP_MSG body decoded) or when the server closes. */
function rawExchange(bytes: Buffer, { end = false, timeoutMs = 5000 } = {}): Promise<RawOutcome> {
  const { hostname, port } = new URL(target.server.uri.split(',')[0]);
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: hostname, port: Number(port || 27017) });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('the server neither answered nor closed the socket'));
    }, timeoutMs);
    const done = (outcome: RawOutcome) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    socket.on('connect', () => (end ? socket.end(bytes) : socket.write(bytes)));
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length >= 4 && buf.length >= buf.readInt32LE(0)) {
        const isOpMsg = buf.readInt32LE(12) === 2013 && buf[20] === 0;
        done({ closed: false, reply: isOpMsg ? BSON.deserialize(buf.subarray(21, buf.readInt32LE(0))) : { raw: buf.toString('latin1') } });
      }
    });
    socket.on('close', () => done({ closed: true }));
    socket.on('error', () => undefined); // a reset counts as closed
  });
}

/** The server answered with an error document or hung up: both are acceptable reactions to garbage. */
function expectRejected(outcome: RawOutcome): void {
  if (outcome.reply && 'ok' in outcome.reply) expect(outcome.reply.ok).toBe(0);
  else expect(outcome.closed || outcome.reply !== undefined).toBe(true);
}

describe('malformed wire messages', () => {
  it('a well-formed raw OP_MSG hello works (sanity check of the helper)', async () => {
    const outcome = await rawExchange(opMsg(Buffer.from(BSON.serialize({ hello: 1, $db: 'admin' }))));
    expect(outcome.reply).toMatchObject({ ok: 1, isWritablePrimary: true });
  });

  it('an OP_MSG without $db is answered with error 40571', async () => {
    const outcome = await rawExchange(opMsg(Buffer.from(BSON.serialize({ ping: 1 }))));
    expect(outcome.reply).toMatchObject({ ok: 0, code: 40571 });
  });

  it('survives text garbage (an HTTP request)', async () => {
    expectRejected(await rawExchange(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')));
  });

  it('survives a header claiming a huge length', async () => {
    const header = Buffer.alloc(16);
    header.writeInt32LE(0x7fffffff, 0);
    header.writeInt32LE(2013, 12);
    expectRejected(await rawExchange(header));
  });

  it('survives a header claiming a length shorter than a header', async () => {
    const header = Buffer.alloc(16);
    header.writeInt32LE(3, 0);
    header.writeInt32LE(2013, 12);
    expectRejected(await rawExchange(header));
  });

  it('survives an OP_MSG whose BSON document is truncated', async () => {
    const doc = Buffer.from(BSON.serialize({ insert: 'c', documents: [{ _id: 99, x: 'y'.repeat(50) }], $db: target.db.databaseName }));
    expectRejected(await rawExchange(opMsg(doc.subarray(0, 30))));
    expect(await c.findOne({ _id: 99 })).toBeNull();
  });

  it('survives an OP_MSG whose BSON has an invalid element type', async () => {
    const doc = Buffer.from(BSON.serialize({ ping: 1, $db: 'admin' }));
    doc[4] = 0x77; // type byte of the first element
    expectRejected(await rawExchange(opMsg(doc)));
  });

  it('survives an unknown opCode', async () => {
    expectRejected(await rawExchange(opMsg(Buffer.from(BSON.serialize({ ping: 1, $db: 'admin' })), 9999)));
  });

  it('survives a client hanging up in the middle of a message', async () => {
    const full = opMsg(Buffer.from(BSON.serialize({ ping: 1, $db: 'admin' })));
    expect(await rawExchange(full.subarray(0, 10), { end: true })).toEqual({ closed: true });
  });

  it('after all that, the server and the driver client still work', async () => {
    if (!external) expect(target.server.child?.exitCode).toBeNull();
    expect(await target.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
    await c.insertOne({ _id: 2 });
    expect(await c.countDocuments()).toBe(2);
    const fresh = await connect(target.server.uri);
    try {
      expect(await fresh.db(target.db.databaseName).collection('c').countDocuments()).toBe(2);
    } finally {
      await fresh.close();
    }
  });
});
