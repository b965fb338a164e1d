// A phone the platform could never dial is refused where it comes in (create, update), with its field and
// the reason, unless the admin marked the field lenient (extensions, internal lines). Valid numbers of
// every kind (a mobile, a landline with its area code, a foreign number with +) are kept.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { dbOf, publish } from './records-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let agent2: ApiClient;

const label = (en: string, zh = en) => ({ zh, en });
/** A contact with a strict phone (CN) and a lenient one: only the field's flag differs. */
const contactEntity = () => ({
  kind: 'entity', schemaVersion: 1, id: randomUUID(), key: 'phone_contact', label: label('Contact', '联系人'), titleField: 'name',
  fields: [
    { id: randomUUID(), key: 'name', label: label('Name', '姓名'), type: 'text', required: true },
    { id: randomUUID(), key: 'phone', label: label('Mobile', '手机号'), type: 'phone', defaultCountry: 'CN' },
    { id: randomUUID(), key: 'line', label: label('Internal line', '内线'), type: 'phone', defaultCountry: 'CN', lenient: true },
  ],
});

const refused = (message: string, country = 'CN') => ({
  statusCode: 400, error: 'Bad Request', code: 'invalid_record', message,
  errors: [{ path: '/values/phone', code: 'undialable_phone', message: expect.stringContaining(country) }],
});

beforeAll(async () => {
  rt = await startRuntime();
  [admin, agent2] = await Promise.all([rt.login('admin'), rt.login('agent2')]);
  const res = await publish(admin, contactEntity());
  expect(res.status, res.text).toBe(200);
});
afterAll(async () => rt?.close());

const count = (name: string) => dbOf(rt).collection('records_customer').countDocuments({ 'values.name': name });

describe('a strict phone field', () => {
  it('refuses 67890 on create, naming the field and why, in the reader’s language; nothing is stored', async () => {
    const en = await agent2.post('/api/records/customer', { values: { name: '钱错号', phone: '67890' } });
    expect(en.status).toBe(400);
    expect(en.body).toEqual(refused('The record has invalid values'));
    expect(en.body.errors[0].message).toBe('Invalid number: not a number that can be dialled in CN (a foreign number starts with + and its country code)');
    const zh = await admin.post('/api/records/customer', { values: { name: '钱错号', phone: '12345' } });
    expect(zh.body).toEqual(refused('记录中有无效的值'));
    expect(zh.body.errors[0].message).toMatch(/^号码无效/);
    expect(await count('钱错号')).toBe(0);
  });

  it('refuses a number of the right length that is no number of the country, and a foreign one without a plan', async () => {
    for (const phone of ['12345678901', '+8612345', '+999123456789']) {
      const res = await agent2.post('/api/records/phone_contact', { values: { name: 'x', phone } });
      expect(res.status, phone).toBe(400);
      expect(res.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]), phone).toEqual([['/values/phone', 'undialable_phone']]);
    }
  });

  it('refuses an undiallable number on update too, and keeps the stored one', async () => {
    const made = await agent2.post('/api/records/phone_contact', { values: { name: 'Upd', phone: '13912345678' } });
    expect(made.status, made.text).toBe(201);
    const res = await agent2.patch(`/api/records/phone_contact/${made.body.id}`, { version: 1, values: { phone: '67890' } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/values/phone', code: 'undialable_phone' })]);
    expect((await agent2.get(`/api/records/phone_contact/${made.body.id}`)).body.values.phone).toBe('+8613912345678');
  });

  it('keeps a valid mobile, a landline with its area code and a foreign number, normalised to E.164', async () => {
    const cases: Array<[string, string]> = [['138 1234 5678', '+8613812345678'], ['010-62345678', '+861062345678'], ['+1 415 555 2671', '+14155552671']];
    for (const [typed, stored] of cases) {
      const res = await agent2.post('/api/records/phone_contact', { values: { name: typed, phone: typed } });
      expect(res.status, res.text).toBe(201);
      expect(res.body.values.phone).toBe(stored);
    }
  });
});

describe('a lenient phone field', () => {
  it('accepts a number that is not valid for its country (an internal line)', async () => {
    const res = await agent2.post('/api/records/phone_contact', { values: { name: 'Desk', line: '67890' } });
    expect(res.status, res.text).toBe(201);
    expect(res.body.values.line).toBe('67890');
  });

  it('still refuses what is no phone at all', async () => {
    const res = await agent2.post('/api/records/phone_contact', { values: { name: 'Desk', line: 'ext. twelve' } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: '/values/line', code: 'invalid_phone' })]);
  });

  it('is a flag of phone fields only: publishing it on a text field names the path', async () => {
    const def = contactEntity();
    (def.fields[0] as Record<string, unknown>).lenient = true;
    const res = await publish(admin, { ...def, key: 'phone_contact_bad' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('/fields/0/lenient');
  });
});
