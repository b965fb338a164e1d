import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Records are owned by one service (runtime/src/records/service.ts, `app.records`): other capabilities read and
// write them through it, never through the document layout or the collection, and values are masked in exactly
// one place. A static check of the runtime's sources, so a new capability cannot quietly go around the wall.
const SRC = fileURLToPath(new URL('../../runtime/src/', import.meta.url));
const RECORDS = 'records/';
/** What other capabilities may import from records/: the service and the JSON shapes its answers have. */
const PUBLIC = new Set(['records/service.js', 'records/route-schemas.js']);
/** The composition root registers the records plugins. */
const ROOT = 'app.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sources(SRC).map((path) => ({ path: relative(SRC, path).replaceAll('\\', '/'), text: readFileSync(path, 'utf8') }));
const outside = files.filter((f) => !f.path.startsWith(RECORDS));

/** Module paths a file imports (static and dynamic), resolved against runtime/src. */
function importsOf(file: { path: string; text: string }): string[] {
  const specs = [...file.text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : '';
  return specs.map((spec) => {
    const parts = (dir + spec).split('/');
    const out: string[] = [];
    for (const p of parts) {
      if (p === '..') out.pop();
      else if (p !== '.') out.push(p);
    }
    return out.join('/');
  });
}

describe('records are owned by the records service', () => {
  it('reads the whole runtime (the check would pass vacuously on an empty tree)', () => {
    expect(outside.length).toBeGreaterThan(100);
    expect(files.some((f) => f.path === 'records/service.ts')).toBe(true);
  });

  it('no file outside records/ imports the record layout or any records module but the service', () => {
    const found = outside.filter((f) => f.path !== ROOT).flatMap((f) =>
      importsOf(f).filter((m) => m.startsWith(RECORDS) && !PUBLIC.has(m)).map((m) => `${f.path} imports ${m}`));
    expect(found).toEqual([]);
  });

  it('no file outside records/ names a records_* collection, the layout type or a request\'s collection', () => {
    const found = outside.flatMap((f) =>
      [/records_/, /\brecordsCollection\b/, /\bRecordDoc\b/, /\bctx\.collection\b/, /\bcollectionOf\b/]
        .filter((pattern) => pattern.test(f.text)).map((pattern) => `${f.path}: ${pattern.source}`));
    expect(found).toEqual([]);
  });

  it('values are masked in one place: only records/shown-value.ts calls maskValue', () => {
    const maskers = files.filter((f) => /\bmaskValue\b/.test(f.text)).map((f) => f.path);
    expect(maskers).toEqual(['records/shown-value.ts']);
  });
});
