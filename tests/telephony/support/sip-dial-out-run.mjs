// Run by sip-dial-out.test.ts as `unshare -n node sip-dial-out-run.mjs`: a network namespace holding only loopback.
// Kamailio with a trunk (SIP_TRUNK_URI sip:127.0.0.1:5070), the runtime with TELEPHONY=sip, agent1's sip.js UA
// (werift, sending its constant byte), and sipp at the trunk address playing the carrier (telephony/sipp/trunk-*.xml).
// The script is the outbound task's dialer: it creates the call record (direction out, no agent) and asks the
// carrier interface to dial (`calls.carrier.dialOut`); once the far end answered it offers the call to a ready
// agent as the queue does (status ringing, offeredTo, queue.ts `ring`), or plays the "no agent is free" message
// (`carrier.prompt`) and hangs up in the call table when it has played. Prints one JSON line with what happened.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SessionState } from 'sip.js';
import { ring } from '@telesales/runtime/calls/queue';
import { phone, runInStage, signIn, sleep, startStage, timeout, until } from './sip-stage.mjs';
import { toneCapture } from './tone-capture.mjs';

const SIPP_DIR = fileURLToPath(new URL('../../../telephony/sipp/', import.meta.url));
const TONE = { agent: 0x11, callee: 0x44 };
const CALLER_ID = '4008001234';
const secret = randomBytes(24).toString('base64url');

