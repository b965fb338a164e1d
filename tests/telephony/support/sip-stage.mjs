// What the loopback-namespace SIP scripts (sip-*-run.mjs) share: the namespace check, small waits, a sip.js UA
// with werift media that sends its own constant byte and counts what it hears by byte, and the stage itself
// (Kamailio, an embedded database, the runtime with TELEPHONY=sip on the insurance template, its clock moved
// into opening hours, its endpoint registered), the frame every script runs in (runInStage: the result as one
// JSON line, everything stopped whatever happened), and for the console's scripts Chromium signed in as an agent.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startKamailio, sipCredentials } from '@telesales/telephony';
import { PlainRtpMedia, WeriftMedia } from '@telesales/telephony/endpoint/index';
import { startEmbeddedMongo } from '@telesales/embedded-mongo';
import { buildApp } from '@telesales/runtime/app';
import { installTemplate, templateDir } from '@telesales/runtime/templates/install';
import { sipCarrierOf } from '@telesales/runtime/carriers/sip/sip-carrier';
import { Inviter, Registerer, RegistererState, SessionState, UserAgent } from 'sip.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Brings loopback up if it is down; the interfaces of the namespace (the tests assert only `lo` is there). */
export function enterNamespace() {
  if (typeof globalThis.WebSocket !== 'function') throw new Error('No WebSocket in this Node: run with --experimental-websocket (Node 20) or Node 22+');
  const link = execFileSync('ip', ['-o', 'link', 'show', 'lo'], { encoding: 'utf8' });
  if (!/[<,]UP[,>]/.test(link)) execFileSync('ip', ['link', 'set', 'lo', 'up']);
  return execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).trim().split('\n').map((l) => l.split(':')[1].trim());
}

/** A Monday 10:00 in Shanghai: the demo flow's business hours are open. */
export const OPEN_HOURS = Date.parse('2026-05-04T02:00:00.000Z');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export async function until(what, ms, test) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(50);
  }
}
export const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms));

/**
 * A sip.js UA with werift media that sends its tone while a call is up and counts what it hears, by byte (and the
 * audio packets); with `autoAnswer` it answers a call `answerDelay` ms after it rings. `plainRtp`: RTP/AVP media
 * instead (PlainRtpMedia), as a customer's line behind a trunk speaks it: click-to-call legs offer nothing else.
 */
