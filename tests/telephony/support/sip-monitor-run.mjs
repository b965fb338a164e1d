// Run by sip-monitor.test.ts as `unshare -n node sip-monitor-run.mjs`: a network namespace holding only loopback.
// Kamailio, the runtime with TELEPHONY=sip, and three sip.js UAs with werift media that each send frames of their own
// constant byte (so a received frame says whose audio it is, and a mixed one is the byte mixUlaw gives): the caller,
// agent 1 and the supervisor (lead), whose phones answer by themselves. The caller reaches the service queue and
// agent 1 answers; the supervisor listens, whispers, barges in, through the calls API (as the wallboard's buttons do),
// and leaves. Each phase is measured by what each side hears. Prints one JSON line.
import { randomBytes } from 'node:crypto';
import { mixUlaw } from '@telesales/telephony/endpoint/index';
import { callServiceQueue, phone, runInStage, signIn, sleep, startStage, until } from './sip-stage.mjs';

const CALLER = '13912345678';
const TONE = { caller: 0x22, agent: 0x11, lead: 0x44 };
const mixOf = (...bytes) => mixUlaw(bytes.map((b) => Buffer.alloc(160, b)))[0];
const MIX = {
  callerAgent: mixOf(TONE.caller, TONE.agent),
  callerLead: mixOf(TONE.caller, TONE.lead),
  agentLead: mixOf(TONE.agent, TONE.lead),
};
const SILENCE = 0xff;
const secret = randomBytes(24).toString('base64url');

await runInStage(async (run) => {
  const { result, mark } = run;
  const stage = run.stage = await startStage('sip-monitor', secret);
  const { server, app } = stage;
  mark('runtime');

  const a1 = await signIn(app, 'agent1', 'agent123');
  const lead = await signIn(app, 'lead', 'lead123');
  await app.db.collection('skill_groups').updateOne({ key: 'service' }, { $set: { members: [a1.user.id] } });
  const agent = await phone(server, secret, a1.user.id, TONE.agent, { autoAnswer: true });
  const supervisor = await phone(server, secret, lead.user.id, TONE.lead, { autoAnswer: true });
  run.phones.push(agent, supervisor);
  if ((await a1.api('PUT', '/api/telephony/state', { state: 'ready' })).status !== 200) throw new Error('agent1 not ready');

  const caller = await phone(server, secret, CALLER, TONE.caller);
  run.phones.push(caller);
  const callId = await callServiceQueue(app, server, caller);
  const call = () => app.db.collection('calls').findOne({ _id: callId });
  await until('agent1 talking', 20_000, async () => (await call())?.status === 'talking');
  await until('audio both ways', 15_000, () => caller.heardOf(TONE.agent) >= 4000 && agent.heardOf(TONE.caller) >= 4000);
  mark('bridged');

  const kinds = [TONE.caller, TONE.agent, TONE.lead, MIX.callerAgent, MIX.callerLead, MIX.agentLead, SILENCE, 'other'];
  const names = { ...TONE, ...MIX, silence: SILENCE };
  const sides = { caller, agent, lead: supervisor };
  const snapshot = () => Object.fromEntries(Object.entries(sides).map(([n, p]) => [n, Object.fromEntries(kinds.map((k) => [k, p.heardOf(k)]))]));
  async function measure() {
    await sleep(500);
    const before = snapshot();
    await sleep(1500);
    const after = snapshot();
    const out = {};
    for (const side of Object.keys(after)) {
      out[side] = Object.fromEntries(kinds.map((k) => [k === 'other' ? 'other' : Object.entries(names).find(([, v]) => v === k)[0], after[side][k] - before[side][k]]));
    }
    return out;
  }
  const monitor = async (mode) => {
    const res = await lead.api('POST', `/api/calls/${callId}/monitor`, { mode });
    return { status: res.status, code: res.body?.code ?? null };
  };
  const phases = {};

  phases.listen = { response: await monitor('listen') };
  await until('the supervisor\'s phone answered', 15_000, () => supervisor.heardOf(MIX.callerAgent) >= 1600);
  result.invite = supervisor.invites.at(-1);
  Object.assign(phases.listen, await measure());
  phases.whisper = { response: await monitor('whisper') };
  Object.assign(phases.whisper, await measure());
  phases.barge = { response: await monitor('barge') };
  Object.assign(phases.barge, await measure());
  phases.stop = { response: (await lead.api('POST', `/api/calls/${callId}/monitor/stop`)).status };
  await until('the supervisor\'s phone hung up', 5000, () => supervisor.session?.state === 'Terminated');
  Object.assign(phases.stop, await measure());
  result.phases = phases;
  result.invites = supervisor.invites.length;
  result.monitors = ((await call()).monitors ?? []).map((m) => `${m.mode}:${m.to ? 'closed' : 'open'}`);
  mark('phases');
}, { mix: MIX });
