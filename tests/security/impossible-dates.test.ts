// Dates that do not exist (30 February, 29 February of a common year, month 13) are refused wherever a date
// comes in: the records API (create and update), the import (bad rows, good rows kept) and the filter language.
// Before: the format check was a regex, and Date rolled 2026-02-30T10:00 over to 2 March.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader, type Uploader } from '../support/multipart.js';
import { importedRecords, reportRows, runImport, uploadCsv } from '../integration/import-support.js';
import { filterParam } from '../integration/records-support.js';

let fx: RuntimeFixture;
let agent: ApiClient;
let admin: ApiClient;
let up: Uploader;

beforeAll(async () => {
  fx = await startRuntime();
  [agent, admin] = await Promise.all([fx.login('agent2'), fx.login('admin')]);
  up = await uploader(fx.app, 'admin');
});
afterAll(() => fx?.close());

const refusal = (path: string, message: string) => ({
  statusCode: 400, error: 'Bad Request', code: 'invalid_record', message: 'The record has invalid values',
  errors: [{ path, code: 'format', message }],
});
const notADate = (field: string) => refusal(`/values/${field}`, 'is not a valid date');
const notADateTime = (field: string) => refusal(`/values/${field}`, 'is not a valid date and time');

let phone = 13700000100;
const create = (values: Record<string, unknown>) => agent.post('/api/records/customer', { values: { name: '日期', phone: String(phone++), ...values } });

describe('records API', () => {
  it.each(['2026-02-30', '1999-02-29', '2023-13-01', '2023-04-31', '2023-00-10'])('refuses the date %s on create', async (day) => {
    const res = await create({ birth_date: day });
    expect(res.body).toEqual(notADate('birth_date'));
  });

  it('refuses a date and time on a day that does not exist', async () => {
    expect((await create({ next_contact: '2026-02-30T10:00:00+08:00' })).body).toEqual(notADateTime('next_contact'));
    expect((await create({ next_contact: '2026-02-28T24:00:00+08:00' })).body).toEqual(notADateTime('next_contact'));
  });

  it('accepts 29 February of a leap year, and refuses impossible dates on update', async () => {
    const res = await create({ birth_date: '2024-02-29', next_contact: '2024-02-29T10:00:00+08:00' });
    expect(res.status, res.text).toBe(201);
    const { id, version } = res.body;
    expect(res.body.values).toMatchObject({ birth_date: '2024-02-29' });
    const update = (values: object) => agent.patch(`/api/records/customer/${id}`, { version, values });
    expect((await update({ birth_date: '2026-02-30' })).body).toEqual(notADate('birth_date'));
    expect((await update({ next_contact: '2026-02-30T10:00:00+08:00' })).body).toEqual(notADateTime('next_contact'));
    expect((await agent.get(`/api/records/customer/${id}`)).body.values).toMatchObject({ birth_date: '2024-02-29' });
  });
});

describe('filters', () => {
  it('refuse a comparison with a day that does not exist', async () => {
    for (const [field, value] of [['birth_date', '2026-02-30'], ['next_contact', '2026-02-30T10:00:00+08:00']]) {
      const res = await agent.get(`/api/records/customer?filter=${filterParam({ field, op: 'gt', value })}`);
      expect(res.status, res.text).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ path: '/filter/value', code: 'bad_value' });
    }
    expect((await agent.get(`/api/records/customer?filter=${filterParam({ field: 'birth_date', op: 'gt', value: '2024-02-29' })}`)).status).toBe(200);
  });
});

describe('import', () => {
  it('reports rows with impossible dates as bad rows and keeps the good ones', async () => {
    const csv = [
      'Name,Mobile,Date of birth,Next contact',
      'Good,13700000201,2024-02-29,2024-02-29 10:00',
      'Feb30,13700000202,2026/2/30,',
      'Leap,13700000203,1999-02-29,',
      'Month13,13700000204,2023-13-01,',
      'When,13700000205,,2026-02-30T10:00:00+08:00',
      'Clock,13700000206,,2026/2/30 10:00',
    ].join('\n');
    const file = await uploadCsv(up, csv);
    expect(file.suggested).toMatchObject({ 'Date of birth': 'birth_date', 'Next contact': 'next_contact' });
    const batch = await runImport(admin, { fileId: file.fileId, mapping: file.suggested, target: { type: 'pool', pool: 'default' } });
    expect(batch).toMatchObject({ status: 'done', inserted: 1, rejected: 5 });
    expect((await importedRecords(fx, batch.id)).map((r) => r.values.birth_date)).toEqual(['2024-02-29']);
    expect(await reportRows(admin, batch.id)).toEqual([
      ['Row', 'Column', 'Field', 'Reason'],
      ['3', 'Date of birth', 'Date of birth', 'is not a valid date'],
      ['4', 'Date of birth', 'Date of birth', 'is not a valid date'],
      ['5', 'Date of birth', 'Date of birth', 'is not a valid date'],
      ['6', 'Next contact', 'Next contact', 'is not a valid date and time'],
      ['7', 'Next contact', 'Next contact', 'is not a valid date and time'],
    ]);
  });
});
