// Static checks over the project's own source: the TypeScript and Svelte files of a package, read as text.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', '.svelte-kit', 'build']);

/** Every source file under `dir` (relative to the repository root), with its path from the root and its text. */
export function sourceFiles(dir: string): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const full = join(abs, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx|mts|svelte|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        found.push({ path: relative(ROOT, full), text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(join(ROOT, dir));
  return found;
}
