// A definition kind added through the registry alone: a folder (fixture-kinds/checklist: schema, checks,
// texts) and one line (registerDefinitionKind, standing in for the line in schemas/src/kinds/index.ts).
// With no other list edited, the definitions API validates it (bad documents are 400 with their path),
// creates, publishes, versions, diffs and rolls it back, and describes it in the OpenAPI document.
// Real runtime, real embedded database.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionKinds, kindSpec, registerDefinitionKind, storedKinds, validateDefinition } from '@telesales/schemas';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { englishAdmin } from './definitions-support.js';
import { checklistKind } from './fixture-kinds/checklist/index.js';

// The one line: before the runtime is built, as its routes read the kinds when they are registered.
registerDefinitionKind(checklistKind);

let rt: RuntimeFixture;
let designer: ApiClient;
let agent1: ApiClient;
const id = randomUUID();
const item = (key: string, en: string, zh: string) => ({ key, label: { zh, en } });
const v1 = {
  kind: 'checklist', schemaVersion: 1, id, key: 'consent', label: { zh: '同意事项', en: 'Consent' },
  items: [item('recorded', 'Call is recorded', '通话录音'), item('identity', 'Identity confirmed', '已核实身份')],
};
const v2 = { ...v1, label: { zh: '同意事项', en: 'Consent checks' }, items: [...v1.items, item('marketing', 'May call again', '可再次致电')] };

beforeAll(async () => {
  rt = await startRuntime();
  const admin = await rt.login('admin');
  designer = await englishAdmin(rt, admin);
  agent1 = await rt.login('agent1');
});
afterAll(async () => rt?.close());

describe('the registry', () => {
  it('lists the new kind after the table, and refuses a second kind of the same name', () => {
    expect(definitionKinds().map((k) => k.kind)).toEqual(['entity', 'role', 'pool', 'flow', 'dispositions', 'agent-states', 'campaign', 'report', 'dashboard', 'template', 'checklist']);
    expect(storedKinds().map((k) => k.kind)).not.toContain('template');
    expect(kindSpec('checklist')?.texts.plural).toEqual({ zh: '检查单', en: 'Checklists' });
    expect(() => registerDefinitionKind({ ...checklistKind, slug: 'others' })).toThrow(/clashes with "checklist"/);
  });

  it('validates a definition of the kind with its schema, then its own checks', () => {
    expect(validateDefinition(v1)).toEqual([]);
    expect(validateDefinition({ ...v1, items: [] }, 'zh')).toEqual([{ path: '/items', code: 'minItems', message: '至少 1 项' }]);
    expect(validateDefinition({ ...v1, items: [v1.items[0], v1.items[0]] })).toEqual([
      { path: '/items/1/key', code: 'duplicate_key', message: 'key "recorded" is used twice' },
    ]);
  });
});

describe('the definitions API, with no other list edited', () => {
  it('lists the kind (its name is in the enum of kinds), empty at first', async () => {
    expect(await designer.get('/api/definitions?kind=checklist')).toMatchObject({ status: 200, body: [] });
    expect((await designer.get('/api/definitions?kind=checklists')).status).toBe(400);
  });

  it('creating a bad document is 400 invalid_definition with the path', async () => {
    const res = await designer.post('/api/definitions', { ...v1, key: 'Bad Key' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_definition', errors: [{ path: '/key', code: 'pattern', message: 'has the wrong format' }] });
  });

  it('validates without saving: the schema\'s and the kind\'s own issues, each with its path', async () => {
    const res = await designer.post('/api/definitions/validate', { ...v1, label: {}, items: [v1.items[0], { key: 'recorded' }] });
    expect(res.body).toEqual({
      valid: false,
      issues: [
        { path: '/label/zh', code: 'required', message: 'is required' },
        { path: '/label/en', code: 'required', message: 'is required' },
        { path: '/items/1/label', code: 'required', message: 'is required' },
      ],
    });
    const semantic = await designer.post('/api/definitions/validate', { ...v1, items: [v1.items[0], v1.items[0]] });
    expect(semantic.body).toEqual({ valid: false, issues: [{ path: '/items/1/key', code: 'duplicate_key', message: 'key "recorded" is used twice' }] });
  });

  it('keeps a draft that does not validate, and refuses to publish it: 400 with the path', async () => {
    expect((await designer.post('/api/definitions', v1)).status).toBe(201);
    const broken = { ...v1, items: [v1.items[0], v1.items[0]] };
    const saved = await designer.put('/api/definitions/checklist/consent/draft', broken);
    expect(saved).toMatchObject({ status: 200, body: { draft: broken, issues: [{ path: '/items/1/key', code: 'duplicate_key' }] } });
    const refused = await designer.post('/api/definitions/checklist/consent/publish', { message: 'first' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'invalid_definition', errors: [{ path: '/items/1/key', code: 'duplicate_key', message: 'key "recorded" is used twice' }] });
    expect((await designer.get('/api/definitions/checklist/consent')).body).toMatchObject({ version: 0, published: null });
  });

  it('publishes v1 and v2, lists both versions, and diffs them', async () => {
    await designer.put('/api/definitions/checklist/consent/draft', v1);
    expect(await designer.post('/api/definitions/checklist/consent/publish', { message: 'first' })).toMatchObject({ status: 200, body: { version: 1 } });
    await designer.put('/api/definitions/checklist/consent/draft', v2);
    expect(await designer.post('/api/definitions/checklist/consent/publish', { message: 'one more item' })).toMatchObject({ status: 200, body: { version: 2 } });

    const head = await designer.get('/api/definitions/checklist/consent');
    expect(head.body).toMatchObject({ kind: 'checklist', key: 'consent', version: 2, published: v2, draft: null });
    const versions = await designer.get('/api/definitions/checklist/consent/versions');
    expect(versions.body.map((v: { version: number; message: string }) => [v.version, v.message])).toEqual([[2, 'one more item'], [1, 'first']]);
    expect((await designer.get('/api/definitions/checklist/consent/versions/1')).body.definition).toEqual(v1);

    const diff = await designer.get('/api/definitions/checklist/consent/diff?from=1&to=2');
    expect(diff.body).toEqual({
      from: '1', to: '2',
      changes: [
        { change: 'changed', path: '/label/en', target: 'property', before: 'Consent', after: 'Consent checks' },
        { change: 'changed', path: '/items', target: 'property', before: v1.items, after: v2.items },
      ],
    });
    expect((await designer.get('/api/definitions?kind=checklist')).body).toMatchObject([{ key: 'consent', version: 2, hasDraft: false }]);
  });

  it('rolls back to v1 as v3', async () => {
    const res = await designer.post('/api/definitions/checklist/consent/rollback', { version: 1, message: 'back' });
    expect(res).toMatchObject({ status: 200, body: { version: 3 } });
    expect((await designer.get('/api/definitions/checklist/consent')).body).toMatchObject({ version: 3, published: v1 });
  });

  it('is read by designers only, as the kind does not say everyone reads it', async () => {
    expect((await agent1.get('/api/definitions/checklist/consent')).status).toBe(404);
    expect((await agent1.get('/api/definitions?kind=checklist')).body).toEqual([]);
  });

  it('is in the OpenAPI description: the enum of kinds names it', async () => {
    const doc = JSON.parse((await designer.get('/api/openapi.json')).text);
    const kindParam = doc.paths['/api/definitions'].get.parameters.find((p: { name: string }) => p.name === 'kind');
    expect(kindParam.schema.enum).toEqual(['entity', 'role', 'pool', 'flow', 'dispositions', 'agent-states', 'campaign', 'report', 'dashboard', 'checklist']);
  });
});
