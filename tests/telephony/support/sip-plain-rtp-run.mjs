// Run by sip-plain-rtp.test.ts as `unshare -n node sip-plain-rtp-run.mjs`: a network namespace holding only loopback.
// The shared stage (sip-stage.mjs: Kamailio, embedded database, runtime with TELEPHONY=sip on the insurance
// template), then sipp as a SIP phone with plain RTP (UDP to Kamailio 127.0.0.1:5060, RTP/AVP offer) calls the
// hotline 4008001234 (sipp-ivr-dtmf.xml): the endpoint answers with plain RTP, sipp echoes the greeting's RTP back
// (-rtp_echo: the endpoint receiving its own audio proves sipp got it), presses 1 then 2 as RFC 4733 from pcaps, hangs up.
// Prints one JSON line with what happened.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sipCredentials } from '@telesales/telephony';
import { runInStage, startStage, timeout, until } from './sip-stage.mjs';

const ENTRY = '4008001234';
const CALLER = '13912345678';
const secret = randomBytes(24).toString('base64url');
await runInStage(async (run) => {
  const { result, mark } = run;
  let sipp;
  run.cleanup = async () => {
    sipp?.kill('SIGKILL');
    if (!result.error || !run.stage) return;
    try { result.sippErrors = readFileSync(join(run.stage.dataDir, 'sipp-errors.log'), 'utf8').slice(-3000); } catch { /* none */ }
  };
  const stage = run.stage = await startStage('sip-plain-rtp', secret);
  const { server, app, carrier, dataDir } = stage;
  mark('stage');

  // The endpoint's side of the call, kept when it appears (the endpoint forgets it once it ends).
  let endpointCall = null;
  const keysHeard = [];
  let speechEchoed = 0; // echoed frames that are not mu-law silence: the greeting's speech went to sipp and back
  const watch = setInterval(() => {
    if (endpointCall) return;
    endpointCall = [...carrier.endpoint.calls.values()].find((c) => c.to === ENTRY) ?? null;
    endpointCall?.onDtmf((key, via) => keysHeard.push(`${key}:${via}`));
    endpointCall?.onAudio((payload) => { if (!payload.every((b) => b === 0xff)) speechEchoed++; });
  }, 5);

  const scenario = join(dataDir, 'sipp-ivr-dtmf.xml');
  copyFileSync(new URL('./sipp-ivr-dtmf.xml', import.meta.url), scenario);
  const c = sipCredentials(secret, CALLER, 3600);
  const csv = join(dataDir, 'caller.csv');
  writeFileSync(csv, `SEQUENTIAL\n${CALLER};${server.domain};${ENTRY};[authentication username=${c.username} password=${c.password}]\n`);
  const args = ['127.0.0.1:5060', '-sf', scenario, '-inf', csv, '-m', '1', '-i', '127.0.0.1', '-p', '5081', '-t', 'u1',
    '-mi', '127.0.0.1', '-mp', '16000', '-rtp_echo', '-trace_err', '-error_file', join(dataDir, 'sipp-errors.log'),
    '-nostdin', '-timeout', '30s', '-timeout_error'];
  sipp = spawn('sipp', args, { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let sippOut = '';
  sipp.stdout.on('data', (d) => { sippOut = (sippOut + d).slice(-4000); });
  sipp.stderr.on('data', (d) => { sippOut = (sippOut + d).slice(-4000); });
  const sippExit = new Promise((resolve) => sipp.once('exit', (code) => resolve(code)));

  const callsCol = app.db.collection('calls');
  const doc0 = await until('call record', 10_000, () => callsCol.findOne({ to: ENTRY }));
  mark('answered');
  result.callRecord = { from: doc0.from, to: doc0.to, direction: doc0.direction };
  await until('endpoint call', 2000, () => endpointCall);
  // The endpoint sends the greeting; sipp echoes every packet back to where it came from.
  await until('greeting echoed by sipp', 5000, () => endpointCall.media?.rxBytes >= 4000);
  mark('greetingEchoed');
  result.media = { kind: endpointCall.media.constructor.name, port: endpointCall.media.port ?? null };

  result.sippExit = await Promise.race([sippExit, timeout(30_000, 'sipp')]);
  sipp = null;
  mark('sippDone');
  clearInterval(watch);
  result.sippOutput = result.sippExit === 0 ? undefined : sippOut.split('\n').filter((l) => l.trim()).slice(-15).join('\n');
  const media = endpointCall.media;
  result.endpoint = { keysHeard, speechEchoed, rxPackets: media.rxPackets, rxBytes: media.rxBytes, txPackets: media.txPackets, endedBy: endpointCall.endedBy };
  const ended = await until('call record ends', 5000, async () => {
    const doc = await callsCol.findOne({ _id: doc0._id });
    return doc?.endAt ? doc : null;
  });
  mark('ended');
  result.call = { status: ended.status, hangupBy: ended.hangupBy ?? null, language: ended.flowState?.language ?? null, queue: ended.queue ?? null };
  result.trace = (ended.flowState?.trace ?? []).map((s) => ({ node: s.node, type: s.type, ...(s.event ? { event: s.event } : {}), ...(s.port ? { port: s.port } : {}) }));
});
