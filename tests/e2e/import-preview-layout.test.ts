import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportPage } from './pages/import-page.js';
import { useSession } from './support/session.js';

/**
 * The import preview is a table a person reads row by row: each cell sits under its column's header, the
 * cells of a row side by side (they once stacked under the first column), and an undiallable phone is
 * flagged in the reader's language. SHOTS=<dir> also saves a screenshot of the preview per language.
 */
describe('the import preview', () => {
  let dir = '';
  const { consoleAs } = useSession({
    beforeStart: async () => { dir = await mkdtemp(join(tmpdir(), 'e2e-preview-')); },
    afterClose: async () => { if (dir) await rm(dir, { recursive: true, force: true }); },
  });

  for (const [locale, flag] of [['en', /^Mobile: Invalid number/], ['zh', /^Mobile: 号码无效/]] as const) {
    it(`(${locale}) shows each row's cells side by side under their headers, and flags 12345`, async () => {
      const file = join(dir, `leads-${locale}.csv`);
      await writeFile(file, '姓名,Mobile,Remark\n钱错号,12345,wrong number\n赵正常,13912345601,fine\n', 'utf8');
      const admin = await consoleAs('admin', 'admin123');
      await admin.setLanguage(locale);
      const wizard = new ImportPage(admin.page);
      await wizard.open();
      await wizard.upload(file, 'customer');
      await wizard.mapColumn('Remark', 'notes');
      await wizard.toPreview();
      expect(await wizard.error()).toBeNull();

      const rows = await wizard.previewRows();
      expect(rows.map((r) => [r.row, r.flagged])).toEqual([[2, true], [3, false]]);
      expect(rows[0]!.issues).toMatch(flag);
      // row number, three mapped columns, issues: five cells, each at its header's left edge, on one line
      expect(await wizard.previewLayout()).toEqual([{ offsets: [0, 0, 0, 0, 0], tops: [expect.any(Number)] }, { offsets: [0, 0, 0, 0, 0], tops: [expect.any(Number)] }]);
      if (process.env.SHOTS) await admin.page.getByTestId('import-preview').screenshot({ path: join(process.env.SHOTS, `import-preview-${locale}.png`) });
    });
  }
});