await runInStage(async (run) => {
  const { result, mark } = run;
  let sipp = null;
  run.cleanup = async () => {
    sipp?.kill('SIGKILL');
    // A failed run shows what sipp last exchanged (its message logs are in the data directory, removed after).
    if (!result.error || !run.stage) return;
    for (const f of readdirSync(run.stage.dataDir).filter((n) => n.endsWith('-messages.log') || n.endsWith('-errors.log'))) {
      run.extraLog.push(`--- ${f}`, ...readFileSync(join(run.stage.dataDir, f), 'utf8').split('\n').slice(-40));
    }
  };
  const stage = run.stage = await startStage('sip-dial-out', secret, {
    kamailio: { trunkUri: 'sip:127.0.0.1:5070' }, telephony: { sipNoMediaSec: 5 },
  });
  const { server, app, carrier, dataDir } = stage;
  const svc = app.calls;
  const calls = app.db.collection('calls');
  writeFileSync(join(dataDir, 'callee-voice.pcap'), toneCapture(TONE.callee, 750)); // 15 s
  mark('stage');

  /** sipp as the trunk at 5070 for one call; resolves with its exit code, its last output and the INVITE it got. */
  const trunk = (scenario, name, { echo = false, keys = {} } = {}) => {
    const messages = join(dataDir, `${name}-messages.log`);
    const args = ['-sf', scenario.startsWith('/') ? scenario : join(SIPP_DIR, scenario), '-p', '5070', '-m', '1', '-i', '127.0.0.1', '-t', 'u1',
      '-mi', '127.0.0.1', '-mp', '16000', ...(echo ? ['-rtp_echo'] : []), ...Object.entries(keys).flatMap(([k, v]) => ['-key', k, String(v)]),
      '-trace_msg', '-message_file', messages, '-trace_err', '-error_file', join(dataDir, `${name}-errors.log`),
      '-nostdin', '-timeout', '40s', '-timeout_error'];
    const child = spawn('sipp', args, { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
    sipp = child;
    let out = '';
    child.stdout.on('data', (d) => { out = (out + d).slice(-4000); });
    child.stderr.on('data', (d) => { out = (out + d).slice(-4000); });
    return new Promise((resolve) => child.once('exit', (code) => {
      if (sipp === child) sipp = null;
      const read = (f) => { try { return readFileSync(f, 'utf8'); } catch { return ''; } };
      const log = read(messages);
      const invite = log.slice(log.indexOf('INVITE sip:'));
      const header = (h) => new RegExp(`^${h}:\\s*(.*)$`, 'mi').exec(invite)?.[1]?.trim() ?? null;
      resolve({
        code, output: code === 0 ? undefined : `${out.split('\n').filter((l) => l.trim()).slice(-15).join('\n')}\n${read(join(dataDir, `${name}-errors.log`)).slice(-2000)}`,
        requestUser: /^INVITE sip:([^@;\s]+)@/m.exec(invite)?.[1] ?? null, from: header('From'), pai: header('P-Asserted-Identity'),
      });
    }));
  };

  /** The dialer's part: the call record of a task's dial (direction out, no agent yet), then the carrier dials. */
  const dialOut = async (number, ringTimeoutSec = 10) => {
    const now = svc.now();
    const callId = randomUUID();
    await calls.insertOne({
      _id: callId, direction: 'out', from: CALLER_ID, to: number, phoneEntity: 'customer', agentId: null, customer: null,
      ringAt: now, talkSec: 0, status: 'ringing', updatedAt: now,
    });
    svc.carrier.dialOut({ callId, number, callerId: CALLER_ID, ringTimeoutSec, taskKey: 'renewals' });
    return callId;
  };
  const ended = (callId, ms) => until(`call ${callId} ends`, ms, async () => { const d = await calls.findOne({ _id: callId }); return d?.endAt ? d : null; });
  const answered = (callId) => until('far end answers', 15_000, async () => (await calls.findOne({ _id: callId }))?.answerAt);
  const summary = (doc) => ({ status: doc.status, outcome: doc.outcome ?? null, failure: doc.failure ?? null, hangupBy: doc.hangupBy ?? null, answered: !!doc.answerAt, talkSec: doc.talkSec });

  // ---- Refusals: the trunk's final status (and Q.850 cause) becomes the call's failure cause.
  result.refused = [];
  for (const [status, phrase, cause] of [[486, 'Busy Here', 17], [404, 'Not Found', 1], [480, 'Temporarily Unavailable', 20], [410, 'Gone', 127]]) {
    const scenario = join(dataDir, `refuses-${status}.xml`);
    writeFileSync(scenario, readFileSync(join(SIPP_DIR, 'trunk-refuses.xml'), 'utf8').replace('SIP/2.0 486 Busy Here', `SIP/2.0 ${status} ${phrase}`));
    const line = trunk(scenario, `refused-${status}`, { keys: { cause } });
    await sleep(300); // sipp listening
    const callId = await dialOut(`+86139000${status}`);
    const doc = await ended(callId, 10_000);
    const sippResult = await Promise.race([line, timeout(10_000, `sipp (${status})`)]);
    result.refused.push({ sipStatus: status, sippExit: sippResult.code, sippOutput: sippResult.output, ...summary(doc) });
  }
  mark('refused');

  // ---- Nobody answers: CANCEL after the ring time, noAnswer.
  {
    const line = trunk('trunk-no-answer.xml', 'no-answer');
    await sleep(300);
    const t0 = Date.now();
    const callId = await dialOut('+8613900002222', 3);
    const doc = await ended(callId, 10_000);
    const sippResult = await Promise.race([line, timeout(10_000, 'sipp (no answer)')]);
    result.noAnswer = { endedAfterMs: Date.now() - t0, sippExit: sippResult.code, sippOutput: sippResult.output, ...summary(doc) };
  }
  mark('noAnswer');

  const { api, user } = await signIn(app, 'agent1', 'agent123');
  const agent = await phone(server, secret, user.id, TONE.agent, { autoAnswer: true });
  run.phones.push(agent);
  const ready = async () => {
    const r = await api('PUT', '/api/telephony/state', { state: 'ready' });
    if (r.status !== 200) throw new Error(`agent state: ${JSON.stringify(r.body)}`);
  };
  /** The dialer's part once a person answered: the ready agent is offered the call and their phone rings. */
  const offerToAgent = (callId) => svc.run(callId, async () => {
    const agentId = await svc.states.claimForOffer([user.id], callId, []);
    if (!agentId) throw new Error('agent1 is not ready');
    const doc = await svc.update(callId, { status: 'ringing', offeredTo: agentId });
    await ring(svc, agentId, doc);
  });
  const bridgedCall = async (scenario, name) => {
    await ready();
    agent.heard.clear();
    agent.session = null;
    const line = trunk(scenario, name, { echo: true });
    await sleep(300);
    const callId = await dialOut('+8613912345678');
    const answeredAt = Date.now();
    await answered(callId);
    await offerToAgent(callId);
    await until('bridged', 10_000, () => carrier.bridges.bridges.get(callId));
    await until('audio both ways', 15_000, () => agent.heardOf(TONE.callee) >= 8000 && agent.heardOf(TONE.agent) >= 8000);
    return { callId, line, answeredAt, media: carrier.call(callId)?.media?.constructor.name ?? null };
  };

  // ---- Answered, bridged to agent1's phone, audio both ways; the agent hangs up.
  {
    const { callId, line, media } = await bridgedCall('trunk-callee.xml', 'bridged');
    mark('bothWays');
    await sleep(1500);
    const heard = { agentHeardCallee: agent.heardOf(TONE.callee), agentHeardOwnEcho: agent.heardOf(TONE.agent) };
    await agent.session.bye();
    const doc = await ended(callId, 10_000);
    const sippResult = await Promise.race([line, timeout(10_000, 'sipp (bridged)')]);
    result.bridged = {
      ...heard, calleeLegMedia: media, agentId: doc.agentId === user.id, sippExit: sippResult.code, sippOutput: sippResult.output,
      requestUser: sippResult.requestUser, from: sippResult.from, pai: sippResult.pai, tableLive: svc.table.isLive(callId), ...summary(doc),
    };
    const disposed = await api('POST', `/api/calls/${callId}/disposition`, { key: 'interested' });
    if (disposed.status !== 200) throw new Error(`disposition: ${JSON.stringify(disposed.body)}`);
  }
  mark('bridged');

  // ---- Answered, bridged; the callee hangs up: the agent's phone gets the BYE.
  {
    const { callId, line } = await bridgedCall('trunk-callee-hangs-up.xml', 'callee-hangs-up');
    const doc = await ended(callId, 15_000);
    await until('agent leg ends', 5000, () => agent.session?.state === SessionState.Terminated);
    const sippResult = await Promise.race([line, timeout(10_000, 'sipp (callee hangs up)')]);
    result.calleeHangsUp = { sippExit: sippResult.code, sippOutput: sippResult.output, agentLeg: agent.session.state, tableLive: svc.table.isLive(callId), ...summary(doc) };
    const disposed = await api('POST', `/api/calls/${callId}/disposition`, { key: 'interested' });
    if (disposed.status !== 200) throw new Error(`disposition: ${JSON.stringify(disposed.body)}`);
  }
  mark('calleeHangsUp');

  // ---- Answered, no agent free: the callee hears the message (sipp echoes it back), then the call is hung up.
  {
    const line = trunk('trunk-callee.xml', 'abandoned', { echo: true });
    await sleep(300);
    const callId = await dialOut('+8613900003333');
    await answered(callId);
    const leg = await until('callee leg', 5000, () => carrier.call(callId));
    let echoed = 0; // what came back of the message: speech, not the callee's constant byte nor silence
    leg.onAudio((payload) => { if (!payload.every((b) => b === payload[0])) echoed += payload.length; });
    let promptDone = false;
    const unlisten = svc.table.on((e) => { if (e.callId === callId && e.type === 'promptDone') promptDone = true; });
    const t0 = Date.now();
    svc.carrier.prompt(callId, { text: 'All our agents are busy. Insurance Company will call you back. Goodbye.' }, 'en', false);
    await until('message played', 20_000, () => promptDone);
    const playedMs = Date.now() - t0;
    unlisten();
    svc.table.hangup(callId, 'system');
    const doc = await ended(callId, 5000);
    const sippResult = await Promise.race([line, timeout(10_000, 'sipp (abandoned)')]);
    result.abandoned = { playedMs, echoed, sippExit: sippResult.code, sippOutput: sippResult.output, tableLive: svc.table.isLive(callId), ...summary(doc) };
  }
  mark('abandoned');
});
