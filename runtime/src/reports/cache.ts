/**
 * Results of the same definition version, parameters and data scope, kept briefly: a dashboard opened by a team
 * at nine o'clock runs each report once per scope, not once per person. The key always holds the viewer's scope
 * key (viewer-source.ts), so a result is never served to someone whose scope or fields differ.
 */
export class ResultCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(private readonly ttlMs: number, private readonly max = 500) {}

  get(key: string, now = Date.now()): T | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until <= now) { this.entries.delete(key); return undefined; }
    return hit.value;
  }

  set(key: string, value: T, now = Date.now()): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, until: now + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}
