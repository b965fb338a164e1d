// An imported row whose phone could never be dialled is flagged in the preview and rejected by the import
// (named in the report), while the good rows beside it go in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader, type Uploader } from '../support/multipart.js';
import { importedRecords, reportRows, runImport, uploadCsv } from './import-support.js';

let fx: RuntimeFixture;
let admin: ApiClient;
let up: Uploader;

beforeAll(async () => {
  fx = await startRuntime();
  admin = await fx.login('admin');
  up = await uploader(fx.app, 'admin');
});
afterAll(() => fx.close());

const CSV = ['姓名,手机号', '钱错号,12345', '赵正常,13912345601', ''].join('\r\n');
type PreviewRow = { row: number; issues: Array<{ column: string | null; field: string | null; reason: string }> };

describe('an undiallable phone in an imported file', () => {
  it('is flagged in the preview, in the reader’s language; the good row is not', async () => {
    const file = await uploadCsv(up, CSV);
    const preview = async (locale: 'en' | 'zh') => {
      const res = await admin.request('POST', '/api/imports/customer/preview', { fileId: file.fileId, mapping: file.suggested }, { 'accept-language': locale });
      expect(res.status, res.text).toBe(200);
      return res.body.rows as PreviewRow[];
    };
    const en = await preview('en');
    expect(en.map((r) => r.row)).toEqual([2, 3]);
    expect(en[0]!.issues).toEqual([{ column: '手机号', field: 'phone', reason: expect.stringMatching(/^Invalid number/) }]);
    expect(en[1]!.issues).toEqual([]);
    expect((await preview('zh'))[0]!.issues).toEqual([{ column: '手机号', field: 'phone', reason: expect.stringMatching(/^号码无效/) }]);
  });

  it('keeps the good row and reports the bad one', async () => {
    const file = await uploadCsv(up, CSV);
    const batch = await runImport(admin, { fileId: file.fileId, mapping: file.suggested, target: { type: 'pool', pool: 'default' } });
    expect(batch).toMatchObject({ inserted: 1, rejected: 1 });
    expect((await importedRecords(fx, batch.id)).map((r) => [r.values.name, r.values.phone])).toEqual([['赵正常', '+8613912345601']]);
    const report = await reportRows(admin, batch.id);
    expect(report).toEqual([['Row', 'Column', 'Field', 'Reason'], ['2', '手机号', 'Mobile', expect.stringMatching(/^Invalid number/)]]);
    expect((await reportRows(admin, batch.id, 'zh'))[1]![3]).toMatch(/^号码无效/);
  });

  it('the import page reads the first 100 lines of the same report as JSON, and whether there are more', async () => {
    const bad = Array.from({ length: 105 }, (_, i) => `错号${i},${10000 + i}`);
    const file = await uploadCsv(up, ['姓名,手机号', ...bad, '赵正常,13912345602', ''].join('\r\n'));
    const batch = await runImport(admin, { fileId: file.fileId, mapping: file.suggested, target: { type: 'pool', pool: 'default' } });
    expect(batch).toMatchObject({ inserted: 1, rejected: 105 });
    const res = await admin.request('GET', `/api/imports/customer/batches/${batch.id}/report.json`, undefined, { 'accept-language': 'zh' });
    expect(res.status, res.text).toBe(200);
    expect(res.body.more).toBe(true);
    expect(res.body.rows).toHaveLength(100);
    expect(res.body.rows[0]).toEqual({ row: 2, column: '手机号', field: '手机号', reason: expect.stringMatching(/^号码无效/) });
    expect(res.body.rows[99].row).toBe(101);
  });
});
