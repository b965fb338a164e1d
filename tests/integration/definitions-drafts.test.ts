// Drafts are someone's unfinished work: only publishing that very draft consumes it. A rollback or a
// template upgrade publishes other content and leaves the draft alone.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installTemplate, templateDir } from '@telesales/runtime/templates/install';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';

let rt: RuntimeFixture;
let admin: ApiClient;

beforeAll(async () => {
  rt = await startRuntime();
  admin = await rt.login('admin');
});
afterAll(() => rt?.close());

async function saveDraftLabel(en: string) {
  const head = (await admin.get('/api/definitions/entity/customer')).body;
  const draft = { ...head.published, label: { ...head.published.label, en } };
  expect((await admin.put('/api/definitions/entity/customer/draft', draft)).status).toBe(200);
}

describe('drafts survive publishes of other content', () => {
  it('publishing the draft consumes it', async () => {
    await saveDraftLabel('Clients');
    expect((await admin.post('/api/definitions/entity/customer/publish', { message: 'rename' })).status).toBe(200);
    expect((await admin.get('/api/definitions/entity/customer')).body.draft).toBeNull();
  });

  it('a rollback keeps the draft someone is working on', async () => {
    await saveDraftLabel('Work in progress');
    const rollback = await admin.post('/api/definitions/entity/customer/rollback', { version: 1, message: 'back' });
    expect(rollback.status).toBe(200);
    const head = (await admin.get('/api/definitions/entity/customer')).body;
    expect(head.published.label.en).toBe('Customer');
    expect(head.draft.label.en).toBe('Work in progress');
  });

  it('a template upgrade keeps the draft, and a template with one bad file installs nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'telesales-drafts-'));
    try {
      await cp(templateDir('insurance'), dir, { recursive: true });
      const file = join(dir, 'entities/customer.json');
      const customer = JSON.parse(await readFile(file, 'utf8'));
      customer.label.en = 'Policyholder';
      await writeFile(file, JSON.stringify(customer));
      const before = (await admin.get('/api/definitions/entity/customer')).body.version;
      await installTemplate(rt.app, dir);
      const head = (await admin.get('/api/definitions/entity/customer')).body;
      expect(head.version).toBe(before + 1);
      expect(head.published.label.en).toBe('Policyholder');
      expect(head.draft.label.en).toBe('Work in progress');

      const roleFile = join(dir, 'roles/agent.json');
      const agent = JSON.parse(await readFile(roleFile, 'utf8'));
      agent.label.en = 'Sales agent';
      await writeFile(roleFile, JSON.stringify(agent));
      customer.fields[0].type = 'no-such-type';
      await writeFile(file, JSON.stringify(customer));
      await expect(installTemplate(rt.app, dir)).rejects.toThrow(/entities\/customer\.json: \/fields\/0\/type/);
      const role = (await admin.get('/api/definitions/role/agent')).body;
      expect(role.published.label.en).toBe('Agent');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('small checks', () => {
  it('a field naming a section that does not exist is refused even when the entity has no sections', async () => {
    const res = await admin.post('/api/definitions/validate', {
      kind: 'entity', schemaVersion: 1, id: '5b0f0f53-6a55-4d7a-9d7b-8d1b2f1d6e01', key: 'note', label: { zh: '备注', en: 'Note' },
      fields: [{ id: '5b0f0f53-6a55-4d7a-9d7b-8d1b2f1d6e02', key: 'text', label: { zh: '内容', en: 'Text' }, type: 'text', section: 'nope' }],
    });
    expect(res.body.issues).toEqual([{ path: '/fields/0/section', code: 'unknown_section', message: '没有分组 “nope”' }]); // admin's own locale: zh
  });

  it('a state-changing request without the CSRF token is refused before its body is even looked at', async () => {
    const res = await admin.request('POST', '/api/records/customer', { values: 'not even an object' }, { 'x-csrf-token': '' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf');
  });
});
