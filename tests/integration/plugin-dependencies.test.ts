// Each capability is one Fastify plugin that says which plugins it uses (fastify-plugin's `dependencies`), so
// registering it too early fails at start with the missing name instead of a `cannot read ... of undefined` on the
// first request. A static check over runtime/src: what a plugin reads of `app.<decorator>` (in its own file and in
// every file it imports, up to the next plugin) must be its own decorator or one of a plugin it names.
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../support/source-scan.js';

const SRC = 'runtime/src/';
/** Code without its comments (a comment naming `app.records` is not a use of it). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
const files = new Map(sourceFiles(SRC).filter((f) => f.path.endsWith('.ts')).map((f) => [f.path.slice(SRC.length).replaceAll('\\', '/'), code(f.text)]));

interface Plugin { file: string; name: string; dependencies: string[]; decorates: string[] }

/** `fp(async (app) => {\n...\n}, { name: 'x', dependencies: ['a', 'b'] })`: the options closing a fastify-plugin call. */
const PLUGIN_OPTIONS = /^\}\s*,\s*\{\s*name:\s*'([\w-]+)'(?:\s*,\s*dependencies:\s*\[([^\]]*)\])?/gm;

const plugins: Plugin[] = [...files].flatMap(([file, text]) => [...text.matchAll(PLUGIN_OPTIONS)].map((m) => ({
  file,
  name: m[1]!,
  dependencies: [...(m[2] ?? '').matchAll(/'([\w-]+)'/g)].map((d) => d[1]!),
  decorates: [...text.matchAll(/\bapp\.decorate\(\s*'(\w+)'/g)].map((d) => d[1]!),
})));
const pluginFiles = new Set(plugins.map((p) => p.file));
const owner = new Map(plugins.flatMap((p) => p.decorates.map((d) => [d, p.name] as const)));

/** Modules a file loads at run time (static and dynamic imports, re-exports; not `import type`), resolved against runtime/src. */
function importsOf(file: string): string[] {
  const text = files.get(file)!;
  const specs = [...text.matchAll(/(?:^import\s+(?!type\s)[^;]*?from\s+|^export\s+[^;]*?from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/gms)].map((m) => m[1]!);
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  return specs.map((spec) => {
    const out: string[] = [];
    for (const part of (dir + spec).split('/')) {
      if (part === '..') out.pop();
      else if (part !== '.') out.push(part);
    }
    return out.join('/').replace(/\.js$/, '.ts');
  }).filter((path) => files.has(path));
}

/** The files a plugin runs: its own and what they import, stopping at another plugin (which names its own). */
function reach(start: string): string[] {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) {
    for (const next of importsOf(queue.shift()!)) {
      if (seen.has(next) || pluginFiles.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return [...seen];
}

/** The decorators of other plugins a plugin reads; a read guarded by `app.hasDecorator('x')` is optional. */
function uses(plugin: Plugin): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of reach(plugin.file)) {
    const text = files.get(file)!;
    for (const m of text.matchAll(/\bapp\.(\w+)\b/g)) {
      const name = m[1]!;
      if (!owner.has(name) || plugin.decorates.includes(name) || text.includes(`hasDecorator('${name}')`)) continue;
      if (!found.has(name)) found.set(name, file);
    }
  }
  return found;
}

describe('plugins name the plugins they use', () => {
  it('finds the capabilities and their decorators (the check would pass vacuously on none)', () => {
    expect(plugins.length).toBeGreaterThan(15);
    for (const name of ['db', 'definitions', 'records', 'permissions', 'ownership', 'calls', 'expressions', 'sessions', 'sip']) {
      expect(owner.has(name), name).toBe(true);
    }
  });

  it('every capability folder\'s plugin.ts is a named plugin', () => {
    const unnamed = [...files.keys()].filter((f) => /^[\w-]+\/plugin\.ts$/.test(f) && !pluginFiles.has(f));
    expect(unnamed).toEqual([]);
  });

  it('a plugin reading app.<decorator> of another plugin lists that plugin in its dependencies', () => {
    const missing = plugins.flatMap((plugin) => [...uses(plugin)]
      .filter(([decorator]) => !plugin.dependencies.includes(owner.get(decorator)!))
      .map(([decorator, file]) => `${plugin.name} (${plugin.file}) reads app.${decorator} in ${file} but does not depend on '${owner.get(decorator)}'`));
    expect(missing).toEqual([]);
  });

  it('dependencies name plugins that exist', () => {
    const names = new Set(plugins.map((p) => p.name));
    const unknown = plugins.flatMap((p) => p.dependencies.filter((d) => !names.has(d)).map((d) => `${p.name} -> ${d}`));
    expect(unknown).toEqual([]);
  });

  it('a decorator is read outside its own plugin (else it stays a local of that plugin)', () => {
    const readElsewhere = new Set(plugins.flatMap((p) => [...uses(p).keys()]));
    const local = [...owner.keys()].filter((d) => !readElsewhere.has(d) && !isReadByApp(d));
    expect(local).toEqual([]);
  });
});

/** app.ts and the tests reach a few decorators directly (the start-up replay, `app.calls` in call tests). */
function isReadByApp(decorator: string): boolean {
  return new RegExp(`\\bapp\\.${decorator}\\b`).test(files.get('app.ts')!)
    || sourceFiles('tests').some((f) => !f.path.endsWith('plugin-dependencies.test.ts') && new RegExp(`\\bapp\\.${decorator}\\b`).test(f.text));
}
