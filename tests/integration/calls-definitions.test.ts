import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDefinition } from '@telesales/schemas';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';

const label = { zh: '甲', en: 'A' };
const states = (list: { key: string; kind: string }[]) => ({
  kind: 'agent-states', schemaVersion: 1, id: '11111111-2222-4333-8444-555555555555', key: 'default', label,
  states: list.map((s) => ({ ...s, label })),
});

describe('definition checks', () => {
  it('agent states: exactly one ready state, unique keys, busy and wrap-up present', () => {
    expect(validateDefinition(states([{ key: 'ready', kind: 'ready' }, { key: 'busy', kind: 'busy' }, { key: 'acw', kind: 'wrapup' }]))).toEqual([]);
    const twoReady = validateDefinition(states([{ key: 'a', kind: 'ready' }, { key: 'b', kind: 'ready' }, { key: 'busy', kind: 'busy' }, { key: 'acw', kind: 'wrapup' }]));
    expect(twoReady).toEqual([{ path: '/states', code: 'one_ready_state', message: 'there must be exactly one ready state (there are 2)' }]);
    const dup = validateDefinition(states([{ key: 'ready', kind: 'ready' }, { key: 'busy', kind: 'busy' }, { key: 'busy', kind: 'wrapup' }]));
    expect(dup.map((i) => [i.path, i.code])).toEqual([['/states/2/key', 'duplicate_key']]);
  });

  it('dispositions: at least one outcome, unique keys', () => {
    const base = { kind: 'dispositions', schemaVersion: 1, id: '11111111-2222-4333-8444-555555555556', key: 'default', label };
    expect(validateDefinition({ ...base, outcomes: [] }).map((i) => i.code)).toEqual(['minItems']);
    const dup = validateDefinition({ ...base, outcomes: [{ key: 'deal', label }, { key: 'deal', label, requiresNote: true }] });
    expect(dup.map((i) => [i.path, i.code])).toEqual([['/outcomes/1/key', 'duplicate_key']]);
  });
});

describe('published call definitions', () => {
  let rt: RuntimeFixture;
  let agent: ApiClient;
  beforeAll(async () => {
    rt = await startRuntime();
    agent = await rt.login('agent1');
  });
  afterAll(async () => rt?.close());

  it('the template publishes both; every agent reads the published ones (not drafts)', async () => {
    const list = await agent.get('/api/definitions?kind=dispositions');
    expect(list.body.map((d: { key: string }) => d.key)).toEqual(['default']);
    const head = await agent.get('/api/definitions/dispositions/default');
    expect(head.status).toBe(200);
    expect(head.body.published.outcomes.map((o: { key: string }) => o.key)).toEqual(
      ['busy', 'no_answer', 'empty_number', 'switched_off', 'not_interested', 'callback', 'interested', 'deal']);
    expect(head.body.draft).toBeNull();
    const statesHead = await agent.get('/api/definitions/agent-states/default');
    expect(statesHead.body.published.states.find((s: { key: string }) => s.key === 'wrapup')).toMatchObject({ kind: 'wrapup', maxSec: 60 });
    expect((await agent.post('/api/definitions', states([{ key: 'ready', kind: 'ready' }]))).status).toBe(403);
  });
});
