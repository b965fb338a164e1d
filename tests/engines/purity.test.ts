// Engines are pure and packaged: what they import is their own files and the schemas' types and expressions
// module, never the runtime, a database, the network or the file system, so they run and are tested alone.
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../support/source-scan.js';

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]/g;
const ALLOWED = /^(\.\.?\/|@telesales\/schemas(\/expressions)?$)/;

describe('@telesales/engines', () => {
  it('imports only its own files and @telesales/schemas', () => {
    const outside = sourceFiles('engines/src').flatMap((f) =>
      [...f.text.matchAll(IMPORT)].map((m) => m[1] ?? m[2]!).filter((spec) => !ALLOWED.test(spec)).map((spec) => `${f.path}: ${spec}`));
    expect(outside).toEqual([]);
  });
});