export async function phone(server, secret, user, tone, { autoAnswer = false, answerDelay = 300, trace = null, plainRtp = false } = {}) {
  const p = { user, media: null, session: null, heard: new Map(), heardAfter: null, packets: 0, invites: [], keys: [] };
  const credentials = sipCredentials(secret, user, 3600);
  const ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${user}@${server.domain}`),
    authorizationUsername: credentials.username, authorizationPassword: credentials.password,
    transportOptions: { server: server.wsUrl, traceSip: !!trace }, logLevel: trace ? 'debug' : 'error',
    logBuiltinEnabled: false,
    logConnector: trace ? (level, category, label, content) => { if (/^Received WebSocket text message/.test(content)) trace.push(content.replace(/^Received WebSocket text message:\s*/, '')); } : undefined,
    sessionDescriptionHandlerFactory: () => {
      const events = { onAudio: (payload) => {
        const key = payload[0];
        const uniform = payload.every((b) => b === key);
        const k = uniform ? key : 'other';
        p.packets++;
        p.heard.set(k, (p.heard.get(k) ?? 0) + payload.length);
        if (p.heardAfter && !uniform) p.heardAfter.other += payload.length;
      }, onDtmf: (key) => p.keys.push(key) };
      const media = plainRtp ? new PlainRtpMedia(events) : new WeriftMedia(events);
      p.media = media;
      const frame = Buffer.alloc(160, tone);
      const timer = setInterval(() => { if (media.isConnected) media.sendFrame(frame); }, 20);
      if (plainRtp) {
        const close = media.close.bind(media);
        media.close = () => { clearInterval(timer); close(); };
      } else {
        media.pc.connectionStateChange.subscribe((s) => { if (s === 'closed' || s === 'failed') clearInterval(timer); });
      }
      p.stopTone = () => clearInterval(timer);
      return media;
    },
    delegate: {
      onInvite: (invitation) => {
        p.invites.push({ xCallId: invitation.request.getHeader('X-Call-Id') ?? null, xMonitorCallId: invitation.request.getHeader('X-Monitor-Call-Id') ?? null, from: invitation.remoteIdentity.uri.user, to: invitation.request.to.uri.user });
        p.session = invitation;
        if (autoAnswer) setTimeout(() => void invitation.accept().catch(() => {}), answerDelay);
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
  /** Calls `target`; `onState` sees every state of the call from the first, `requestDelegate` goes with the INVITE. */
  p.call = async (target, headers = [], { onState, requestDelegate } = {}) => {
    const inviter = new Inviter(ua, UserAgent.makeURI(target), { extraHeaders: headers });
    p.session = inviter;
    if (onState) inviter.stateChange.addListener(onState);
    const established = new Promise((resolve, reject) => inviter.stateChange.addListener((s) => {
      if (s === SessionState.Established) resolve();
      if (s === SessionState.Terminated) reject(new Error(`${user}: call to ${target} ended before it was established`));
    }));
    await inviter.invite(requestDelegate ? { requestDelegate } : undefined);
    await Promise.race([established, timeout(15_000, `${user} INVITE ${target}`)]);
    return inviter;
  };
  return p;
}

export async function bye(p) {
  const s = p.session;
  if (!s || s.state !== SessionState.Established) return;
  const done = new Promise((resolve) => s.stateChange.addListener((st) => st === SessionState.Terminated && resolve()));
  await s.bye();
  await Promise.race([done, timeout(5000, `${p.user} BYE`)]);
}

/**
 * Kamailio, an embedded database and the runtime in TELEPHONY=sip with the insurance template, its data in a
 * fresh temporary directory, its clock moved into opening hours, its SIP endpoint registered, Kamailio's JSON-RPC
 * as its SIP_RPC_URL (disabled users are revoked there); with `serveApps`, the built console and builder too; `mark`
 * (run.mark) times when Kamailio is up; `kamailio` adds to Kamailio's settings (`trunkUri`), `telephony` to the
 * runtime's (`sipNoMediaSec`). stopStage undoes it.
 */
export async function startStage(name, secret, { serveApps = false, mark, kamailio = {}, telephony = {} } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), `${name}-data-`));
  process.env.DATA_DIR = dataDir;
  process.env.TTS_CACHE_DIR = join(dataDir, 'tts');
  const stage = { dataDir };
  try {
    stage.server = await startKamailio({ secret, wsPort: 8080, sipPort: 5060, ...kamailio });
    mark?.('kamailio');
    stage.mongo = await startEmbeddedMongo();
    stage.app = await buildApp({
      mongoUri: stage.mongo.uri, dbName: name.replace(/-/g, '_'), embedded: true,
      ...(serveApps ? { static: { builderDir: join(ROOT, 'builder/dist'), consoleDir: join(ROOT, 'console/dist') } } : {}),
      telephony: {
        mode: 'sip', sipDomain: stage.server.domain, sipWsUrl: stage.server.wsUrl, sipSecret: secret, sipCredentialTtlSec: 3600,
        sipRpcUrl: stage.server.rpcUrl, ...telephony,
      },
    });
    await installTemplate(stage.app, templateDir('insurance'));
    const shift = OPEN_HOURS - Date.now();
    stage.app.calls.useClock({ now: () => Date.now() + shift, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h) });
    await stage.app.ready();
    stage.carrier = sipCarrierOf(stage.app.calls);
    if (!stage.carrier) throw new Error('TELEPHONY=sip did not attach the SIP endpoint');
    await Promise.race([stage.carrier.ready, timeout(10_000, 'runtime endpoint registration')]);
  } catch (error) {
    // Whatever did start is stopped, so a failed start leaves no Kamailio or database behind.
    await stage.app?.close().catch(() => {});
    await stage.mongo?.stop().catch(() => {});
    await stage.server?.stop().catch(() => {});
    throw error;
  }
  return stage;
}

/** Signs a demo user in through the API; `api(method, url, payload)` then calls as them (cookie + CSRF). */
export async function signIn(app, login, password) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
  if (res.statusCode !== 200) throw new Error(`login: ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  const { csrfToken, user } = JSON.parse(res.body);
  const api = async (method, url, payload) => {
    const r = await app.inject({ method, url, payload, headers: { cookie, ...(method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}) } });
    return { status: r.statusCode, body: r.headers['content-type']?.includes('json') ? JSON.parse(r.body) : r.rawPayload };
  };
  return { api, user };
}

