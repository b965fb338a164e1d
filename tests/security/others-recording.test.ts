// Attack: agent2 downloads the recording of a conversation agent1 had with a customer, the voicemail a caller
// left, or the recording of a call agent2 was only asked to join (a consultation they declined). A recording
// is for those who were on the call and those whose data scope covers its agent; anyone else gets 404.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type ApiClient, type RuntimeFixture } from '../support/runtime-fixture.js';

const dataDir = mkdtempSync(join(tmpdir(), 'others-recording-'));
const AUDIO = Buffer.from('RIFF....WAVE the conversation');
const CALLER = '13933330001';

let fx: RuntimeFixture;
let admin: ApiClient;
let agent1: ApiClient;
let agent2: ApiClient;
let lead: ApiClient;
const ids = { conversation: randomUUID(), voicemail: randomUUID(), declinedConsult: randomUUID() };

/** A finished inbound call as the calls service stores it, with its recording file on disk. */
async function storeCall(id: string, folder: 'recordings' | 'voicemail', fields: Record<string, unknown>) {
  mkdirSync(join(dataDir, folder), { recursive: true });
  writeFileSync(join(dataDir, folder, `${id}.wav`), AUDIO);
  const at = new Date('2026-05-04T02:00:00Z');
  await fx.app.db.collection('calls').insertOne({
    _id: id as never, direction: 'in', from: CALLER, to: '4008001234', phoneEntity: 'customer', agentId: null, customer: null,
    ringAt: at, endAt: at, talkSec: 30, status: 'ended', recording: { file: `${folder}/${id}.wav` }, updatedAt: at, ...fields,
  });
}

beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  fx = await startRuntime();
  [admin, agent1, agent2, lead] = await Promise.all(['admin', 'agent1', 'agent2', 'lead'].map((n) => fx.login(n)));
  const joinAt = new Date('2026-05-04T02:00:05Z');
  await storeCall(ids.conversation, 'recordings', { agentId: agent1.userId, answerAt: joinAt, participants: [{ agentId: agent1.userId, role: 'agent', joinAt }] });
  // Rang agent2, who let it ring out; the caller then left a message.
  await storeCall(ids.voicemail, 'voicemail', { declined: [agent2.userId], voicemailSec: 12 });
  // agent1 asked agent2 to join; agent2 declined and never heard the caller.
  await storeCall(ids.declinedConsult, 'recordings', {
    agentId: agent1.userId, answerAt: joinAt,
    participants: [{ agentId: agent1.userId, role: 'agent', joinAt }, { agentId: agent2.userId, role: 'consult', invitedAt: joinAt, leftAt: joinAt, left: 'declined' }],
  });
});
afterAll(async () => {
  await fx?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const recording = (client: ApiClient, id: string) => client.request('GET', `/api/calls/${id}/recording`, undefined, { 'accept-language': 'en' });

describe("the recording of a call agent2 did not take", () => {
  it("agent2 gets neither agent1's conversation nor the voicemail, nor even the call: 404", async () => {
    for (const id of [ids.conversation, ids.voicemail]) {
      const res = await recording(agent2, id);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'call_not_found', message: 'The call does not exist' });
      expect(res.text).not.toContain('conversation');
      expect((await agent2.get(`/api/calls/${id}`)).status).toBe(404);
    }
  });

  it('agent2, who declined the consultation, may see the call but not hear its recording', async () => {
    expect((await agent2.get(`/api/calls/${ids.declinedConsult}`)).status).toBe(200);
    const res = await recording(agent2, ids.declinedConsult);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('conversation');
  });

  it("the call's agent, their supervisor and the admin hear it; the voicemail is the admin's", async () => {
    for (const client of [agent1, lead, admin]) {
      const res = await recording(client, ids.conversation);
      expect(res.status, client.login).toBe(200);
      expect(res.text).toBe(AUDIO.toString());
    }
    expect((await recording(admin, ids.voicemail)).status).toBe(200);
    expect((await recording(agent1, ids.voicemail)).status).toBe(404);
  });
});
