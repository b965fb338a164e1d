// Text typed into a record (a note "=HYPERLINK(...)") or into an imported file's header must not become a live
// formula in the spreadsheet of whoever opens an export or an import report: such cells get a leading
// apostrophe (OWASP). Numbers that merely start with a sign (a phone +86..., a negative amount) stay as they are.
// XLSX needs no such care: the writer stores every cell as a string, never as a formula (checked below).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader } from '../support/multipart.js';
import { parseCsv, reportRows, runImport, uploadCsv } from '../integration/import-support.js';
import { filterParam } from '../integration/records-support.js';

let fx: RuntimeFixture;
let admin: ApiClient;
let lead: ApiClient;
let agent1: ApiClient;

const NOTES = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tX', '\r=1+1', 'plain note'];
const en = { 'accept-language': 'en' };
const onlyOurs = `filter=${filterParam({ field: 'name', op: 'startsWith', value: 'Inject' })}&sort=name`;

beforeAll(async () => {
  fx = await startRuntime();
  [admin, lead, agent1] = await Promise.all([fx.login('admin'), fx.login('lead'), fx.login('agent1')]);
  for (const [i, notes] of NOTES.entries()) {
    // agent1's: in the supervisor's team, whose export masks numbers.
    const res = await agent1.post('/api/records/customer', { values: { name: `Inject ${i}`, phone: `+86138000000${10 + i}`, notes } });
    expect(res.status, res.text).toBe(201);
  }
});
afterAll(() => fx?.close());

async function exportRows(client: ApiClient) {
  const res = await client.request('GET', `/api/records/customer/export.csv?${onlyOurs}`, undefined, en);
  expect(res.status, res.text).toBe(200);
  const rows = parseCsv(res.text.replace(/^\uFEFF/, ''));
  const column = (label: string) => rows.slice(1).map((r) => r[rows[0]!.indexOf(label)]);
  return { rows, column };
}

describe('CSV export', () => {
  it('neutralises every note that a spreadsheet would run as a formula, and leaves plain text alone', async () => {
    const { column } = await exportRows(admin);
    expect(column('Notes')).toEqual([
      `'=HYPERLINK("http://x","y")`, "'+1+1", "'-2+3", "'@SUM(A1)", "'\tX", "'\r=1+1", 'plain note',
    ]);
  });

  it('keeps phone numbers readable: +86... in full for an admin, masked for a supervisor', async () => {
    expect((await exportRows(admin)).column('Mobile')).toEqual(NOTES.map((_, i) => `+86138000000${10 + i}`));
    expect((await exportRows(lead)).column('Mobile')).toEqual(NOTES.map((_, i) => `*******00${10 + i}`));
  });
});

describe('XLSX export', () => {
  it('writes the notes as text cells, never as formulas', async () => {
    const up = await uploader(fx.app, 'admin');
    const res = await up.download(`/api/records/customer/export.xlsx?${onlyOurs}`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const notes = (sheet.getRow(1).values as string[]).indexOf('Notes');
    const cells = NOTES.map((_, i) => sheet.getRow(i + 2).getCell(notes));
    expect(cells.map((c) => c.type)).toEqual(NOTES.map(() => ExcelJS.ValueType.String));
    // XML reads a CR back as a line feed: the same line break.
    const lines = (t: string) => t.replace(/\r\n?/g, '\n');
    expect(cells.map((c) => lines(String(c.value)))).toEqual(NOTES.map(lines));
    expect(cells.some((c) => c.formula)).toBe(false);
  });
});

describe('import report CSV', () => {
  it('neutralises a column name taken from the uploaded file', async () => {
    const up = await uploader(fx.app, 'admin');
    const file = await uploadCsv(up, 'Name,@SUM(A1)\nReport row,12\n');
    const batch = await runImport(admin, { fileId: file.fileId, mapping: { Name: 'name', '@SUM(A1)': 'phone' }, target: { type: 'pool', pool: 'default' } });
    expect(batch.rejected).toBe(1);
    expect(await reportRows(admin, batch.id)).toEqual([
      ['Row', 'Column', 'Field', 'Reason'],
      ['2', "'@SUM(A1)", 'Mobile', 'is not a valid phone number'],
    ]);
  });
});
