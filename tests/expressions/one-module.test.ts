// One module loads and compiles JSONata (schemas/src/expressions), so every expression gets its bounds: a second
// place that imported jsonata itself would evaluate without them.
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../support/source-scan.js';

const PACKAGES = ['schemas/src', 'engines/src', 'runtime/src', 'telephony/src', 'builder/src', 'console/src', 'templates'];
const LOADS_JSONATA = /(from\s+|import\s*\(\s*|require\s*\(\s*)['"]jsonata['"]/;

describe('the expressions module', () => {
  it('is the only code that loads jsonata', () => {
    const loaders = PACKAGES.flatMap(sourceFiles).filter((f) => LOADS_JSONATA.test(f.text)).map((f) => f.path);
    expect(loaders).toEqual(['schemas/src/expressions/compile.ts']);
  });
});
