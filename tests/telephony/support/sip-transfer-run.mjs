// Run by sip-transfer.test.ts as `unshare -n node sip-transfer-run.mjs`: a network namespace holding only loopback.
// Kamailio, the runtime with TELEPHONY=sip, and three sip.js UAs with werift media: the caller and two agents whose
// phones answer by themselves (the click-to-call customer's has plain RTP, as a trunk's line). Each UA sends frames of its own constant byte, so a frame a side receives says
// whose audio it is, and a mixed frame (two agents, or the caller and an agent) is the constant byte mixUlaw gives.
// Through the calls API (as the console does in sip mode): agent1 consults agent2, makes it a conference, leaves it;
// agent2 transfers the caller blind back to agent1; agent1 consults agent2 again and cancels, then consults and
// completes the transfer. Each phase is measured by what each side hears. Prints one JSON line.
import { randomBytes } from 'node:crypto';
import { mixUlaw } from '@telesales/telephony/endpoint/index';
import { bye, callServiceQueue, phone, runInStage, signIn, sleep, startStage, until } from './sip-stage.mjs';

/** A customer agent1 owns in the template (the click-to-call part). */
const MA_FANG = '883415ea-61df-4ed9-9a3b-98a4de3c1028';
const CALLER = '13912345678';
const TONE = { caller: 0x22, agent1: 0x11, agent2: 0x33 };
const mixOf = (...bytes) => mixUlaw(bytes.map((b) => Buffer.alloc(160, b)))[0];
const MIX = {
  agents: mixOf(TONE.agent1, TONE.agent2),
  callerAgent2: mixOf(TONE.caller, TONE.agent2),
  callerAgent1: mixOf(TONE.caller, TONE.agent1),
};
/** Mu-law silence: what a leg hears when nobody is heard (the hold tones leave 2.2 s of it every 3 s). */
const SILENCE = 0xff;
const secret = randomBytes(24).toString('base64url');

