// The kinds are listed once, in schemas/src/kinds/index.ts. This fails when a hand-kept list of kind names
// (a union of names, an enum, a map keyed by kind, an if-chain or a switch over kinds, a catalogue of kind
// labels) appears anywhere else in the sources, so a new kind never again means editing nine files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { storedKinds } from '@telesales/schemas';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = ['schemas/src', 'schemas/scripts', 'runtime/src', 'builder/src', 'console/src'];
/** Where kinds may be named together, and why. */
const ALLOWED: Record<string, string> = {
  'schemas/src/kinds/': 'the table of kinds and one folder per kind',
  'builder/src/app/kind-editors.tsx': "the builder's editor of each kind (the fourth step of adding a kind), typed to cover every kind of the table",
};
/** Lines read together: a list spread over a few lines (an object literal, a union, an if-chain) is one list. */
const WINDOW = 15;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** A kind's name as code names it: a string ('pool', "agent-states"), an object key (pool:) or in camel case (agentStates). */
function mentions(kind: string): RegExp {
  const forms = [`['"\`]${escape(kind)}['"\`]`, `(?:^|[{,(\\s])${escape(kind)}\\??:`];
  if (camel(kind) !== kind) forms.push(`\\b${camel(kind)}\\b`);
  return new RegExp(forms.join('|'));
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx|svelte|mjs|js)$/.test(name) ? [path] : [];
  });
}

/** Places (file:line) where all the kinds but one are named within a few lines of each other. */
function kindLists(base: string): string[] {
  const kinds = storedKinds().map((k) => k.kind);
  const patterns = kinds.map(mentions);
  const found: string[] = [];
  for (const file of SOURCES.flatMap((dir) => files(join(base, dir)))) {
    const rel = relative(base, file).split('\\').join('/');
    if (Object.keys(ALLOWED).some((allowed) => rel.startsWith(allowed))) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const window = lines.slice(i, i + WINDOW);
      const named = patterns.filter((re) => window.some((line) => re.test(line))).length;
      if (named >= kinds.length - 1) {
        found.push(`${rel}:${i + 1}`);
        i += WINDOW - 1;
      }
    }
  }
  return found;
}

describe('the kinds are listed in one place', () => {
  it('no source file outside schemas/src/kinds (and the builder\'s editors) names the kinds together', () => {
    expect(kindLists(root)).toEqual([]);
  });

  it('the check itself sees a list: a union of the kinds\' names is found', () => {
    const union = storedKinds().map((k) => `'${k.kind}'`).join(' | ');
    const re = storedKinds().map((k) => mentions(k.kind));
    expect(re.every((r) => r.test(`export type DefinitionKind = ${union};`))).toBe(true);
    // an object keyed by kind, one per line, in camel case where a name has a dash
    const keyed = storedKinds().map((k) => `  ${camel(k.kind)}: 'x',`);
    expect(re.filter((r) => keyed.some((line) => r.test(line))).length).toBe(re.length);
  });
});
