// Reads only the top-level fields a pipeline uses from a stored document's BSON bytes. A report touches
// four or five fields of a call record; decoding all of them cost most of a $group's time. Values come out
// exactly as `decode` (bson's deserialize with its defaults) gives them: for any type whose promotion is not
// spelled out here the whole document is decoded and the field taken from it.
import { deserialize } from 'bson';
import { decode, type Doc } from '../../storage/collection.js';

const utf8Slice = Buffer.prototype.utf8Slice as (this: Uint8Array, start: number, end: number) => string;
const view = new DataView(new ArrayBuffer(8));

function int32(raw: Uint8Array, p: number): number {
  return raw[p] | (raw[p + 1] << 8) | (raw[p + 2] << 16) | (raw[p + 3] << 24);
}

function float64(raw: Uint8Array, p: number): number {
  for (let i = 0; i < 8; i++) view.setUint8(i, raw[p + i]);
  return view.getFloat64(0, true);
}

/** An int64 as bson promotes it (a number when it fits 53 bits), or undefined when it stays a Long. */
function int64(raw: Uint8Array, p: number): number | undefined {
  const low = int32(raw, p) >>> 0;
  const high = int32(raw, p + 4);
  const value = high * 4294967296 + low;
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Bytes of an element's value (after its name), for the types a skip needs to know. */
function valueLength(raw: Uint8Array, type: number, p: number): number {
  switch (type) {
    case 0x01: case 0x09: case 0x11: case 0x12: return 8;
    case 0x02: case 0x0d: case 0x0e: return 4 + int32(raw, p);
    case 0x03: case 0x04: case 0x0f: return int32(raw, p);
    case 0x05: return 5 + int32(raw, p);
    case 0x06: case 0x0a: case 0x7f: case 0xff: return 0;
    case 0x07: return 12;
    case 0x08: return 1;
    case 0x0b: {
      let q = p;
      while (raw[q] !== 0) q++;
      q++;
      while (raw[q] !== 0) q++;
      return q + 1 - p;
    }
    case 0x0c: return 4 + int32(raw, p) + 12;
    case 0x10: return 4;
    case 0x13: return 16;
  }
  return -1;
}

export type FieldReader = (raw: Uint8Array, into: Doc) => void;

/**
 * A reader filling `into` with the given top-level fields (missing ones undefined). Several readers may
 * share one `into` object per scan: it is rewritten for every document and never kept.
 */
export function fieldReader(names: string[]): FieldReader {
  const wanted = names.map((n) => Buffer.from(n, 'utf8'));
  const count = names.length;
  const which = (raw: Uint8Array, start: number, end: number): number => {
    const length = end - start;
    for (let k = 0; k < count; k++) {
      const w = wanted[k];
      if (w.length !== length || w[0] !== raw[start]) continue;
      let same = true;
      for (let i = 1; i < length; i++) {
        if (w[i] !== raw[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return k;
    }
    return -1;
  };
  const whole = (raw: Uint8Array, into: Doc) => {
    const doc = decode(raw);
    for (const name of names) into[name] = doc[name];
  };
  return (raw, into) => {
    for (let k = 0; k < count; k++) into[names[k]] = undefined;
    let found = 0;
    let p = 4;
    const end = raw.length - 1;
    while (p < end && found < count) {
      const type = raw[p++];
      const nameStart = p;
      while (raw[p] !== 0) p++;
      const k = which(raw, nameStart, p);
      p++;
      const length = valueLength(raw, type, p);
      if (length < 0) return whole(raw, into);
      if (k >= 0) {
        found++;
        const name = names[k];
        switch (type) {
          case 0x01: into[name] = float64(raw, p); break;
          case 0x02: into[name] = utf8Slice.call(raw, p + 4, p + length - 1); break;
          case 0x03: into[name] = deserialize(raw.subarray(p, p + length)); break;
          case 0x04: into[name] = Object.values(deserialize(raw.subarray(p, p + length))); break;
          case 0x08: into[name] = raw[p] === 1; break;
          case 0x09: {
            const ms = int64(raw, p);
            if (ms === undefined) return whole(raw, into);
            into[name] = new Date(ms);
            break;
          }
          case 0x0a: into[name] = null; break;
          case 0x10: into[name] = int32(raw, p); break;
          case 0x12: {
            const n = int64(raw, p);
            if (n === undefined) return whole(raw, into);
            into[name] = n;
            break;
          }
          default: return whole(raw, into);
        }
      }
      p += length;
    }
  };
}
