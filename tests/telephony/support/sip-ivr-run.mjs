// Run by sip-ivr.test.ts as `unshare -n node sip-ivr-run.mjs`: a network namespace holding only loopback.
// Starts Kamailio, the runtime with TELEPHONY=sip on an embedded database with the insurance template (clock
// set to business hours), whose SIP endpoint registers as `runtime`; then a customer's sip.js UA with werift
// media calls the entry number 4008001234, counts the greeting's audio, presses 1 (RFC 4733) and hangs up.
// Prints one JSON line with what happened.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKamailio, sipCredentials } from '@telesales/telephony';
import { WeriftMedia } from '@telesales/telephony/endpoint/index';
import { startEmbeddedMongo } from '@telesales/embedded-mongo';
import { buildApp } from '@telesales/runtime/app';
import { installTemplate, templateDir } from '@telesales/runtime/templates/install';
import { sipCarrierOf } from '@telesales/runtime/calls/sip-carrier';
import { Inviter, Registerer, RegistererState, SessionState, UserAgent } from 'sip.js';

if (typeof globalThis.WebSocket !== 'function') throw new Error('No WebSocket in this Node: run with --experimental-websocket (Node 20) or Node 22+');
const t0 = Date.now();
const marks = {};
const mark = (name) => { marks[name] = Date.now() - t0; };
const link = execFileSync('ip', ['-o', 'link', 'show', 'lo'], { encoding: 'utf8' });
if (!/[<,]UP[,>]/.test(link)) execFileSync('ip', ['link', 'set', 'lo', 'up']);
const interfaces = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).trim().split('\n').map((l) => l.split(':')[1].trim());

/** Monday 2026-05-04, 10:00 in Shanghai: the template's hotline is open (as tests/integration/calls-support.ts). */
const OPEN_HOURS = Date.parse('2026-05-04T02:00:00.000Z');
const ENTRY = '4008001234';
const CALLER = '13912345678';
const secret = randomBytes(24).toString('base64url');
const ttsDir = mkdtempSync(join(tmpdir(), 'sip-ivr-tts-'));
process.env.TTS_CACHE_DIR = ttsDir;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, ms, test) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(50);
  }
}
const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms));

