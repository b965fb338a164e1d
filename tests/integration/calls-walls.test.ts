import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Calls are apart from their carriers: the call lifecycle (runtime/src/calls) talks to one carrier interface
// (runtime/src/carriers/carrier.ts); the simulated and the SIP carriers implement it in their own folders. A
// static check of the sources, so the lifecycle does not grow SIP code again and no import circle comes back.
const SRC = fileURLToPath(new URL('../../runtime/src/', import.meta.url));
const LIFECYCLE = 'calls/';
const CARRIERS = 'carriers/';
const SIP = 'carriers/sip/';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const files = [LIFECYCLE, CARRIERS].flatMap((dir) => sources(join(SRC, dir)))
  .map((path) => ({ path: relative(SRC, path).replaceAll('\\', '/'), text: readFileSync(path, 'utf8') }));

/** Every module a file imports (static, type-only and dynamic alike), as written. */
function specifiersOf(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

/** The files of runtime/src a file imports, resolved (`./x.js` -> `calls/x.ts`). */
function localImportsOf(file: { path: string; text: string }): string[] {
  const dir = file.path.slice(0, file.path.lastIndexOf('/') + 1);
  return specifiersOf(file.text).filter((s) => s.startsWith('.')).map((spec) => {
    const out: string[] = [];
    for (const p of (dir + spec).split('/')) {
      if (p === '..') out.pop();
      else if (p !== '.') out.push(p);
    }
    return out.join('/').replace(/\.js$/, '.ts');
  });
}

/** The import circles among these files: each a strongly connected group of more than one file (Tarjan). */
function circles(): string[][] {
  const known = new Set(files.map((f) => f.path));
  const graph = new Map(files.map((f) => [f.path, localImportsOf(f).filter((t) => known.has(t))]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v); onStack.add(v);
    for (const w of graph.get(v)!) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do { w = stack.pop()!; onStack.delete(w); group.push(w); } while (w !== v);
    if (group.length > 1) found.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('calls apart from their carriers', () => {
  it('finds the sources it checks', () => {
    expect(files.some((f) => f.path === 'calls/service.ts')).toBe(true);
    expect(files.some((f) => f.path === 'carriers/carrier.ts')).toBe(true);
    expect(files.some((f) => f.path.startsWith(SIP))).toBe(true);
  });

  it('no import circle in the call lifecycle or the carriers', () => {
    expect(circles()).toEqual([]);
  });

  it('the lifecycle imports nothing of the SIP carrier, nor the SIP endpoint', () => {
    const offending = files.filter((f) => f.path.startsWith(LIFECYCLE)).flatMap((f) => [
      ...localImportsOf(f).filter((t) => t.startsWith(SIP)),
      ...specifiersOf(f.text).filter((s) => s.startsWith('@telesales/telephony/endpoint') || s === 'sip.js' || s === 'werift'),
    ].map((t) => `${f.path} -> ${t}`));
    expect(offending).toEqual([]);
  });

  it('the carriers reach the lifecycle through the call table and CarrierHost, not by calling its actions', () => {
    const actions = ['calls/agent-actions.ts', 'calls/carrier-events.ts', 'calls/inbound.ts', 'calls/outcome.ts', 'calls/routes.ts'];
    const offending = files.filter((f) => f.path.startsWith(SIP) || f.path.startsWith('carriers/simulated/'))
      .flatMap((f) => localImportsOf(f).filter((t) => actions.includes(t)).map((t) => `${f.path} -> ${t}`));
    expect(offending).toEqual([]);
  });

  it('the lifecycle has no telephony mode branches: it asks the carrier', () => {
    const offending = files.filter((f) => f.path.startsWith(LIFECYCLE) && /\bmode\s*[!=]==?\s*'(sip|simulated)'/.test(f.text)).map((f) => f.path);
    expect(offending).toEqual([]);
  });

  it('the circle check sees a circle when there is one', () => {
    files.push({ path: 'calls/call-doc.ts', text: "import type { CallsService } from './service.js';" });
    try {
      expect(circles().some((c) => c.includes('calls/service.ts'))).toBe(true);
    } finally {
      files.pop();
    }
  });
});
