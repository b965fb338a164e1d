// Run by sip-dialer.test.ts as `unshare -n node sip-dialer-run.mjs`: a network namespace holding only loopback.
// Kamailio with a trunk (SIP_TRUNK_URI sip:127.0.0.1:5070), the runtime with TELEPHONY=sip and its own outbound
// dialer, agent1's sip.js phone (werift, sending its constant byte), and one sipp at the trunk address whose callees
// behave by number (telephony/sipp/trunk-by-number.xml). A published progressive task with five numbers runs until
// each has had its call: busy, empty, no answer, answered (bridged to agent1, who talks, hangs up and gives an
// outcome), answered and hung up by the callee while agent1's phone still rings. Prints one JSON line.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SessionState } from 'sip.js';
import { phone, runInStage, signIn, sleep, startStage, timeout, until } from './sip-stage.mjs';
import { toneCapture } from './tone-capture.mjs';

const SCENARIO = fileURLToPath(new URL('../../../telephony/sipp/trunk-by-number.xml', import.meta.url));
const TONE = { agent: 0x11, callee: 0x44 };
const TASK = 'sip_renewal';
const CALLER_ID = '+864008001234';
const secret = randomBytes(24).toString('base64url');
const id = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The numbers in dialling order (fresh numbers go by createdAt); their last digits pick the callee's behaviour. */
const NUMBERS = [
  ['busy', '+8613900000486'], ['empty', '+8613900000404'], ['noAnswer', '+8613900000408'],
  ['answered', '+8613900000200'], ['hangsUpDuringOffer', '+8613900000201'],
];

/** Progressive, one line per free agent, at most one call at a time: the numbers are dialled in order. */
const task = {
  kind: 'campaign', schemaVersion: 1, id: id(960), key: TASK, label: { zh: 'SIP 续保提醒', en: 'SIP renewal reminder' },
  entity: 'customer', dialMode: 'progressive', ratio: 1, maxConcurrent: 1, maxLinesPerAgent: 1, abandonTarget: 3, wrapupSec: 30,
  ringTimeoutSec: 10, callerNumbers: { numbers: [CALLER_ID] },
  schedule: { timeZone: 'Asia/Shanghai', week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, ['09:00-18:00']])) },
  dispositions: { definition: 'default' },
  rules: [
    { id: id(961), outcome: 'busy', action: 'retry', retryAfterMinutes: 20, maxAttempts: 3 },
    { id: id(962), outcome: 'noAnswer', action: 'retry', retryAfterMinutes: 60, maxAttempts: 3 },
    { id: id(963), outcome: 'emptyNumber', action: 'finished' },
  ],
  limits: { perDay: 3, lifetime: 5 },
};