/**
 * Ends a run: the phones hang up, the runtime, database and Kamailio stop, the data directory goes; when the run
 * failed, the last lines of Kamailio's log (after `extraLog`) go into `result.log` for the test's message. A stage
 * may also be Kamailio alone (`{ server }`, for signalling-only scripts).
 */
export async function stopStage(stage, result, phones = [], extraLog = []) {
  for (const p of phones) { p.stopTone?.(); await p.ua?.stop().catch(() => {}); }
  await stage?.app?.close().catch((e) => { result.closeError = String(e); });
  await stage?.mongo?.stop().catch(() => {});
  const log = stage?.server?.log() ?? '';
  await stage?.server?.stop().catch(() => {});
  if (result.error) result.log = [...extraLog, ...log.split('\n').slice(-30)].join('\n');
  if (stage?.dataDir) rmSync(stage.dataDir, { recursive: true, force: true });
}

/** The template's hotline: a greeting, the language menu, the main menu (2: service). */
export const HOTLINE = '4008001234';

/**
 * `caller` dials the hotline, hears the greeting, presses 1 (Chinese) and then 2 (service) by RFC 4733: the call
 * waits in the service queue. Returns the call's id.
 */
export async function callServiceQueue(app, server, caller) {
  const calls = app.db.collection('calls');
  await caller.call(`sip:${HOTLINE}@${server.domain}`);
  const { _id: callId } = await until('call record', 5000, () => calls.findOne({ to: HOTLINE, from: caller.user }));
  await until('greeting audio', 15_000, () => caller.heardOf('other') >= 4000);
  await caller.media.sendKey('1');
  await until('main menu', 10_000, async () => ((await calls.findOne({ _id: callId }))?.flowState?.trace ?? []).some((s) => s.node === 'main_menu'));
  await sleep(300);
  await caller.media.sendKey('2');
  await until('queued for service', 10_000, async () => (await calls.findOne({ _id: callId }))?.queue === 'service');
  return callId;
}

/** Debian's Chromium (CHROMIUM_PATH), headless, for WebRTC on loopback with a fake microphone (a beep) and no prompts. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
      '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/**
 * Signs `login` in to the console at `baseUrl` in `page`, in English, waits for its softphone to register (the
 * `registered` mark, with `mark`) and sets the agent ready; the ready state's key is returned.
 */
export async function consoleReady(page, baseUrl, login, password, { mark } = {}) {
  await page.goto(`${baseUrl.replace(/\/$/, '')}/console/login`);
  await page.getByTestId('login-name').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav').waitFor();
  await page.getByTestId('lang-en').click();
  await page.locator('[data-testid=phone-bar][data-mode=sip][data-link=ready]').waitFor({ timeout: 20_000 });
  mark?.('registered');
  const stateSelect = page.locator('[data-testid=agent-state]:not([disabled])');
  await stateSelect.waitFor();
  const readyKey = await page.locator('[data-testid=agent-state] option[data-kind=ready]').first().getAttribute('value');
  await stateSelect.selectOption(readyKey);
  await page.locator(`[data-testid=agent-state][data-state="${readyKey}"]`).waitFor();
  return readyKey;
}

/**
 * A namespace script's frame: brings loopback up, times the marks, runs `body`, and then, whatever happened, runs
 * `run.cleanup`, stops `run.stage` and `run.phones` (set by the body as it goes), prints the result as the one JSON
 * line the test reads, and exits. `fields` start the result (next to `interfaces` and `marks`).
 */
export async function runInStage(body, fields = {}) {
  const t0 = Date.now();
  const result = { interfaces: enterNamespace(), marks: {}, ...fields };
  const run = { result, stage: null, phones: [], extraLog: [], cleanup: null, mark: (name) => { result.marks[name] = Date.now() - t0; } };
  try {
    await body(run);
  } catch (error) {
    result.error = String(error?.stack ?? error);
  } finally {
    await run.cleanup?.();
    await stopStage(run.stage, result, run.phones, run.extraLog);
    run.mark('done');
  }
  console.log(JSON.stringify(result));
  process.exit(0);
}
