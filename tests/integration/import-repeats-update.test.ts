// onDuplicate "update" and rows repeating an earlier row of the same file: the later row updates the record
// the earlier one created or updated (last value wins, empty cells change nothing); "skip" still rejects it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader, type Uploader } from '../support/multipart.js';
import { AGENT1_PHONE, importedRecords, reportRows, runImport, uploadCsv } from './import-support.js';

let fx: RuntimeFixture;
let admin: ApiClient;
let up: Uploader;

const CSV = [
  '姓名,手机号,邮箱,预算年保费',
  '陈一,13500000011,first@example.com,1000', // 2 new
  '陈一改,13500000011,,2000', // 3 repeats row 2: name and premium change, the empty email keeps first@
  '老客,' + AGENT1_PHONE + ',old@example.com,', // 4 agent1's stored customer: updated
  '老客改,' + AGENT1_PHONE + ',,', // 5 repeats row 4: updates the same stored customer
  '陈一终,135 0000 0011,last@example.com,', // 6 repeats row 2 again (same phone, normalised): last value wins
].join('\n');

beforeAll(async () => {
  fx = await startRuntime();
  admin = await fx.login('admin');
  up = await uploader(fx.app, 'admin');
});
afterAll(() => fx.close());

describe('rows repeating an earlier row of the file', () => {
  it('with "update", update the record the earlier row created or updated, and the report says so', async () => {
    const file = await uploadCsv(up, CSV);
    const batch = await runImport(admin, { fileId: file.fileId, mapping: file.suggested, target: { type: 'pool', pool: 'default' }, onDuplicate: 'update' });
    expect(batch).toMatchObject({ status: 'done', inserted: 1, updated: 4, rejected: 0, duplicatesInFile: 0, duplicatesInDb: 0 });

    const [created] = await importedRecords(fx, batch.id);
    expect(created!.values).toMatchObject({ name: '陈一终', phone: '+8613500000011', email: 'last@example.com', annual_premium: 2000 });
    expect(created!.version).toBe(3);
    const stored = await fx.app.db.collection('records_customer').findOne({ 'values.phone': `+86${AGENT1_PHONE}` });
    expect(stored!.values).toMatchObject({ name: '老客改', email: 'old@example.com' });

    expect(await reportRows(admin, batch.id)).toEqual([
      ['Row', 'Column', 'Field', 'Reason'],
      ['3', '', '', 'Updated (same as row 2)'],
      ['5', '', '', 'Updated (same as row 4)'],
      ['6', '', '', 'Updated (same as row 2)'],
    ]);
    expect((await reportRows(admin, batch.id, 'zh')).slice(1)).toEqual([
      ['3', '', '', '已更新（与第 2 行相同）'],
      ['5', '', '', '已更新（与第 4 行相同）'],
      ['6', '', '', '已更新（与第 2 行相同）'],
    ]);
  });

  it('without "update", a repeated row is still rejected', async () => {
    const file = await uploadCsv(up, CSV.replace(/135( ?)0000( ?)001/g, '135$10000$2002'));
    const batch = await runImport(admin, { fileId: file.fileId, mapping: file.suggested, target: { type: 'pool', pool: 'default' } });
    expect(batch).toMatchObject({ status: 'done', inserted: 1, updated: 0, rejected: 4, duplicatesInFile: 3, duplicatesInDb: 1 });
    expect((await importedRecords(fx, batch.id))[0]!.values).toMatchObject({ name: '陈一', email: 'first@example.com', annual_premium: 1000 });
    const report = await reportRows(admin, batch.id);
    expect(report.slice(1).map((r) => [r[0], r[3]])).toEqual([
      ['3', 'Same Mobile as row 2'],
      ['4', 'A record with this Mobile is already owned by 李娜 Li Na'],
      ['5', 'Same Mobile as row 4'],
      ['6', 'Same Mobile as row 2'],
    ]);
  });
});
