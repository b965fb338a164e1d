// Run by sip-trunk-media.test.ts as `unshare -n node sip-trunk-media-run.mjs`: a network namespace holding only loopback.
// Kamailio with a trunk (SIP_TRUNK_URI sip:127.0.0.1:5070: calls the runtime places to numbers nobody registered go
// there), the runtime with TELEPHONY=sip and SIP_NO_MEDIA_SEC=3, agent1's sip.js UA (werift, sending its constant
// byte), and sipp at the trunk address as the customer's line (sipp-trunk-customer.xml), twice:
// 1. a line that speaks: sipp answers with PCMU, sends the customer's voice (a pcap of another constant byte) and
//    echoes every RTP packet it receives (-rtp_echo), so the agent's byte coming back proves it reached the customer;
// 2. a dead line: sipp answers and sends nothing; the runtime ends the call as noMedia after 3 s;
// and then inbound: 3. sipp calls the hotline from a plain RTP phone (sipp-ivr-dtmf.xml, keys 1 and 2 from pcaps, no
//    echo, and it waits for the BYE instead of hanging up), reaches the service queue and agent1's phone answers; the
//    caller sends nothing more: ended as noMedia too. Prints one JSON line with what happened.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SessionState } from 'sip.js';
import { sipCredentials } from '@telesales/telephony';
import { HOTLINE, phone, runInStage, signIn, sleep, startStage, timeout, until } from './sip-stage.mjs';
import { toneCapture } from './tone-capture.mjs';

const MA_FANG = '883415ea-61df-4ed9-9a3b-98a4de3c1028';
const TONE = { agent: 0x11, customer: 0x44 };
const NO_MEDIA_SEC = 3;
const CALLER = '13912345678';
const secret = randomBytes(24).toString('base64url');

/** Samples of `byte` in each channel of a two-channel mu-law WAV as CallRecorder writes it (58-byte header). */
function channelCounts(wav, byte) {
  const counts = [0, 0];
  for (let i = 58; i < wav.length; i++) if (wav[i] === byte) counts[(i - 58) % 2]++;
  return counts;
}

