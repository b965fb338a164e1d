// Shared by the definitions-* and template suites: a test entity ("policy") in two versions, the demo
// The runtime's `declare module 'fastify'` augmentations, for typed access to app.db, app.definitions, app.permissions.
import type {} from '@telesales/runtime/db/plugin';
import type {} from '@telesales/runtime/definitions/store';
import type {} from '@telesales/runtime/auth/permissions';
// customer entity as shipped, and an English-speaking administrator.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { RuntimeFixture, ApiClient } from '../support/runtime-fixture.js';

export const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
export const ADMIN_NAME = '管理员 Admin';

const label = (en: string, zh: string) => ({ zh, en });

/** The customer entity of the insurance template, as published by the installer (no $schema). */
export function shippedCustomer(): any {
  const raw = JSON.parse(readFileSync(new URL('../../templates/insurance/entities/customer.json', import.meta.url), 'utf8'));
  delete raw.$schema;
  return raw;
}

/** Stable ids for one test entity, so versions of it can be compared field by field. */
export function policyIds() {
  return {
    entity: randomUUID(), section: randomUUID(), no: randomUUID(), holder: randomUUID(), plan: randomUUID(),
    premium: randomUUID(), notes: randomUUID(), start: randomUUID(), gold: randomUUID(), silver: randomUUID(),
    bronze: randomUUID(), platinum: randomUUID(),
  };
}
export type PolicyIds = ReturnType<typeof policyIds>;

export function policyV1(ids: PolicyIds, key = 'policy'): any {
  return {
    kind: 'entity', schemaVersion: 1, id: ids.entity, key, label: label('Policy', '保单'), titleField: 'policy_no', owned: true,
    sections: [{ id: ids.section, key: 'main', label: label('Main', '主要'), order: 1 }],
    fields: [
      {
        id: ids.no, key: 'policy_no', label: label('Policy no.', '保单号'), type: 'text', required: true, unique: true,
        pattern: '^P\\d{8}$', patternMessage: label('P and 8 digits', 'P 加 8 位数字'), section: 'main', order: 10,
      },
      { id: ids.holder, key: 'holder', label: label('Holder', '投保人'), type: 'text', section: 'main', order: 20 },
      {
        id: ids.plan, key: 'plan', label: label('Plan', '方案'), type: 'select', order: 30,
        options: [
          { id: ids.gold, value: 'gold', label: label('Gold', '金') },
          { id: ids.silver, value: 'silver', label: label('Silver', '银') },
          { id: ids.bronze, value: 'bronze', label: label('Bronze', '铜') },
        ],
      },
      { id: ids.premium, key: 'premium', label: label('Premium', '保费'), type: 'money', currency: 'CNY', decimals: 2, order: 40 },
      { id: ids.notes, key: 'uw_notes', label: label('Underwriting notes', '核保意见'), type: 'longtext', access: { agent: 'hidden' }, order: 50 },
    ],
  };
}

/**
 * v2: "holder" renamed to "holder_name" (key and English label), "premium" removed, "start_date" added,
 * option "platinum" added and "bronze" retired, and "plan" moved to the front.
 */
export function policyV2(ids: PolicyIds): any {
  const v1 = policyV1(ids);
  const [no, holder, plan, , notes] = v1.fields;
  const renamed = { ...holder, key: 'holder_name', label: label('Policy holder', '投保人') };
  const plan2 = {
    ...plan,
    options: [
      plan.options[0], plan.options[1], { ...plan.options[2], retired: true },
      { id: ids.platinum, value: 'platinum', label: label('Platinum', '白金') },
    ],
  };
  const start = { id: ids.start, key: 'start_date', label: label('Start', '生效日期'), type: 'date', order: 60 };
  return { ...v1, fields: [plan2, no, renamed, notes, start] };
}

/** A person with the admin role who reads messages in English (the demo admin's locale is zh). */
export async function englishAdmin(rt: RuntimeFixture, admin: ApiClient, login = 'designer'): Promise<ApiClient> {
  const res = await admin.post('/api/users', { login, name: 'Designer', password: 'designer123', role: 'admin', locale: 'en' });
  if (res.status !== 201) throw new Error(`creating ${login}: ${res.status} ${res.text}`);
  return rt.login(login, 'designer123');
}
