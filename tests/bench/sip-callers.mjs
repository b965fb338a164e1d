// Child process of tests/bench/sip.bench.mjs: N customers calling the IVR at once, each a sip.js UA with werift
// media (WebRTC: ICE + DTLS-SRTP, what the runtime's endpoint speaks). They run here, not in the runtime's process,
// so the runtime's event loop is measured alone. Callers with plain RTP (sipp) are section 3 of the bench.
//
// Protocol (IPC): argv JSON {n, wsUrl, domain, secret, entry, holdMs, firstNumber, staggerMs}. The child dials all
// calls, sends {type:'connected', ok, failed}, measures every caller's received PCMU packets for holdMs
// (arrival times), sends {type:'window', phase:'start'|'end'}, hangs up and sends {type:'result', ...}, then exits.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { sipCredentials } from '@telesales/telephony';
import { WeriftMedia } from '@telesales/telephony/endpoint/index';
import { Inviter, SessionState, UserAgent } from 'sip.js';

const opts = JSON.parse(process.argv[2]);
const send = (m) => new Promise((resolve) => process.send(m, resolve));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const LATE_MS = 40; // two 20 ms frames

async function dial(i) {
  const number = String(opts.firstNumber + i);
  const c = sipCredentials(opts.secret, number, 3600);
  const caller = { number, media: null, arrivals: null, ended: false, error: null, ua: null, inviter: null };
  caller.ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${number}@${opts.domain}`),
    authorizationUsername: c.username, authorizationPassword: c.password,
    transportOptions: { server: opts.wsUrl }, logLevel: 'error',
    sessionDescriptionHandlerFactory: () => (caller.media = new WeriftMedia({
      onAudio: () => { if (caller.arrivals) caller.arrivals.push(performance.now()); },
    })),
  });
  await caller.ua.start();
  caller.inviter = new Inviter(caller.ua, UserAgent.makeURI(`sip:${opts.entry}@${opts.domain}`));
  const established = new Promise((resolve, reject) => caller.inviter.stateChange.addListener((s) => {
    if (s === SessionState.Established) resolve();
    if (s === SessionState.Terminated) { caller.ended = true; reject(new Error('ended before established')); }
  }));
  await caller.inviter.invite({ requestDelegate: { onReject: (r) => { caller.error = `INVITE ${r.message.statusCode}`; } } });
  await Promise.race([established, sleep(30_000).then(() => { throw new Error('INVITE: no answer in 30 s'); })]);
  await Promise.race([caller.media.connected, sleep(30_000).then(() => { throw new Error('media: not connected in 30 s'); })]);
  return caller;
}

const callers = [];
const failures = [];
const pending = [];
for (let i = 0; i < opts.n; i++) {
  pending.push(dial(i).then((c) => callers.push(c), (e) => failures.push(String(e?.message ?? e))));
  if (opts.staggerMs) await sleep(opts.staggerMs);
}
await Promise.all(pending);
await send({ type: 'connected', ok: callers.length, failed: failures.length, failures: failures.slice(0, 3) });
// Let the setup settle (DTLS/ICE of the last callers, the flow's first steps), then measure.
await sleep(1000);

const lag = monitorEventLoopDelay({ resolution: 10 });
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (const c of callers) c.arrivals = [];
lag.enable();
await send({ type: 'window', phase: 'start' });
await sleep(opts.holdMs);
await send({ type: 'window', phase: 'end' });
lag.disable();
const t1 = performance.now();
const cpu = process.cpuUsage(cpu0);
const perCall = callers.map((c) => {
  const a = c.arrivals.filter((t) => t <= t1);
  c.arrivals = null;
  let late = 0;
  let maxGap = 0;
  for (let k = 1; k < a.length; k++) {
    const gap = a[k] - a[k - 1];
    if (gap > LATE_MS) late++;
    if (gap > maxGap) maxGap = gap;
  }
  return { packets: a.length, late, maxGap, endedEarly: c.ended || c.inviter.state === SessionState.Terminated };
});

await Promise.all(callers.map(async (c) => {
  try { if (c.inviter.state === SessionState.Established) await c.inviter.bye(); } catch { /* gone */ }
}));
await sleep(300);
await Promise.all(callers.map((c) => c.ua.stop().catch(() => {})));
await send({
  type: 'result',
  windowMs: t1 - t0,
  perCall,
  cpuPct: ((cpu.user + cpu.system) / 1000 / (t1 - t0)) * 100,
  loopLagP99Ms: lag.percentile(99) / 1e6,
  loopLagMaxMs: lag.max / 1e6,
});
process.exit(0);
