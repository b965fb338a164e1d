// Uploaded files are deleted (metadata and rows) once older than the retention, by an Agenda job; a file a
// running or resumable batch reads is kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEANUP_JOB, IMPORT_JOBS_COLLECTION, deleteOldFiles, fileRetentionMs } from '@telesales/runtime/imports/file-cleanup';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { uploader, type Uploader } from '../support/multipart.js';
import { runImport, uploadCsv } from './import-support.js';

let fx: RuntimeFixture;
let admin: ApiClient;
let up: Uploader;
const DAY = 24 * 60 * 60_000;

beforeAll(async () => {
  fx = await startRuntime();
  admin = await fx.login('admin');
  up = await uploader(fx.app, 'admin');
});
afterAll(() => fx.close());

const files = () => fx.app.db.collection('import_files');
const rows = () => fx.app.db.collection('import_file_rows');
const age = (fileId: string, days: number) => files().updateOne({ _id: fileId as never }, { $set: { at: new Date(Date.now() - days * DAY) } });

describe('cleaning up uploaded files', () => {
  it('the runtime schedules the cleanup as a repeating Agenda job', async () => {
    expect(await fx.app.db.collection(IMPORT_JOBS_COLLECTION).findOne({ name: CLEANUP_JOB })).toMatchObject({ type: 'single', repeatInterval: '1 hour' });
  });

  it('reads IMPORT_FILE_RETENTION, 7 days by default', () => {
    expect(fileRetentionMs(undefined)).toBe(7 * DAY);
    expect(fileRetentionMs('3')).toBe(3 * DAY);
    expect(fileRetentionMs('12h')).toBe(12 * 60 * 60_000);
    expect(fileRetentionMs('soon')).toBe(7 * DAY);
  });

  it('deletes files older than the retention, keeps newer ones and those of running or interrupted batches', async () => {
    const upload = async (phone: string) => (await uploadCsv(up, `姓名,手机号\n某,${phone}\n`)).fileId;
    const [old, fresh, running, interrupted, finished] = [
      await upload('13300000041'), await upload('13300000042'), await upload('13300000043'), await upload('13300000044'), await upload('13300000045'),
    ];
    const done = await runImport(admin, { fileId: finished, mapping: { 姓名: 'name', 手机号: 'phone' }, target: { type: 'pool', pool: 'default' } });
    const batches = fx.app.db.collection('import_batches');
    await batches.insertMany([
      { ...done, _id: 'b-running', fileId: running, status: 'running' },
      { ...done, _id: 'b-interrupted', fileId: interrupted, status: 'interrupted' },
    ] as never[]);
    for (const id of [old, running, interrupted, finished]) await age(id, 8);
    await age(fresh, 6);

    expect(await deleteOldFiles(fx.app)).toBe(2);
    expect((await files().find({}, { projection: { _id: 1 } }).toArray()).map((f) => f._id).sort()).toEqual([fresh, running, interrupted].sort());
    expect(await rows().countDocuments({ fileId: { $in: [old, finished] } })).toBe(0);
    expect(await rows().countDocuments({ fileId: fresh })).toBe(1);
    // Gone for the API too: an import of a deleted file is refused as "upload it again".
    const res = await admin.request('POST', '/api/imports/customer', { fileId: old, mapping: { 姓名: 'name' }, target: { type: 'pool', pool: 'default' } }, { 'accept-language': 'en' });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('The uploaded file does not exist; upload it again');
    await batches.deleteMany({ _id: { $in: ['b-running', 'b-interrupted'] } } as never);
  });
});
