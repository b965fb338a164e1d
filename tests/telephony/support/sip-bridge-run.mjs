// Run by sip-bridge.test.ts as `unshare -n node sip-bridge-run.mjs`: a network namespace holding only loopback.
// Kamailio, the runtime with TELEPHONY=sip (its endpoint registered as `runtime`), and three sip.js UAs: the caller
// (13912345678) and the agent (sip:<agent1's id>) with werift media, the click-to-call customer (registered under the
// digits of their stored number) with plain RTP, as a trunk's line. Each UA sends frames of its own constant byte, so
// what a side receives tells whose audio it is (the bridge relays PCMU unchanged). Prints one JSON line with what happened.
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { SessionState } from 'sip.js';
import { bye, callServiceQueue, phone, runInStage, signIn, sleep, startStage, until } from './sip-stage.mjs';

const CALLER = '13912345678';
const MA_FANG = '883415ea-61df-4ed9-9a3b-98a4de3c1028';
const TONE = { caller: 0x22, agent: 0x11, customer: 0x33 };
const secret = randomBytes(24).toString('base64url');

await runInStage(async (run) => {
  const { result, mark } = run;
  const phones = run.phones;
  const stage = run.stage = await startStage('sip-bridge', secret);
  const { server, app } = stage;
  mark('runtime');

  // agent1 signs in, joins the service group and goes ready.
  const { api, user } = await signIn(app, 'agent1', 'agent123');
  await app.db.collection('skill_groups').updateOne({ key: 'service' }, { $addToSet: { members: user.id } });
  const agentTrace = [];
  const agent = await phone(server, secret, user.id, TONE.agent, { autoAnswer: true, trace: agentTrace });
  phones.push(agent);
  const ready = await api('PUT', '/api/telephony/state', { state: 'ready' });
  if (ready.status !== 200) throw new Error(`agent state: ${JSON.stringify(ready.body)}`);

  // ---- Inbound: the caller reaches the service queue, the agent's phone rings and answers.
  const caller = await phone(server, secret, CALLER, TONE.caller);
  phones.push(caller);
  const callId = await callServiceQueue(app, server, caller);
  const calls = app.db.collection('calls');
  mark('queued');
  await until('agent phone rings', 10_000, () => agent.invites.length > 0);
  mark('agentRang');
  const talking = await until('call is talking', 10_000, async () => { const d = await calls.findOne({ _id: callId }); return d?.status === 'talking' ? d : null; });
  await until('audio both ways', 15_000, () => caller.heardOf(TONE.agent) >= 4000 && agent.heardOf(TONE.caller) >= 4000);
  mark('bridged');
  const inbound = {
    offer: agent.invites[0], talkingAgent: talking.agentId === user.id,
    callerHeardAgent: caller.heardOf(TONE.agent), agentHeardCaller: agent.heardOf(TONE.caller),
  };
  await sleep(1000);
  // The agent hangs up: the caller stays and hears the survey.
  caller.heardAfter = { other: 0 };
  await bye(agent);
  mark('agentHungUp');
  await until('survey prompt heard', 15_000, () => caller.heardAfter.other >= 4000);
  mark('surveyHeard');
  inbound.surveyBytes = caller.heardAfter.other;
  const afterAgent = await calls.findOne({ _id: callId });
  inbound.statusAfterAgent = afterAgent.status;
  inbound.surveyInTrace = (afterAgent.flowState?.trace ?? []).some((s) => s.type === 'survey');
  await bye(caller);
  const ended = await until('call ends', 10_000, async () => { const d = await calls.findOne({ _id: callId }); return d?.endAt && d.recording ? d : null; });
  const recFile = join(stage.dataDir, ended.recording.file);
  const rec = await api('GET', `/api/calls/${callId}/recording`);
  const recordingAs = {};
  for (const [name, password] of [['admin', 'admin123'], ['agent2', 'agent123']]) {
    const l = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: name, password } });
    const res = await app.inject({ method: 'GET', url: `/api/calls/${callId}/recording`, headers: { cookie: String(l.headers['set-cookie']).split(';')[0] } });
    recordingAs[name] = res.statusCode;
  }
  Object.assign(inbound, {
    answerAt: !!ended.answerAt, endAt: !!ended.endAt, talkSec: ended.talkSec, hangupBy: ended.hangupBy,
    recording: ended.recording.file, recordingBytes: statSync(recFile).size,
    recordingAs, recordingRoute: { status: rec.status, bytes: rec.body?.length ?? 0, riff: Buffer.isBuffer(rec.body) && rec.body.toString('ascii', 0, 4) === 'RIFF' },
  });
  result.inbound = inbound;
  mark('inboundDone');

  // ---- Click-to-call: the agent dials the token; the customer's phone (their real number) rings.
  const record = await app.db.collection('records_customer').findOne({ _id: MA_FANG });
  const number = String(record.values.phone);
  const digits = number.replace(/\D/g, '');
  const customer = await phone(server, secret, digits, TONE.customer, { autoAnswer: true, plainRtp: true });
  phones.push(customer);
  await api('POST', `/api/calls/${callId}/disposition`, { key: 'interested' });
  const dialled = await api('POST', '/api/calls/dial', { entity: 'customer', id: MA_FANG });
  if (dialled.status !== 201) throw new Error(`dial: ${JSON.stringify(dialled.body)}`);
  agent.heard.clear();
  agent.session = null;
  const traceFrom = agentTrace.length;
  await agent.call(`sip:${dialled.body.token}@${server.domain}`, [`X-Call-Id: ${dialled.body.callId}`]);
  mark('c2cAnswered');
  await until('click-to-call audio both ways', 15_000, () => customer.heardOf(TONE.agent) >= 4000 && agent.heardOf(TONE.customer) >= 4000);
  mark('c2cBridged');
  const out = {
    customerRang: customer.invites.length, customerHeardAgent: customer.heardOf(TONE.agent), agentHeardCustomer: agent.heardOf(TONE.customer),
    customerMedia: customer.media?.constructor.name,
  };
  out.talking = (await calls.findOne({ _id: dialled.body.callId }))?.status;
  // The agent's keypad (RFC 4733 to the runtime) reaches the customer's line (an automated menu, say).
  for (const key of ['5', '#']) { await agent.media.sendKey(key); await sleep(100); }
  await until('keys at the customer', 5000, () => customer.keys.length >= 2);
  out.customerKeys = customer.keys;
  await sleep(500);
  await bye(agent);
  const outDoc = await until('click-to-call ends', 10_000, async () => { const d = await calls.findOne({ _id: dialled.body.callId }); return d?.endAt && d.recording ? d : null; });
  await until('customer leg ends', 5000, () => customer.session?.state === SessionState.Terminated);
  Object.assign(out, {
    status: outDoc.status, hangupBy: outDoc.hangupBy, answerAt: !!outDoc.answerAt,
    recordingBytes: statSync(join(stage.dataDir, outDoc.recording.file)).size,
  });
  // Everything the agent's UA received (both calls): no digit run of the customer's number.
  const national = digits.startsWith('86') && digits.length > 11 ? digits.slice(2) : digits;
  const windows = (size) => { const w = []; for (let i = 0; i + size <= national.length; i++) w.push(national.slice(i, i + size)); return w; };
  const headersOf = (m) => m.split(/\r?\n\r?\n/)[0];
  const bodyOf = (m) => m.split(/\r?\n\r?\n/).slice(1).join('\n\n');
  out.agentMessages = agentTrace.length;
  out.agentC2cMessages = agentTrace.length - traceFrom;
  // Headers: any 6-digit run. Bodies (SDP, full of random session ids, SSRCs and ICE priorities): 8-digit runs.
  out.leaksInHeaders = agentTrace.flatMap((m) => windows(6).filter((w) => headersOf(m).includes(w)));
  out.leaksInBodies = agentTrace.flatMap((m) => windows(8).filter((w) => bodyOf(m).includes(w)));
  out.responseHeaders = agentTrace.slice(traceFrom).filter((m) => /^SIP\/2\.0 (180|200)/.test(m) && /CSeq: \d+ INVITE/i.test(m))
    .map((m) => headersOf(m).split(/\r?\n/).filter((l) => /^(To|From|Contact|P-Asserted-Identity|Remote-Party-ID):/i.test(l)));
  result.clickToCall = out;
  mark('c2cDone');
});
