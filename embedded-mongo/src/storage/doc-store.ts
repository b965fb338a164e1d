// The documents of a collection, packed into 1 MiB slabs: a document costs its bytes plus one Map entry
// (id -> location number). One ArrayBuffer per document cost about 300 bytes more each (V8's buffer
// bookkeeping), which put a million 300-byte documents over 2 GB.
//
// A record is [u16 id length][id utf8][BSON document]. Updates and deletes leave dead records behind; when
// half of a slab is dead, its live records move to the active slab and the slab is dropped. Views handed out
// earlier keep their old slab alive, so a snapshot or a cursor holding them still reads the same bytes.

const SLAB_SIZE = 1 << 20;
/** Locations are slab * 2^20 + offset: small integers (no heap allocation in the Map) for the first 1024 slabs. */
const OFFSET_SPAN = SLAB_SIZE;

export class DocStore {
  private readonly slabs: (Buffer | undefined)[] = [];
  private readonly used: number[] = [];
  private readonly dead: number[] = [];
  private readonly freeSlabs: number[] = [];
  private active = -1;
  private readonly locations = new Map<string, number>();

  get size(): number {
    return this.locations.size;
  }

  has(id: string): boolean {
    return this.locations.has(id);
  }

  /** The document's bytes (a view; never written to afterwards). */
  get(id: string): Uint8Array | undefined {
    const loc = this.locations.get(id);
    return loc === undefined ? undefined : this.read(loc);
  }

  /** A number that changes whenever the document is rewritten or moved (for optimistic concurrency). */
  version(id: string): number | undefined {
    return this.locations.get(id);
  }

  set(id: string, doc: Uint8Array): void {
    const old = this.locations.get(id);
    this.locations.set(id, this.write(id, doc));
    if (old !== undefined) this.release(old);
  }

  delete(id: string): boolean {
    const old = this.locations.get(id);
    if (old === undefined) return false;
    this.locations.delete(id);
    this.release(old);
    return true;
  }

  keys(): IterableIterator<string> {
    return this.locations.keys();
  }

  *values(): Generator<Uint8Array> {
    for (const loc of this.locations.values()) yield this.read(loc);
  }

  *entries(): Generator<[string, Uint8Array]> {
    for (const [id, loc] of this.locations) yield [id, this.read(loc)];
  }

  [Symbol.iterator](): Generator<[string, Uint8Array]> {
    return this.entries();
  }

  private read(loc: number): Uint8Array {
    const slab = this.slabs[Math.floor(loc / OFFSET_SPAN)]!;
    const at = loc % OFFSET_SPAN;
    // Lengths read by hand and a plain Uint8Array view: this runs once per document of every scan.
    const start = at + 2 + (slab[at] | (slab[at + 1] << 8));
    const length = slab[start] | (slab[start + 1] << 8) | (slab[start + 2] << 16) | (slab[start + 3] << 24);
    return new Uint8Array(slab.buffer, slab.byteOffset + start, length);
  }

  private recordLength(slab: Buffer, at: number): number {
    const start = at + 2 + slab.readUInt16LE(at);
    return start - at + slab.readInt32LE(start);
  }

  private write(id: string, doc: Uint8Array): number {
    const idBytes = Buffer.from(id, 'utf8');
    if (idBytes.length > 0xffff) throw new Error('_id too large');
    const length = 2 + idBytes.length + doc.byteLength;
    let s = this.active;
    if (s < 0 || this.used[s] + length > this.slabs[s]!.length) {
      s = this.newSlab(Math.max(SLAB_SIZE, length));
      if (length <= SLAB_SIZE) this.active = s;
    }
    const slab = this.slabs[s]!;
    const at = this.used[s];
    slab.writeUInt16LE(idBytes.length, at);
    idBytes.copy(slab, at + 2);
    slab.set(doc, at + 2 + idBytes.length);
    this.used[s] = at + length;
    return s * OFFSET_SPAN + at;
  }

  private newSlab(bytes: number): number {
    const s = this.freeSlabs.pop() ?? this.slabs.length;
    // Documents over a slab get a slab of their own; offsets stay below OFFSET_SPAN since they start at 0.
    this.slabs[s] = Buffer.allocUnsafeSlow(bytes);
    this.used[s] = 0;
    this.dead[s] = 0;
    return s;
  }

  private release(loc: number): void {
    const s = Math.floor(loc / OFFSET_SPAN);
    this.dead[s] += this.recordLength(this.slabs[s]!, loc % OFFSET_SPAN);
    if (s === this.active) return;
    if (this.dead[s] >= this.used[s]) this.dropSlab(s);
    else if (this.dead[s] * 2 > this.used[s]) this.evacuate(s);
  }

  /** Moves the live records of a half-dead slab to the active one, then drops it. */
  private evacuate(s: number): void {
    const slab = this.slabs[s]!;
    for (let at = 0; at < this.used[s]; at += this.recordLength(slab, at)) {
      const idLength = slab.readUInt16LE(at);
      const id = slab.toString('utf8', at + 2, at + 2 + idLength);
      if (this.locations.get(id) === s * OFFSET_SPAN + at) this.locations.set(id, this.write(id, this.read(s * OFFSET_SPAN + at)));
    }
    this.dropSlab(s);
  }

  private dropSlab(s: number): void {
    this.slabs[s] = undefined;
    this.used[s] = 0;
    this.dead[s] = 0;
    this.freeSlabs.push(s);
  }
}
