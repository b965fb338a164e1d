// Attack: column names are the client's text and a saved mapping keeps them as keys of a stored document, so
// a NUL byte, a "$"-operator or a dotted name must be refused with its path (or stored as plain text), never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';

let fx: RuntimeFixture;
let admin: ApiClient;

beforeAll(async () => {
  fx = await startRuntime();
  admin = await fx.login('admin');
});
afterAll(() => fx?.close());

describe('column names in a saved mapping', () => {
  it.each([['a NUL byte', 'Pho\u0000ne'], ['an operator', '$where'], ['a dotted name', 'a.b'], ['control characters', 'x\u0007y']])(
    'with %s: refused with its path or kept as plain text, never a 500',
    async (_what, column) => {
      const res = await admin.put('/api/imports/customer/mappings/vendor', { mapping: { [column]: 'phone', 姓名: 'name' } });
      expect(res.status, res.text).toBeLessThan(500);
      if (res.status === 200) {
        const back = await admin.get('/api/imports/customer/mappings/vendor');
        expect(back.body.mapping).toEqual({ [column]: 'phone', 姓名: 'name' });
      } else {
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body.errors)).toContain('/mapping');
      }
    },
  );
});
