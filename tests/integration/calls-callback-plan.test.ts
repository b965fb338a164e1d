import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallJson } from '@telesales/schemas';
import type { ApiClient } from '../support/runtime-fixture.js';
import { ENTRY_NUMBER, MA_FANG, startCallsRuntime, type CallsFixture } from './calls-support.js';

let fx: CallsFixture;
let admin: ApiClient;
let agent1: ApiClient;

beforeAll(async () => {
  fx = await startCallsRuntime();
  [admin, agent1] = await Promise.all([fx.rt.login('admin'), fx.rt.login('agent1')]);
});
afterAll(async () => {
  await fx?.close();
});

describe('预约回访 (callback): the next contact lands on the customer', () => {
  it('disposing "callback" with a time fills the customer\'s next contact, and the operation log has the change', async () => {
    expect((await agent1.put('/api/telephony/state', { state: 'ready' })).status).toBe(200);
    const res = await admin.post<CallJson>('/api/calls/simulate-inbound', { from: MA_FANG.phone, to: ENTRY_NUMBER, digits: [{ afterMs: 500, digits: '1' }] });
    const callId = res.body.id;
    await fx.advance(10_000);
    expect((await agent1.post(`/api/calls/${callId}/answer`)).status).toBe(200);
    await fx.advance(20_000);
    expect((await agent1.post(`/api/calls/${callId}/hangup`)).status).toBe(200);
    const before = (await agent1.get(`/api/records/customer/${MA_FANG.id}`)).body.values.next_contact ?? null;

    const contactAt = '2026-05-06T06:30:00.000Z';
    const disposed = await agent1.post<CallJson>(`/api/calls/${callId}/disposition`, { key: 'callback', contactAt, note: '周三下午回电' });
    expect(disposed.status).toBe(200);
    expect(disposed.body.disposition).toMatchObject({ key: 'callback', contactAt });

    const record = await agent1.get(`/api/records/customer/${MA_FANG.id}`);
    expect(record.body.values.next_contact).toBe(contactAt);
    const log = await agent1.get(`/api/records/customer/${MA_FANG.id}/log`);
    expect(log.body[0]).toMatchObject({
      action: 'update', by: { id: agent1.userId },
      changes: [{ field: 'next_contact', label: '下次联系', before, after: contactAt }],
    });
  });

  it('a dispositions definition may set a field only from an outcome that asks for the contact time', async () => {
    const published = (await admin.get('/api/definitions/dispositions/default')).body.published;
    expect(published.outcomes.find((o: { key: string }) => o.key === 'callback')).toMatchObject({ asksContactPlan: true, setsField: 'next_contact' });
    const outcomes = published.outcomes.map((o: { key: string }) => (o.key === 'interested' ? { ...o, setsField: 'next_contact' } : o));
    const index = outcomes.findIndex((o: { key: string }) => o.key === 'interested');
    const res = await admin.post('/api/definitions/validate', { ...published, outcomes });
    expect(res.body).toEqual({
      valid: false,
      issues: [expect.objectContaining({ path: `/outcomes/${index}/setsField`, code: 'sets_field_needs_plan', message: '只有要求填写下次联系时间的结果才能写入字段 “next_contact”' })],
    });
  });
});