const result = { interfaces, marks };
let server, mongo, app, ua;
try {
  server = await startKamailio({ secret, wsPort: 8080, sipPort: 5060 });
  mark('kamailio');
  mongo = await startEmbeddedMongo();
  app = await buildApp({
    mongoUri: mongo.uri, dbName: 'sip_ivr', embedded: true,
    telephony: { mode: 'sip', sipDomain: server.domain, sipWsUrl: server.wsUrl, sipSecret: secret, sipCredentialTtlSec: 3600 },
  });
  await installTemplate(app, templateDir('insurance'));
  // Real time, shifted into the hotline's opening hours (timers are real: prompts play in real time).
  const shift = OPEN_HOURS - Date.now();
  app.calls.useClock({ now: () => Date.now() + shift, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h) });
  await app.ready();
  const carrier = sipCarrierOf(app.calls);
  if (!carrier) throw new Error('TELEPHONY=sip did not attach the SIP endpoint');
  await Promise.race([carrier.ready, timeout(10_000, 'runtime endpoint registration')]);
  result.endpointRegistered = true;
  mark('runtime');

  // The customer: a sip.js UA with werift media, registered with its own ephemeral credentials.
  let media = null;
  const audioAt = [];
  const credentials = sipCredentials(secret, CALLER, 3600);
  ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${CALLER}@${server.domain}`),
    authorizationUsername: credentials.username, authorizationPassword: credentials.password,
    transportOptions: { server: server.wsUrl }, logLevel: 'error',
    sessionDescriptionHandlerFactory: () => (media = new WeriftMedia({ onAudio: (p) => audioAt.push([Date.now(), p.length]) })),
  });
  await ua.start();
  const registerer = new Registerer(ua, { expires: 300 });
  await Promise.race([new Promise((resolve, reject) => {
    registerer.stateChange.addListener((s) => s === RegistererState.Registered && resolve());
    registerer.register({ requestDelegate: { onReject: (r) => reject(new Error(`caller REGISTER ${r.message.statusCode}`)) } });
  }), timeout(5000, 'caller REGISTER')]);

  const inviter = new Inviter(ua, UserAgent.makeURI(`sip:${ENTRY}@${server.domain}`));
  const states = [];
  const established = new Promise((resolve, reject) => inviter.stateChange.addListener((s) => {
    states.push(s);
    if (s === SessionState.Established) resolve();
    if (s === SessionState.Terminated) reject(new Error('call ended before it was established'));
  }));
  const terminated = new Promise((resolve) => inviter.stateChange.addListener((s) => s === SessionState.Terminated && resolve()));
  await inviter.invite({ requestDelegate: { onReject: (r) => { result.rejected = r.message.statusCode; } } });
  await Promise.race([established, timeout(10_000, 'INVITE')]);
  mark('established');
  await Promise.race([media.connected, timeout(10_000, 'media (ICE/DTLS)')]);
  mark('mediaConnected');

  const callsCol = app.db.collection('calls');
  const doc0 = await until('call record', 5000, () => callsCol.findOne({ to: ENTRY }));
  result.callRecord = { from: doc0.from, to: doc0.to, direction: doc0.direction };

  // One second of the greeting (8000 bytes of PCMU) before pressing a key.
  await until('greeting audio', 15_000, () => media.rxBytes >= 8000);
  mark('greetingHeard');
  const greetingBytes = media.rxBytes;
  const keysHeard = [];
  const sipCall = carrier.call(doc0._id);
  sipCall?.onDtmf((key, via) => keysHeard.push(`${key}:${via}`));
  await media.sendKey('1');
  mark('dtmfSent');
  const beforeMenu = media.rxBytes;

  // The flow takes the language node's port for 1 and moves on (lookup, then the main menu's prompt).
  const moved = await until('flow moves past the language node', 10_000, async () => {
    const doc = await callsCol.findOne({ _id: doc0._id });
    const trace = doc?.flowState?.trace ?? [];
    return trace.some((s) => s.node === 'main_menu' || s.type === 'queue') ? doc : null;
  });
  mark('flowMoved');
  // The menu's prompt is heard too.
  await until('menu audio', 10_000, () => media.rxBytes >= beforeMenu + 8000);
  mark('menuHeard');
  // The SIP INFO fallback: key 2 in the main menu (policy service) sends the caller to the service queue.
  const infoStatus = await Promise.race([new Promise((resolve) => inviter.info({
    requestDelegate: { onAccept: (r) => resolve(r.message.statusCode), onReject: (r) => resolve(r.message.statusCode) },
    requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: 'Signal=2\r\nDuration=160' } },
  })), timeout(5000, 'SIP INFO')]);
  result.infoStatus = infoStatus;
  await until('the call queues', 10_000, async () => {
    const doc = await callsCol.findOne({ _id: doc0._id });
    return (doc?.flowState?.trace ?? []).some((s) => s.node === 'service_queue') && doc.queue ? doc : null;
  });
  mark('queued');
  result.queue = (await callsCol.findOne({ _id: doc0._id })).queue;
  result.endpoint = { keysHeard, rxPackets: sipCall?.media?.rxPackets ?? 0, txPackets: sipCall?.media?.txPackets ?? 0 };

  await inviter.bye();
  await Promise.race([terminated, timeout(5000, 'BYE')]);
  const ended = await until('call record ends', 5000, async () => {
    const doc = await callsCol.findOne({ _id: doc0._id });
    return doc?.endAt ? doc : null;
  });
  mark('ended');
  result.call = {
    states,
    greetingBytes,
    totalAudioBytes: media.rxBytes,
    audioPackets: audioAt.length,
    language: moved.flowState.language,
    status: ended.status,
    hangupBy: ended.hangupBy ?? null,
    flowEnded: ended.flowState?.ended ?? false,
    endReason: ended.flowState?.endReason ?? null,
  };
  result.trace = (ended.flowState?.trace ?? []).map((s) => ({ node: s.node, type: s.type, ...(s.event ? { event: s.event } : {}), ...(s.port ? { port: s.port } : {}) }));
  result.ttsFiles = readdirSync(ttsDir).filter((f) => f.endsWith('.ulaw')).length;
  await registerer.unregister().catch(() => {});
} catch (error) {
  result.error = String(error?.stack ?? error);
} finally {
  await ua?.stop().catch(() => {});
  await app?.close().catch((e) => { result.closeError = String(e); });
  await mongo?.stop().catch(() => {});
  const log = server?.log() ?? '';
  await server?.stop().catch(() => {});
  if (result.error) result.log = log.split('\n').slice(-30).join('\n');
  rmSync(ttsDir, { recursive: true, force: true });
  mark('done');
}
console.log(JSON.stringify(result));
process.exit(0);