await runInStage(async (run) => {
  const { result, mark } = run;
  let sipp = null;
  run.cleanup = async () => { sipp?.kill('SIGKILL'); };
  const stage = run.stage = await startStage('sip-trunk-media', secret, {
    kamailio: { trunkUri: 'sip:127.0.0.1:5070' }, telephony: { sipNoMediaSec: NO_MEDIA_SEC },
  });
  const { server, app, carrier, dataDir } = stage;
  mark('stage');
  const warnings = [];
  const log = app.calls.app.log;
  const warn = log.warn.bind(log);
  log.warn = (obj, msg, ...rest) => { warnings.push({ ...(typeof obj === 'object' ? obj : {}), msg: typeof obj === 'string' ? obj : msg }); return warn(obj, msg, ...rest); };

  const scenario = readFileSync(new URL('./sipp-trunk-customer.xml', import.meta.url), 'utf8');
  writeFileSync(join(dataDir, 'speaking.xml'), scenario);
  writeFileSync(join(dataDir, 'silent.xml'), scenario.replace(/^\s*<nop><action><exec play_pcap_audio=.*\n/m, ''));
  writeFileSync(join(dataDir, 'customer-voice.pcap'), toneCapture(TONE.customer, 750)); // 15 s
  /** sipp for one call (the trunk's customer line at 5070, or with `extra` a caller); resolves with its exit code and last output. */
  const customerLine = (name, echo, extra = ['-p', '5070']) => {
    const args = ['-sf', join(dataDir, `${name}.xml`), '-m', '1', '-i', '127.0.0.1', '-t', 'u1', ...extra,
      '-mi', '127.0.0.1', '-mp', '16000', ...(echo ? ['-rtp_echo'] : []), '-trace_err', '-error_file', join(dataDir, `${name}-errors.log`),
      '-nostdin', '-timeout', '40s', '-timeout_error'];
    const child = spawn('sipp', args, { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
    sipp = child;
    let out = '';
    child.stdout.on('data', (d) => { out = (out + d).slice(-4000); });
    child.stderr.on('data', (d) => { out = (out + d).slice(-4000); });
    return new Promise((resolve) => child.once('exit', (code) => {
      if (sipp === child) sipp = null;
      let errors = '';
      try { errors = readFileSync(join(dataDir, `${name}-errors.log`), 'utf8').slice(-2000); } catch { /* none */ }
      resolve({ code, output: code === 0 ? undefined : `${out.split('\n').filter((l) => l.trim()).slice(-15).join('\n')}\n${errors}` });
    }));
  };

  const { api, user } = await signIn(app, 'agent1', 'agent123');
  await app.db.collection('skill_groups').updateOne({ key: 'service' }, { $addToSet: { members: user.id } });
  const agent = await phone(server, secret, user.id, TONE.agent, { autoAnswer: true });
  run.phones.push(agent);
  const calls = app.db.collection('calls');

  /** agent1 clicks to call Ma Fang: the console's dial, then the agent's UA dials the token. */
  const clickToCall = async () => {
    const dialled = await api('POST', '/api/calls/dial', { entity: 'customer', id: MA_FANG });
    if (dialled.status !== 201) throw new Error(`dial: ${JSON.stringify(dialled.body)}`);
    agent.heard.clear();
    agent.session = null;
    await agent.call(`sip:${dialled.body.token}@${server.domain}`);
    return dialled.body.callId;
  };

  // ---- 1. A line that speaks: audio both ways over plain RTP toward the trunk.
  {
    const line = customerLine('speaking', true);
    await sleep(300); // sipp listening
    const callId = await clickToCall();
    mark('answered');
    const b = await until('bridged', 5000, () => carrier.bridges.bridges.get(callId));
    const customerLeg = b.customer;
    await until('audio both ways', 15_000, () => agent.heardOf(TONE.customer) >= 8000 && agent.heardOf(TONE.agent) >= 8000);
    mark('bothWays');
    await sleep(1500);
    const media = customerLeg.media;
    const out = {
      customerLegMedia: media.constructor.name, customerLegRx: media.rxBytes, customerLegTx: media.txPackets,
      agentHeardCustomer: agent.heardOf(TONE.customer), agentHeardOwnEcho: agent.heardOf(TONE.agent),
    };
    await agent.session.bye();
    const doc = await until('call ends', 10_000, async () => { const d = await calls.findOne({ _id: callId }); return d?.endAt && d.recording ? d : null; });
    const sippResult = await Promise.race([line, timeout(15_000, 'sipp (speaking line)')]);
    const json = (await api('GET', `/api/calls/${callId}`)).body;
    const wav = readFileSync(join(dataDir, doc.recording.file));
    Object.assign(out, {
      sippExit: sippResult.code, sippOutput: sippResult.output,
      status: doc.status, hangupBy: doc.hangupBy, talkSec: doc.talkSec, failure: json.failure ?? null,
      // channel 1: what the customer said (their byte), channel 2: what they heard (the agent's byte)
      recording: { customerSaid: channelCounts(wav, TONE.customer)[0], customerHeard: channelCounts(wav, TONE.agent)[1] },
    });
    result.speaking = out;
    const disposed = await api('POST', `/api/calls/${callId}/disposition`, { key: 'interested' });
    if (disposed.status !== 200) throw new Error(`disposition: ${JSON.stringify(disposed.body)}`);
    mark('speakingDone');
  }

  // ---- 2. A dead line: answered, no RTP from the customer; ended as noMedia after NO_MEDIA_SEC.
  {
    const line = customerLine('silent', false);
    await sleep(300);
    const callId = await clickToCall();
    const answeredAt = Date.now();
    mark('deadAnswered');
    const doc = await until('dead line ended', (NO_MEDIA_SEC + 7) * 1000, async () => { const d = await calls.findOne({ _id: callId }); return d?.endAt ? d : null; });
    const endedAfterMs = Date.now() - answeredAt;
    await until('agent leg ends', 5000, () => agent.session?.state === SessionState.Terminated);
    const sippResult = await Promise.race([line, timeout(15_000, 'sipp (silent line)')]);
    const json = (await api('GET', `/api/calls/${callId}`)).body;
    result.silent = {
      sippExit: sippResult.code, sippOutput: sippResult.output, endedAfterMs, agentLeg: agent.session.state,
      status: doc.status, hangupBy: doc.hangupBy, talkSec: doc.talkSec, answered: !!doc.answerAt,
      failure: json.failure ?? null, talkSecJson: json.talkSec,
      warnings: warnings.filter((w) => w.callId === callId).map((w) => ({ msg: w.msg, missing: w.missing, direction: w.direction })),
    };
    const disposed = await api('POST', `/api/calls/${callId}/disposition`, { key: 'no_answer' });
    if (disposed.status !== 200) throw new Error(`disposition: ${JSON.stringify(disposed.body)}`);
    mark('silentDone');
  }

  // ---- 3. Inbound: the caller's line goes quiet once an agent has them.
  {
    const ivr = readFileSync(new URL('./sipp-ivr-dtmf.xml', import.meta.url), 'utf8');
    const bye = ivr.indexOf('  <send retrans="500"><![CDATA[\nBYE');
    if (bye < 0) throw new Error('sipp-ivr-dtmf.xml: its BYE not found');
    const waitForBye = `  <recv request="BYE"/>
  <send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>
</scenario>
`;
    writeFileSync(join(dataDir, 'quiet-caller.xml'), ivr.slice(0, bye) + waitForBye);
    const c = sipCredentials(secret, CALLER, 3600);
    writeFileSync(join(dataDir, 'caller.csv'), `SEQUENTIAL\n${CALLER};${server.domain};${HOTLINE};[authentication username=${c.username} password=${c.password}]\n`);
    const ready = await api('PUT', '/api/telephony/state', { state: 'ready' });
    if (ready.status !== 200) throw new Error(`agent state: ${JSON.stringify(ready.body)}`);
    agent.invites.length = 0;
    const line = customerLine('quiet-caller', false, ['127.0.0.1:5060', '-inf', join(dataDir, 'caller.csv'), '-p', '5081']);
    await until('agent answers', 20_000, () => agent.invites.length > 0 && agent.session?.state === SessionState.Established);
    const answeredAt = Date.now();
    const { _id: callId } = await calls.findOne({ to: HOTLINE, from: CALLER });
    const doc = await until('quiet caller ended', (NO_MEDIA_SEC + 7) * 1000, async () => { const d = await calls.findOne({ _id: callId }); return d?.endAt ? d : null; });
    const endedAfterMs = Date.now() - answeredAt;
    await until('agent leg ends', 5000, () => agent.session?.state === SessionState.Terminated);
    const sippResult = await Promise.race([line, timeout(15_000, 'sipp (quiet caller)')]);
    const json = (await api('GET', `/api/calls/${callId}`)).body;
    result.inbound = {
      sippExit: sippResult.code, sippOutput: sippResult.output, endedAfterMs, agentLeg: agent.session.state,
      status: doc.status, hangupBy: doc.hangupBy, talkSec: doc.talkSec, answered: !!doc.answerAt, agentId: doc.agentId === user.id,
      failure: json.failure ?? null,
      warnings: warnings.filter((w) => w.callId === callId).map((w) => ({ msg: w.msg, missing: w.missing, direction: w.direction })),
    };
    mark('inboundDone');
  }
  result.today = (await api('GET', '/api/calls/today')).body;
});