await runInStage(async (run) => {
  const { result, mark } = run;
  const phones = run.phones;
  const stage = run.stage = await startStage('sip-transfer', secret);
  const { server, app } = stage;
  mark('runtime');

  const a1 = await signIn(app, 'agent1', 'agent123');
  const a2 = await signIn(app, 'agent2', 'agent123');
  await app.db.collection('skill_groups').updateOne({ key: 'service' }, { $addToSet: { members: a1.user.id } });
  const agent1 = await phone(server, secret, a1.user.id, TONE.agent1, { autoAnswer: true });
  const agent2 = await phone(server, secret, a2.user.id, TONE.agent2, { autoAnswer: true });
  phones.push(agent1, agent2);
  const ready = async (who) => {
    const res = await who.api('PUT', '/api/telephony/state', { state: 'ready' });
    if (res.status !== 200) throw new Error(`agent state: ${JSON.stringify(res.body)}`);
  };
  await ready(a1);
  await ready(a2);

  // ---- The caller reaches the service queue; agent1's phone rings and answers.
  const caller = await phone(server, secret, CALLER, TONE.caller);
  phones.push(caller);
  const callId = await callServiceQueue(app, server, caller);
  const calls = app.db.collection('calls');
  const call = () => calls.findOne({ _id: callId });
  await until('agent1 talking', 20_000, async () => (await call())?.status === 'talking');
  await until('audio both ways', 15_000, () => caller.heardOf(TONE.agent1) >= 4000 && agent1.heardOf(TONE.caller) >= 4000);
  mark('bridged');

  /** Bytes of each kind each side hears during a window, after frames already in flight have arrived. */
  const kinds = [TONE.caller, TONE.agent1, TONE.agent2, MIX.agents, MIX.callerAgent1, MIX.callerAgent2, SILENCE, 'other'];
  /** The phones measured: the outside party (the caller, later the click-to-call customer) and the two agents. */
  const sides = { caller, agent1, agent2 };
  const snapshot = () => Object.fromEntries(Object.entries(sides)
    .map(([name, p]) => [name, Object.fromEntries(kinds.map((k) => [k, p.heardOf(k)]))]));
  async function measure() {
    await sleep(500);
    const before = snapshot();
    await sleep(1500);
    const after = snapshot();
    const out = {};
    for (const side of Object.keys(after)) {
      const named = {};
      for (const k of kinds) {
        const label = k === 'other' ? 'other' : Object.entries({ ...TONE, ...MIX, silence: SILENCE }).find(([, v]) => v === k)[0];
        named[label] = after[side][k] - before[side][k];
      }
      out[side] = named;
    }
    return out;
  }
  const post = async (who, step, body) => {
    const res = await who.api('POST', `/api/calls/${callId}/${step}`, body);
    return { status: res.status, code: res.body?.code };
  };
  const phases = {};

  // ---- Attended transfer: agent1 consults agent2 while the caller waits on hold.
  phases.consult = { response: await post(a1, 'consult', { to: { type: 'agent', ref: a2.user.id } }) };
  await until('consultation answered', 15_000, async () => (await call())?.consult?.status === 'talking');
  result.consultInvite = agent2.invites.at(-1);
  Object.assign(phases.consult, await measure());

  // ---- All three: the caller hears both agents mixed, each agent the caller and the other agent.
  phases.conference = { response: await post(a1, 'conference') };
  Object.assign(phases.conference, await measure());

  // ---- agent1 hangs up their phone: the conference goes on as a call between the caller and agent2.
  await bye(agent1);
  await until('agent2 owns the call', 10_000, async () => (await call())?.agentId === a2.user.id);
  phases.afterLeave = await measure();
  result.afterLeave = { conference: !!(await call()).conference };

  // ---- Blind transfer back to agent1 (ready again after disposing their part).
  const disposed = await a1.api('POST', `/api/calls/${callId}/disposition`, { key: 'interested' });
  result.agent1Disposed = disposed.status;
  await ready(a1);
  phases.blind = { response: await post(a2, 'transfer', { type: 'agent', to: a1.user.id }) };
  await until('agent1 talking again', 20_000, async () => { const d = await call(); return d?.status === 'talking' && d.agentId === a1.user.id; });
  phases.blind = { ...phases.blind, ...(await measure()) };

  // ---- Consult agent2 (ready again) and cancel: the caller is back with agent1.
  await a2.api('POST', `/api/calls/${callId}/disposition`, { key: 'interested' });
  await ready(a2);
  phases.cancel = { response: await post(a1, 'consult', { to: { type: 'agent', ref: a2.user.id } }) };
  await until('second consultation answered', 15_000, async () => (await call())?.consult?.status === 'talking');
  phases.cancel.step = await post(a1, 'cancel-consult');
  phases.cancel = { ...phases.cancel, ...(await measure()) };

  // ---- Consult again and complete: agent1's phone is hung up, the caller talks with agent2.
  await ready(a2);
  phases.complete = { response: await post(a1, 'consult', { to: { type: 'agent', ref: a2.user.id } }) };
  await until('third consultation answered', 15_000, async () => (await call())?.consult?.status === 'talking');
  phases.complete.step = await post(a1, 'complete-transfer');
  phases.complete = { ...phases.complete, ...(await measure()) };
  result.phases = phases;
  mark('phases');

  await bye(caller);
  const doc = await until('call ends with its recording', 10_000, async () => { const d = await call(); return d?.endAt && d.recording ? d : null; });
  result.record = {
    agentId: doc.agentId === a2.user.id ? 'agent2' : doc.agentId,
    transfers: (doc.transfers ?? []).map((t) => t.kind),
    participants: (doc.participants ?? []).map((p) => `${p.agentId === a1.user.id ? 'agent1' : 'agent2'}:${p.role}:${p.left ?? '-'}`),
  };
  const file = await a2.api('GET', `/api/calls/${callId}/recording`);
  result.recording = { status: file.status, bytes: file.body?.length ?? 0 };
  mark('ended');

  // ---- Click-to-call: agent1 calls a customer (whose phone answers at their real number), consults agent2 and
  // hands the customer over; agent2 hangs up and the customer's leg ends with the call.
  await a2.api('POST', `/api/calls/${callId}/disposition`, { key: 'interested' });
  await ready(a1);
  await ready(a2);
  const record = await app.db.collection('records_customer').findOne({ _id: MA_FANG });
  const customer = await phone(server, secret, String(record.values.phone).replace(/\D/g, ''), TONE.caller, { autoAnswer: true, plainRtp: true });
  phones.push(customer);
  sides.caller = customer;
  const dialled = await a1.api('POST', '/api/calls/dial', { entity: 'customer', id: MA_FANG });
  if (dialled.status !== 201) throw new Error(`dial: ${JSON.stringify(dialled.body)}`);
  const outId = dialled.body.callId;
  const outCall = () => calls.findOne({ _id: outId });
  await agent1.call(`sip:${dialled.body.token}@${server.domain}`, [`X-Call-Id: ${outId}`]);
  await until('click-to-call audio both ways', 15_000, () => customer.heardOf(TONE.agent1) >= 4000);
  const consulted = await a1.api('POST', `/api/calls/${outId}/consult`, { to: { type: 'agent', ref: a2.user.id } });
  await until('outbound consultation answered', 15_000, async () => (await outCall())?.consult?.status === 'talking');
  const completed = await a1.api('POST', `/api/calls/${outId}/complete-transfer`);
  const handed = await measure();
  await bye(agent2);
  const outDoc = await until('click-to-call ends', 10_000, async () => { const d = await outCall(); return d?.endAt ? d : null; });
  await until('customer leg ends', 5000, () => customer.session?.state === 'Terminated');
  const states = Object.fromEntries(await Promise.all([['agent1', a1], ['agent2', a2]].map(async ([k, who]) => [k, (await who.api('GET', '/api/telephony/state')).body?.kind])));
  result.outbound = {
    consult: consulted.status, complete: completed.status, customerHeardAgent2: handed.caller.agent2, agent2HeardCustomer: handed.agent2.caller,
    agent1Heard: Object.values(handed.agent1).reduce((a, b) => a + b, 0),
    status: outDoc.status, hangupBy: outDoc.hangupBy, agentId: outDoc.agentId === a2.user.id ? 'agent2' : outDoc.agentId,
    transfers: (outDoc.transfers ?? []).map((t) => t.kind), states,
  };
  mark('outbound');
}, { mix: MIX });