await runInStage(async (run) => {
  const { result, mark } = run;
  let sipp = null;
  run.cleanup = async () => {
    sipp?.kill('SIGKILL');
    if (!result.error || !run.stage) return;
    for (const f of readdirSync(run.stage.dataDir).filter((n) => n.endsWith('-messages.log') || n.endsWith('-errors.log'))) {
      run.extraLog.push(`--- ${f}`, ...readFileSync(join(run.stage.dataDir, f), 'utf8').split('\n').slice(-60));
    }
  };
  const stage = run.stage = await startStage('sip-dialer', secret, {
    kamailio: { trunkUri: 'sip:127.0.0.1:5070' }, telephony: { sipNoMediaSec: 5 },
  });
  const { server, app, dataDir } = stage;
  const db = app.db;
  const calls = db.collection('calls');
  const numbers = db.collection('task_numbers');
  writeFileSync(join(dataDir, 'callee-voice.pcap'), toneCapture(TONE.callee, 750)); // 15 s
  mark('stage');

  // The task, published as an admin would; its numbers as a list import leaves them (fresh, in order).
  const admin = await signIn(app, 'admin', 'admin123');
  const created = await admin.api('POST', '/api/definitions', task);
  if (created.status !== 201) throw new Error(`create task: ${JSON.stringify(created.body)}`);
  const published = await admin.api('POST', `/api/definitions/campaign/${TASK}/publish`, { message: 'sip dialer test' });
  if (published.status !== 200) throw new Error(`publish task: ${JSON.stringify(published.body)}`);
  const t0 = app.calls.now().getTime();
  await db.collection('task_numbers').insertMany(NUMBERS.map(([name, phone], i) => ({
    _id: name, task: TASK, phone, values: { name }, state: 'fresh', attempts: 0, createdAt: new Date(t0 + i),
  })));

  // sipp as the carrier at 5070 for all five calls.
  const messages = join(dataDir, 'trunk-messages.log');
  const errors = join(dataDir, 'trunk-errors.log');
  const child = sipp = spawn('sipp', ['-sf', SCENARIO, '-p', '5070', '-m', String(NUMBERS.length), '-i', '127.0.0.1', '-t', 'u1',
    '-mi', '127.0.0.1', '-mp', '16000', '-rtp_echo', '-trace_msg', '-message_file', messages, '-trace_err', '-error_file', errors,
    '-nostdin', '-timeout', '90s', '-timeout_error'], { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out = (out + d).slice(-4000); });
  child.stderr.on('data', (d) => { out = (out + d).slice(-4000); });
  const trunkDone = new Promise((resolve) => child.once('exit', (code) => { sipp = null; resolve(code); }));
  await sleep(300); // sipp listening

  // agent1: a registered phone that answers only the call it is told to, ready, joined to the task.
  const { api, user } = await signIn(app, 'agent1', 'agent123');
  const agent = await phone(server, secret, user.id, TONE.agent);
  run.phones.push(agent);
  const ready = await api('PUT', '/api/telephony/state', { state: 'ready' });
  if (ready.status !== 200) throw new Error(`agent state: ${JSON.stringify(ready.body)}`);
  await app.outbound.join(TASK, user.id, true);
  await app.outbound.setStatus(TASK, 'running');
  mark('running');

  const callOf = (numberId) => until(`the call of ${numberId}`, 30_000, () => calls.findOne({ 'task.numberId': numberId }));
  const ended = (callId, ms) => until(`call ${callId} ends`, ms, async () => { const d = await calls.findOne({ _id: callId }); return d?.endAt ? d : null; });
  const inviteFor = (callId) => until(`agent1's phone rings for ${callId}`, 10_000, () => agent.session && agent.session.request?.getHeader('X-Call-Id') === callId && agent.session);

  // ---- The line outcomes, in dialling order: each call ends before the next is dialled (one line).
  for (const name of ['busy', 'empty', 'noAnswer']) {
    const { _id } = await callOf(name);
    await ended(_id, 20_000);
    mark(name);
  }

  // ---- Answered: the dialer offers it to agent1, whose phone answers; audio both ways; agent1 hangs up.
  {
    const { _id: callId } = await callOf('answered');
    const invitation = await inviteFor(callId);
    const offered = await calls.findOne({ _id: callId });
    result.offer = { status: offered.status, offeredTo: offered.offeredTo === user.id, answered: !!offered.answerAt };
    await invitation.accept();
    await until('audio both ways', 15_000, () => agent.heardOf(TONE.callee) >= 8000 && agent.heardOf(TONE.agent) >= 8000);
    mark('bothWays');
    await sleep(1500);
    result.audio = { agentHeardCallee: agent.heardOf(TONE.callee), agentHeardOwnEcho: agent.heardOf(TONE.agent) };
    await invitation.bye();
    await ended(callId, 10_000);
    result.agentAfterTalk = (await until('agent1 wraps up', 5000, async () => {
      const s = await app.calls.states.docs.findOne({ _id: user.id });
      return s?.kind === 'wrapup' ? s : null;
    })).kind;
    const disposed = await api('POST', `/api/calls/${callId}/disposition`, { key: 'interested' });
    if (disposed.status !== 200) throw new Error(`disposition: ${JSON.stringify(disposed.body)}`);
    mark('answered');
  }

  // ---- Answered, offered to agent1, whose phone rings unanswered: the callee hangs up 1.5 s after answering.
  {
    const { _id: callId } = await callOf('hangsUpDuringOffer');
    const invitation = await inviteFor(callId);
    await ended(callId, 15_000);
    await until("agent1's phone stops ringing", 5000, () => invitation.state === SessionState.Terminated);
    // The offer is taken back: agent1 is ready again with nothing offered.
    const state = await until('agent1 free again', 5000, async () => {
      const s = await app.calls.states.docs.findOne({ _id: user.id });
      return s?.kind === 'ready' && !s.offerCallId ? s : null;
    });
    result.agentAfterOffer = { kind: state.kind, offerCallId: state.offerCallId ?? null };
    mark('hangsUpDuringOffer');
  }

  const trunkExit = await Promise.race([trunkDone, timeout(15_000, 'sipp')]);
  result.trunk = {
    exit: trunkExit, output: trunkExit === 0 ? undefined : `${out.split('\n').filter((l) => l.trim()).slice(-15).join('\n')}\n${readFileSync(errors, 'utf8').slice(-2000)}`,
    requestUsers: [...readFileSync(messages, 'utf8').matchAll(/^INVITE sip:([^@;\s]+)@/gm)].map((m) => m[1]),
  };

  // What the database says: the call records, the numbers, the dial log, the day's figures; the dialer has nothing left.
  await sleep(1500); // a tick or two: nothing more is dialled
  result.dialerLive = app.outbound.dialers.get(TASK)?.live.size ?? null;
  result.calls = (await calls.find({ 'task.key': TASK }).sort({ ringAt: 1 }).toArray()).map((c) => ({
    id: c._id, number: c.task.numberId, to: c.to, status: c.status, failure: c.failure ?? null, outcome: c.outcome ?? null,
    hangupBy: c.hangupBy ?? null, answered: !!c.answerAt, abandoned: !!c.abandoned, agent: c.agentId === user.id ? 'agent1' : c.agentId,
    offeredTo: c.offeredTo ?? null, talkSec: c.talkSec, disposition: c.disposition?.key ?? null, ended: !!c.endAt,
  }));
  result.numbers = Object.fromEntries((await numbers.find({ task: TASK }).toArray()).map((n) => [n._id, {
    state: n.state, attempts: n.attempts, lastOutcome: n.lastOutcome ?? null, retryInMin: n.nextAt && n.state === 'scheduled' ? Math.round((n.nextAt.getTime() - n.updatedAt.getTime()) / 60_000) : null,
  }]));
  result.dialLog = (await db.collection('dial_log').find({ task: TASK }).sort({ at: 1 }).toArray()).map((d) => ({ id: d._id, number: d.numberId, phone: d.phone, abandoned: !!d.abandoned }));
  const runDoc = await db.collection('outbound_tasks').findOne({ _id: TASK });
  result.tally = Object.values(runDoc.tally ?? {})[0] ?? null;
  result.taskStatus = runDoc.status;
});
