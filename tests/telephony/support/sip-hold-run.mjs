// Run by sip-hold.test.ts as `unshare -n node sip-hold-run.mjs`: a network namespace holding only loopback.
// Kamailio, the runtime with TELEPHONY=sip, and two sip.js UAs with werift media: the caller (13912345678) and the
// agent (sip:<agent1's id>). Each UA sends frames of its own constant byte, so what a side receives tells whose
// audio it is. After the agent answers, the agent's API calls hold / unhold / mute / unmute (as the console does in
// sip mode) and the script measures what each side hears in every phase. Prints one JSON line with what happened.
import { randomBytes } from 'node:crypto';
import { bye, callServiceQueue, phone, runInStage, signIn, sleep, startStage, until } from './sip-stage.mjs';

const CALLER = '13912345678';
const TONE = { caller: 0x22, agent: 0x11 };
const secret = randomBytes(24).toString('base64url');

await runInStage(async (run) => {
  const { result, mark } = run;
  const phones = run.phones;
  const stage = run.stage = await startStage('sip-hold', secret);
  const { server, app } = stage;
  mark('runtime');

  // agent1 signs in, joins the service group and goes ready.
  const { api, user } = await signIn(app, 'agent1', 'agent123');
  await app.db.collection('skill_groups').updateOne({ key: 'service' }, { $addToSet: { members: user.id } });
  const agent = await phone(server, secret, user.id, TONE.agent, { autoAnswer: true });
  phones.push(agent);
  const ready = await api('PUT', '/api/telephony/state', { state: 'ready' });
  if (ready.status !== 200) throw new Error(`agent state: ${JSON.stringify(ready.body)}`);

  // ---- The caller reaches the service queue; the agent's phone rings and answers.
  const caller = await phone(server, secret, CALLER, TONE.caller);
  phones.push(caller);
  const callId = await callServiceQueue(app, server, caller);
  const calls = app.db.collection('calls');
  await until('call is talking', 15_000, async () => (await calls.findOne({ _id: callId }))?.status === 'talking');
  await until('audio both ways', 15_000, () => caller.heardOf(TONE.agent) >= 4000 && agent.heardOf(TONE.caller) >= 4000);
  mark('bridged');

  /** What each side hears during `ms` (after `settle` ms for frames already in flight). */
  const SETTLE = 400;
  const WINDOW = 1500;
  async function measure() {
    await sleep(SETTLE);
    const before = { callerAgent: caller.heardOf(TONE.agent), callerOther: caller.heardOf('other'), agentCaller: agent.heardOf(TONE.caller) };
    await sleep(WINDOW);
    return {
      callerHeardAgent: caller.heardOf(TONE.agent) - before.callerAgent,
      callerHeardOther: caller.heardOf('other') - before.callerOther,
      agentHeardCaller: agent.heardOf(TONE.caller) - before.agentCaller,
    };
  }
  const action = async (name) => {
    const res = await api('POST', `/api/calls/${callId}/${name}`);
    return { status: res.status, held: !!res.body?.held, muted: !!res.body?.muted };
  };
  const phases = {};
  phases.talking = await measure();
  phases.hold = { response: await action('hold'), ...(await measure()) };
  phases.unhold = { response: await action('unhold'), ...(await measure()) };
  phases.mute = { response: await action('mute'), ...(await measure()) };
  phases.unmute = { response: await action('unmute'), ...(await measure()) };
  // Hold while muted, then unhold: still muted (the caller does not hear the agent until unmute).
  await action('mute');
  await action('hold');
  await sleep(300);
  phases.unholdMuted = { response: await action('unhold'), ...(await measure()) };
  await action('unmute');
  const doc = await calls.findOne({ _id: callId });
  result.flags = { held: !!doc.held, muted: !!doc.muted };
  result.phases = phases;
  mark('phases');
  // The agent hangs up while the caller is on hold: the caller goes back to the flow (survey), no hold audio stuck.
  await action('hold');
  await sleep(300);
  await bye(agent);
  const after = await until('call in wrap-up', 10_000, async () => { const d = await calls.findOne({ _id: callId }); return d?.status === 'wrapup' ? d : null; });
  result.afterAgent = { status: after.status, surveyInTrace: false };
  await until('survey in trace', 10_000, async () => ((await calls.findOne({ _id: callId }))?.flowState?.trace ?? []).some((s) => s.type === 'survey'));
  result.afterAgent.surveyInTrace = true;
  await bye(caller);
  await until('call ends', 10_000, async () => { const d = await calls.findOne({ _id: callId }); return d?.endAt && d.recording ? d : null; });
  mark('ended');
});
