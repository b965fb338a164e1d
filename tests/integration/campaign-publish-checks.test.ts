// A task's publish checks against the other definitions and the organisation: the entity and the fields its list
// columns and script name, the dispositions it offers and its rules name (a callback needs an outcome that asks for a
// time), its agents, and progressive concurrency against the number of agents. Each problem carries its JSON path
// and a sentence in the reader's language; fixed, the same task publishes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';
import { englishAdmin } from './definitions-support.js';

let rt: RuntimeFixture;
let admin: ApiClient;
let designer: ApiClient;

beforeAll(async () => {
  rt = await startRuntime();
  admin = await rt.login('admin');
  designer = await englishAdmin(rt, admin);
});
afterAll(async () => rt?.close());

const SALES_A = '23e72191-90a6-42d0-b71b-8832e2442338'; // the template's team: lead, agent1, agent2
const office = ['09:00-12:00', '13:30-18:00'];

function task(extra: Record<string, unknown> = {}): any {
  return {
    kind: 'campaign', schemaVersion: 1, id: randomUUID(), key: 'renewal_check', label: { zh: '续保', en: 'Renewal' },
    entity: 'customer', columns: [{ column: '姓名', field: 'name' }, { column: '保单', field: 'policy_no' }],
    agents: [{ type: 'team', ref: SALES_A }, { type: 'user', ref: 'no-such-user' }, { type: 'role', ref: 'agent' }, { type: 'role', ref: 'ghost' }],
    schedule: { timeZone: 'Asia/Shanghai', week: { mon: office } },
    dialMode: 'progressive', maxConcurrent: 2,
    script: { zh: '您好 {{name}}，{{nickname}}', en: 'Hello {{name}} from {{agent}}' },
    dispositions: { definition: 'default', offered: ['interested', 'callback', 'remove_me'] },
    rules: [
      { id: randomUUID(), disposition: 'callback', action: 'callback' },
      { id: randomUUID(), disposition: 'interested', action: 'callback' },
      { id: randomUUID(), disposition: 'remove_me', action: 'doNotCall' },
    ],
    ...extra,
  };
}

describe('publishing a task checks it against the other definitions', () => {
  it('every reference that names nothing is refused on its path, in English and in Chinese', async () => {
    expect((await designer.post('/api/definitions', task())).status).toBe(201);
    const res = await designer.post('/api/definitions/campaign/renewal_check/publish', { message: 'first' });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([
      { path: '/columns/1/field', code: 'unknown_field', message: 'Entity "customer" has no field "policy_no"' },
      { path: '/script/zh', code: 'unknown_token', message: '{{nickname}} in the script is not a field of entity "customer"' },
      { path: '/dispositions/offered/2', code: 'unknown_disposition', message: 'Call outcomes "default" have no outcome "remove_me"' },
      { path: '/rules/1/action', code: 'callback_without_time', message: 'The outcome "interested" does not ask the agent for the next contact\'s time, so there is no time to call back' },
      { path: '/rules/2/disposition', code: 'unknown_disposition', message: 'Call outcomes "default" have no outcome "remove_me"' },
      { path: '/agents/1', code: 'unknown_principal', message: 'The user "no-such-user" does not exist or is disabled' },
      { path: '/agents/3', code: 'unknown_principal', message: 'The role "ghost" does not exist or is disabled' },
      { path: '/maxConcurrent', code: 'concurrency_below_agents', message: 'is below the 3 lines progressive dialling needs for 3 agents at 1 per agent' },
    ]);
    const zh = await admin.post('/api/definitions/campaign/renewal_check/publish', { message: 'first' });
    expect(zh.body.errors.map((e: any) => e.message).slice(0, 2)).toEqual([
      '实体 “customer” 没有字段 “policy_no”',
      '话术中的 {{nickname}} 不是实体 “customer” 的字段',
    ]);
    expect((await admin.get('/api/definitions/campaign/renewal_check')).body.version).toBe(0);
  });

  it('an unknown entity or dispositions definition is refused at its own path', async () => {
    const def = task({ key: 'elsewhere', entity: 'starship', dispositions: { definition: 'nope' }, rules: [], agents: [], columns: [] });
    expect((await designer.post('/api/definitions', def)).status).toBe(201);
    const res = await designer.post('/api/definitions/campaign/elsewhere/publish', { message: 'x' });
    expect(res.body.errors).toEqual([
      { path: '/entity', code: 'unknown_entity', message: 'Entity "starship" does not exist or is not published' },
      { path: '/dispositions/definition', code: 'unknown_dispositions', message: 'Call outcomes definition "nope" does not exist or is not published' },
    ]);
  });

  it('fixed, the task publishes', async () => {
    const current = (await designer.get('/api/definitions/campaign/renewal_check')).body.draft;
    const fixed = {
      ...current, columns: [{ column: '姓名', field: 'name' }], maxConcurrent: 3,
      agents: [{ type: 'team', ref: SALES_A }, { type: 'role', ref: 'agent' }],
      script: { zh: '您好 {{name}}', en: 'Hello {{values.name}} from {{agent}}' },
      dispositions: { definition: 'default', offered: ['interested', 'callback'] },
      rules: [current.rules[0]],
    };
    expect((await designer.put('/api/definitions/campaign/renewal_check/draft', fixed)).status).toBe(200);
    const res = await designer.post('/api/definitions/campaign/renewal_check/publish', { message: 'fixed' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
  });
});
