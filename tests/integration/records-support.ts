// Shared by the records-* suites: the demo data's facts, a test entity with every field type, helpers.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Db } from 'mongodb';
import type { ApiClient, RuntimeFixture } from '../support/runtime-fixture.js';

interface DemoRecord { id: string; owner?: string; values: Record<string, any> }

export const DEMO: DemoRecord[] = JSON.parse(
  readFileSync(new URL('../../templates/insurance/demo/customers.json', import.meta.url), 'utf8'),
);
export const demoOf = (owner: string | undefined) => DEMO.filter((r) => r.owner === owner);

/** The forms a stored (E.164) Chinese mobile may take in a response: none of them may leak. */
export function phoneForms(national: string): string[] {
  return [national, `+86${national}`, `86${national}`];
}

/** Every demo phone: a masked reader's response must contain none of them, in any form. */
export const ALL_DEMO_PHONES = DEMO.flatMap((r) => phoneForms(String(r.values.phone)));

export function expectNoPhones(text: string, phones: string[] = ALL_DEMO_PHONES) {
  const leaked = phones.filter((p) => text.includes(p));
  expect(leaked, `unmasked numbers in: ${text.slice(0, 300)}`).toEqual([]);
}

const uuid = () => randomUUID();
const label = (en: string, zh = en) => ({ zh, en });
const option = (value: string, extra: object = {}) => ({ id: uuid(), value, label: label(value.toUpperCase(), `选项${value}`), ...extra });

/** A test entity using every filterable field type, plus a hidden, a read-only and an agent-read-only field. */
export function prospectEntity() {
  return {
    kind: 'entity', schemaVersion: 1, id: uuid(), key: 'prospect', label: label('Prospect', '潜客'),
    titleField: 'name', owned: true,
    fields: [
      { id: uuid(), key: 'name', label: label('Name', '姓名'), type: 'text', required: true, searchable: true, sortable: true, showInList: true },
      { id: uuid(), key: 'code', label: label('Code', '编号'), type: 'text', unique: true, searchable: true },
      { id: uuid(), key: 'phone', label: label('Mobile', '手机号'), type: 'phone', masked: true, unique: true, searchable: true, showInList: true, defaultCountry: 'CN' },
      { id: uuid(), key: 'age', label: label('Age', '年龄'), type: 'integer', min: 0, max: 150, sortable: true },
      { id: uuid(), key: 'score', label: label('Score', '评分'), type: 'decimal', searchable: true },
      { id: uuid(), key: 'amount', label: label('Amount', '金额'), type: 'money', currency: 'CNY', decimals: 2 },
      { id: uuid(), key: 'birthday', label: label('Birthday', '生日'), type: 'date' },
      { id: uuid(), key: 'next_call', label: label('Next call', '下次联系'), type: 'datetime' },
      { id: uuid(), key: 'vip', label: label('VIP'), type: 'boolean' },
      { id: uuid(), key: 'level', label: label('Level', '等级'), type: 'select', searchable: true, options: [option('gold'), option('silver'), option('bronze', { retired: true })] },
      { id: uuid(), key: 'products', label: label('Products', '产品'), type: 'multiselect', options: [option('life'), option('health'), option('car')] },
      { id: uuid(), key: 'tags', label: label('Tags', '标签'), type: 'tags', searchable: true },
      { id: uuid(), key: 'email', label: label('Email', '邮箱'), type: 'email', searchable: true },
      { id: uuid(), key: 'address', label: label('Address', '地址'), type: 'address' },
      { id: uuid(), key: 'status', label: label('Status', '状态'), type: 'select', required: true, default: 'new', options: [option('new'), option('done')] },
      { id: uuid(), key: 'secret', label: label('Secret', '机密'), type: 'text', access: { agent: 'hidden', supervisor: 'hidden' } },
      { id: uuid(), key: 'policy_no', label: label('Policy no.', '保单号'), type: 'text', readOnly: true },
      { id: uuid(), key: 'audit', label: label('Audit', '审核'), type: 'text', access: { agent: 'read' } },
      { id: uuid(), key: 'old_field', label: label('Old', '旧字段'), type: 'text', retired: true },
    ],
    duplicateKeys: [['name', 'birthday']],
  };
}

/** Creates (or updates) and publishes a definition through the API, as the admin would in the builder. */
export async function publish(admin: ApiClient, def: { kind: string; key: string }, message = 'test') {
  const exists = await admin.get(`/api/definitions/${def.kind}/${def.key}`);
  const saved = exists.status === 200
    ? await admin.put(`/api/definitions/${def.kind}/${def.key}/draft`, def)
    : await admin.post('/api/definitions', def);
  expect(saved.status, saved.text).toBeLessThan(300);
  return admin.post(`/api/definitions/${def.kind}/${def.key}/publish`, { message });
}

export const filterParam = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));
export const ids = (res: { body: { items: Array<{ id: string }> } }) => res.body.items.map((r) => r.id).sort();

/** The runtime's database (the app decorates it; its type augmentation lives in the runtime's db plugin). */
export const dbOf = (rt: RuntimeFixture): Db => (rt.app as unknown as { db: Db }).db;
