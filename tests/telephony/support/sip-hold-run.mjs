// Run by sip-hold.test.ts as `unshare -n node sip-hold-run.mjs`: a network namespace holding only loopback.
// Kamailio, the runtime with TELEPHONY=sip, and two sip.js UAs with werift media: the caller (13912345678) and the
// agent (sip:<agent1's id>). Each UA sends frames of its own constant byte, so what a side receives tells whose
// audio it is. After the agent answers, the agent's API calls hold / unhold / mute / unmute (as the console does in
// sip mode) and the script measures what each side hears in every phase. Prints one JSON line with what happened.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
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

const OPEN_HOURS = Date.parse('2026-05-04T02:00:00.000Z');
const ENTRY = '4008001234';
const CALLER = '13912345678';
const TONE = { caller: 0x22, agent: 0x11 };
const secret = randomBytes(24).toString('base64url');
const dataDir = mkdtempSync(join(tmpdir(), 'sip-hold-data-'));
process.env.DATA_DIR = dataDir;
process.env.TTS_CACHE_DIR = join(dataDir, 'tts');

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

/** A sip.js UA with werift media that sends its tone while a call is up and counts what it hears, by byte. */
async function phone(server, user, tone, { autoAnswer = false, trace = null } = {}) {
  const p = { user, media: null, session: null, heard: new Map(), heardAfter: null, invites: [] };
  const credentials = sipCredentials(secret, user, 3600);
  const ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${user}@${server.domain}`),
    authorizationUsername: credentials.username, authorizationPassword: credentials.password,
    transportOptions: { server: server.wsUrl, traceSip: !!trace }, logLevel: trace ? 'debug' : 'error',
    logBuiltinEnabled: false,
    logConnector: trace ? (level, category, label, content) => { if (/^Received WebSocket text message/.test(content)) trace.push(content.replace(/^Received WebSocket text message:\s*/, '')); } : undefined,
    sessionDescriptionHandlerFactory: () => {
      const media = new WeriftMedia({ onAudio: (payload) => {
        const key = payload[0];
        const uniform = payload.every((b) => b === key);
        const k = uniform ? key : 'other';
        p.heard.set(k, (p.heard.get(k) ?? 0) + payload.length);
        if (p.heardAfter && !uniform) p.heardAfter.other += payload.length;
      } });
      p.media = media;
      const frame = Buffer.alloc(160, tone);
      const timer = setInterval(() => { if (media.isConnected) media.sendFrame(frame); }, 20);
      media.pc.connectionStateChange.subscribe((s) => { if (s === 'closed' || s === 'failed') clearInterval(timer); });
      p.stopTone = () => clearInterval(timer);
      return media;
    },
    delegate: {
      onInvite: (invitation) => {
        p.invites.push({ xCallId: invitation.request.getHeader('X-Call-Id') ?? null, from: invitation.remoteIdentity.uri.user });
        p.session = invitation;
        if (autoAnswer) setTimeout(() => void invitation.accept().catch(() => {}), 300);
      },
    },
  });
  await ua.start();
  const registerer = new Registerer(ua, { expires: 300 });
  await Promise.race([new Promise((resolve, reject) => {
    registerer.stateChange.addListener((s) => s === RegistererState.Registered && resolve());
    registerer.register({ requestDelegate: { onReject: (r) => reject(new Error(`${user} REGISTER ${r.message.statusCode}`)) } });
  }), timeout(5000, `${user} REGISTER`)]);
  p.ua = ua;
  p.heardOf = (byte) => p.heard.get(byte) ?? 0;
  p.call = async (target, headers = []) => {
    const inviter = new Inviter(ua, UserAgent.makeURI(target), { extraHeaders: headers });
    p.session = inviter;
    const established = new Promise((resolve, reject) => inviter.stateChange.addListener((s) => {
      if (s === SessionState.Established) resolve();
      if (s === SessionState.Terminated) reject(new Error(`${user}: call to ${target} ended before it was established`));
    }));
    await inviter.invite();
    await Promise.race([established, timeout(15_000, `${user} INVITE ${target}`)]);
    return inviter;
  };
  return p;
}

async function bye(p) {
  const s = p.session;
  if (!s || s.state !== SessionState.Established) return;
  const done = new Promise((resolve) => s.stateChange.addListener((st) => st === SessionState.Terminated && resolve()));
  await s.bye();
  await Promise.race([done, timeout(5000, `${p.user} BYE`)]);
}

const result = { interfaces, marks };
let server, mongo, app;
const phones = [];
try {
  server = await startKamailio({ secret, wsPort: 8080, sipPort: 5060 });
  mongo = await startEmbeddedMongo();
  app = await buildApp({
    mongoUri: mongo.uri, dbName: 'sip_hold', embedded: true,
    telephony: { mode: 'sip', sipDomain: server.domain, sipWsUrl: server.wsUrl, sipSecret: secret, sipCredentialTtlSec: 3600 },
  });
  await installTemplate(app, templateDir('insurance'));
  const shift = OPEN_HOURS - Date.now();
  app.calls.useClock({ now: () => Date.now() + shift, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h) });
  await app.ready();
  const carrier = sipCarrierOf(app.calls);
  if (!carrier) throw new Error('TELEPHONY=sip did not attach the SIP endpoint');
  await Promise.race([carrier.ready, timeout(10_000, 'runtime endpoint registration')]);
  mark('runtime');

  // agent1 signs in, joins the service group and goes ready.
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'agent1', password: 'agent123' } });
  if (login.statusCode !== 200) throw new Error(`login: ${login.body}`);
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  const { csrfToken, user } = JSON.parse(login.body);
  const api = async (method, url, payload) => {
    const res = await app.inject({ method, url, payload, headers: { cookie, ...(method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}) } });
    return { status: res.statusCode, body: res.headers['content-type']?.includes('json') ? JSON.parse(res.body) : res.rawPayload };
  };
  await app.db.collection('skill_groups').updateOne({ key: 'service' }, { $addToSet: { members: user.id } });
  const agent = await phone(server, user.id, TONE.agent, { autoAnswer: true });
  phones.push(agent);
  const ready = await api('PUT', '/api/telephony/state', { state: 'ready' });
  if (ready.status !== 200) throw new Error(`agent state: ${JSON.stringify(ready.body)}`);

  // ---- The caller reaches the service queue; the agent's phone rings and answers.
  const caller = await phone(server, CALLER, TONE.caller);
  phones.push(caller);
  await caller.call(`sip:${ENTRY}@${server.domain}`);
  await Promise.race([until('caller media', 10_000, () => caller.media?.isConnected), timeout(10_000, 'caller media')]);
  const calls = app.db.collection('calls');
  const doc0 = await until('call record', 5000, () => calls.findOne({ to: ENTRY }));
  const callId = doc0._id;
  await until('greeting audio', 15_000, () => caller.heardOf('other') >= 4000);
  await caller.media.sendKey('1');
  await until('main menu', 10_000, async () => ((await calls.findOne({ _id: callId }))?.flowState?.trace ?? []).some((s) => s.node === 'main_menu'));
  await sleep(300);
  await caller.media.sendKey('2');
  await until('queued for service', 10_000, async () => (await calls.findOne({ _id: callId }))?.queue === 'service');
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
} catch (error) {
  result.error = String(error?.stack ?? error);
} finally {
  for (const p of phones) { p.stopTone?.(); await p.ua?.stop().catch(() => {}); }
  await app?.close().catch((e) => { result.closeError = String(e); });
  await mongo?.stop().catch(() => {});
  const log = server?.log() ?? '';
  await server?.stop().catch(() => {});
  if (result.error) result.log = log.split('\n').slice(-30).join('\n');
  rmSync(dataDir, { recursive: true, force: true });
  mark('done');
}
console.log(JSON.stringify(result));
process.exit(0);
