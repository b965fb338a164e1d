// Shared by the import-* and export-* suites: running an import to the end and reading its report.
import { expect } from 'vitest';
import type { ApiClient, RuntimeFixture } from '../support/runtime-fixture.js';
import type { Uploader } from '../support/multipart.js';

/** A demo customer owned by agent1 (马芳): a database duplicate by phone. */
export const AGENT1_PHONE = '13881836553';
/** A demo customer owned by agent2 (高娟). */
export const AGENT2_PHONE = '13887825707';

export async function uploadCsv(up: Uploader, csv: string | Buffer, name = 'leads.csv') {
  const res = await up.upload('/api/imports/customer/files', { name, content: csv, type: 'text/csv' });
  expect(res.status, res.text).toBe(200);
  return res.body as { fileId: string; columns: string[]; rows: number; sample: string[][]; suggested: Record<string, string>; encoding: string };
}

/** Starts an import and polls its batch until it is no longer running. */
export async function runImport(client: ApiClient, body: object) {
  const started = await client.post('/api/imports/customer', body);
  expect(started.status, started.text).toBe(202);
  const id = started.body.batchId as string;
  for (let i = 0; i < 600; i++) {
    const batch = await client.get(`/api/imports/customer/batches/${id}`);
    if (batch.body.status !== 'running') return batch.body;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('import did not finish');
}

/** The report CSV as rows of cells (header first), without the BOM. */
export async function reportRows(client: ApiClient, batchId: string, locale: 'en' | 'zh' = 'en'): Promise<string[][]> {
  const res = await client.request('GET', `/api/imports/customer/batches/${batchId}/report.csv`, undefined, { 'accept-language': locale });
  expect(res.status).toBe(200);
  return parseCsv(res.text.replace(/^\uFEFF/, ''));
}

/** Enough CSV for our own output: quoted cells, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

export function importedRecords(fx: RuntimeFixture, batchId: string) {
  return fx.app.db.collection('records_customer').find({ importBatch: batchId }).sort({ 'values.phone': 1 }).toArray();
}

/** GB18030 bytes of a text, by inverting the decoder over the two-byte range (Node has no GB encoder). */
export function gb18030(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)));
}
