// Export of a filtered list: only roles with the export permission; masked fields stay masked unless the
// role may unmask; the list's filter and scope apply.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader } from '../support/multipart.js';
import { DEMO, expectNoPhones } from './records-support.js';
import { parseCsv } from './import-support.js';

let fx: RuntimeFixture;
let admin: ApiClient;
let lead: ApiClient;
let agent1: ApiClient;

beforeAll(async () => {
  fx = await startRuntime();
  [admin, lead, agent1] = await Promise.all([fx.login('admin'), fx.login('lead'), fx.login('agent1')]);
});
afterAll(() => fx.close());

const en = { 'accept-language': 'en' };

describe('export', () => {
  it('is refused to roles without the export permission', async () => {
    const res = await agent1.request('GET', '/api/records/customer/export.csv', undefined, en);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'forbidden', message: 'Your role may not export these records' });
  });

  it('gives a supervisor their scope with masked numbers masked', async () => {
    const res = await lead.request('GET', '/api/records/customer/export.csv?sort=name', undefined, en);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows = parseCsv(res.text.replace(/^\uFEFF/, ''));
    expect(rows[0]).toContain('Mobile');
    expect(rows[0]).toContain('Owner');
    const phone = rows[0]!.indexOf('Mobile');
    expect(rows.length - 1).toBe(Number(res.headers['x-export-total']));
    expect(res.headers['x-export-truncated']).toBe('false');
    for (const row of rows.slice(1)) expect(row[phone]).toMatch(/\*{4}/);
    expectNoPhones(res.text);
  });

  it('applies the list filter and gives an admin (unmask) the numbers, also as XLSX', async () => {
    const filter = encodeURIComponent(JSON.stringify({ field: 'status', op: 'eq', value: 'won' }));
    const won = DEMO.filter((r) => r.values.status === 'won');
    const csv = await admin.request('GET', `/api/records/customer/export.csv?filter=${filter}`, undefined, en);
    const rows = parseCsv(csv.text.replace(/^\uFEFF/, ''));
    expect(rows.length - 1).toBe(won.length);
    const status = rows[0]!.indexOf('Follow-up status');
    expect(new Set(rows.slice(1).map((r) => r[status]))).toEqual(new Set(['Won']));
    expect(csv.text).toContain(`+86${won[0]!.values.phone}`);

    const down = await (await uploader(fx.app, 'admin')).download(`/api/records/customer/export.xlsx?filter=${filter}`);
    expect(down.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(down.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(won.length + 1);
  });

  it('refuses a filter on a masked field for a reader who sees it masked', async () => {
    const filter = encodeURIComponent(JSON.stringify({ field: 'phone', op: 'eq', value: '13881836553' }));
    const res = await lead.request('GET', `/api/records/customer/export.csv?filter=${filter}`, undefined, en);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_filter');
  });
});
