#!/usr/bin/env node
// Telephony benchmark (`npm run bench:sip`, which builds the packages first). Runs in a network namespace that
// holds only loopback: the script re-executes itself under `unshare -n` (`-r -n` when not root) and brings lo up.
//   1. 200 agent registrations with sipp (tests/bench/sipp/register.xml, an injection file of per-agent ephemeral
//      credentials: userId;`<expiry>:<userId>`;base64(HMAC-SHA1(secret, username))) against Kamailio with the
//      package's configuration (auth_ephemeral: 401 challenge, digest answer, 200). Registrations/s, successes,
//      p50/p99 response time (first REGISTER to final 200). Baseline in the same run: the same 200 REGISTERs to a
//      Kamailio with the same configuration minus route(AUTH) (it answers 200 at once) -> ratio.
//   2. Concurrent IVR calls holding audio: N customers (SIP_BENCH_CALLS, default 1 (baseline),10,25,50) call the
//      entry number of the insurance template's inbound flow on the runtime's SIP endpoint (TELEPHONY=sip, clock
//      shifted into business hours as tests/telephony/support/sip-ivr-run.mjs does). Each caller is a sip.js UA
//      with werift media in a child process (tests/bench/sip-callers.mjs), so the runtime's event loop is measured
//      alone (section 3 has sipp callers with plain RTP).
//      Once all N have media, every caller records the arrival time of each PCMU packet for SIP_BENCH_HOLD_MS
//      (default 8000; the greeting, then the flow's next prompts, silence frames between them): an inter-arrival
//      gap > 40 ms (two frames) makes that packet late. Reported: % late packets, packets received vs expected
//      (window / 20 ms), the runtime process's CPU (its embedded database runs in a worker thread of that process)
//      and event-loop delay, the callers' CPU; and whether 50 calls stay under 1% late. The 1-call row is the
//      baseline: what concurrency adds.
//   3. Concurrent IVR calls from plain RTP phones: N sipp callers (SIP_BENCH_RTP_CALLS, default 1,10,25,50;
//      tests/bench/sipp/ivr-rtp-caller.xml: UDP to Kamailio, RTP/AVP offer, digest auth) dialled 40 ms apart, each
//      sending its voice as RTP from a pcap (play_pcap_audio) for the whole call; the endpoint answers with plain RTP
//      (ports SIP_RTP_PORTS=20000-20999). tcpdump on lo records every RTP packet the endpoint sends (kernel
//      timestamps: the timing on the wire, not as a receiver's event loop sees it); once all N have media, for
//      SIP_BENCH_HOLD_MS: per call, late packets (gap > 40 ms), the longest gap, sequence numbers missing and the
//      shortfall against one packet per 20 ms (loss). Baseline in the same run and the same capture: N streams from
//      a bare Node process paced like the endpoint (tests/bench/rtp-baseline-sender.mjs), no SIP, no flow.
// Prints figures; exits 0 unless something could not run at all. Knobs: SIP_BENCH_AGENTS (200), SIP_BENCH_REG_RATE
// (offered sipp calls/s, 1000), SIP_BENCH_CALLS ("1,10,25,50"; 0 = none), SIP_BENCH_RTP_CALLS ("1,10,25,50"; 0 =
// none; both 0 = registrations only), SIP_BENCH_HOLD_MS (8000),
// SIP_BENCH_STAGGER_MS (40, between dials), SIP_BENCH_DEBUG=1 (sipp -trace_msg, keeps the work directory in /tmp).
import { execFileSync, fork, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const self = fileURLToPath(import.meta.url);
const has = (cmd, args = ['--version']) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const nodeMajor = Number(process.versions.node.split('.')[0]);

// ---- prerequisites, then the namespace ----------------------------------------------------------------------
if (process.env.SIP_BENCH_IN_NETNS !== '1') {
  const { kamailioAvailable, missingKamailioPackages } = await import('@telesales/telephony');
  const { missingSpeechPrograms } = await import('@telesales/telephony/endpoint/index');
  const missing = [];
  if (!kamailioAvailable()) missing.push('kamailio', 'kamailio-websocket-modules', 'kamailio-autheph-modules');
  else missing.push(...missingKamailioPackages());
  if (spawnSync('sipp', ['-v'], { stdio: 'ignore' }).error) missing.push('sip-tester'); // sipp -v exits 99
  missing.push(...missingSpeechPrograms());
  if (!has('unshare')) missing.push('util-linux');
  if (!has('ip', ['-V'])) missing.push('iproute2');
  if (!has('tcpdump')) missing.push('tcpdump'); // section 3 captures the endpoint's RTP on lo
  if (missing.length) {
    console.log(`bench:sip needs Debian packages this machine lacks: apt-get install -y ${[...new Set(missing)].join(' ')}`);
    process.exit(0);
  }
  const unshare = process.getuid?.() === 0 ? ['-n'] : ['-r', '-n'];
  const nodeArgs = nodeMajor < 22 ? ['--experimental-websocket', '--no-warnings'] : [];
  const r = spawnSync('unshare', [...unshare, process.execPath, ...nodeArgs, self], { stdio: 'inherit', env: { ...process.env, SIP_BENCH_IN_NETNS: '1' } });
  process.exit(r.status ?? 1);
}

const link = execFileSync('ip', ['-o', 'link', 'show', 'lo'], { encoding: 'utf8' });
if (!/[<,]UP[,>]/.test(link)) execFileSync('ip', ['link', 'set', 'lo', 'up']);
const interfaces = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).trim().split('\n').map((l) => l.split(':')[1].trim());
if (interfaces.join() !== 'lo') throw new Error(`not in a loopback-only namespace: ${interfaces.join(', ')}`);
if (typeof globalThis.WebSocket !== 'function') throw new Error('No WebSocket in this Node: run with --experimental-websocket (Node 20) or Node 22+');

const { startKamailio, sipCredentials, renderKamailioConfig } = await import('@telesales/telephony');
const { startEmbeddedMongo } = await import('@telesales/embedded-mongo');
const { buildApp } = await import('@telesales/runtime/app');
const { installTemplate, templateDir } = await import('@telesales/runtime/templates/install');
const { sipCarrierOf } = await import('@telesales/runtime/carriers/sip/sip-carrier');
const { PlainRtpMedia } = await import('@telesales/telephony/endpoint/index');

const AGENTS = Number(process.env.SIP_BENCH_AGENTS ?? 200);
const REG_RATE = Number(process.env.SIP_BENCH_REG_RATE ?? 1000);
const BURST_RATE = 50_000; // all 200 sent within a few ms: the registrar's throughput, UDP drops and 500 ms retransmissions included
const CALL_STEPS = (process.env.SIP_BENCH_CALLS ?? '1,10,25,50').split(',').map(Number).filter((n) => n > 0);
const HOLD_MS = Number(process.env.SIP_BENCH_HOLD_MS ?? 8000);
const STAGGER_MS = Number(process.env.SIP_BENCH_STAGGER_MS ?? 40);
const RTP_STEPS = (process.env.SIP_BENCH_RTP_CALLS ?? '1,10,25,50').split(',').map(Number).filter((n) => n > 0);
const ENTRY = '4008001234';
/** Monday 2026-05-04, 10:00 in Shanghai: the template's hotline is open. */
const OPEN_HOURS = Date.parse('2026-05-04T02:00:00.000Z');
const secret = randomBytes(24).toString('base64url');
const work = mkdtempSync(join(tmpdir(), 'sip-bench-'));
process.env.TTS_CACHE_DIR = join(work, 'tts');
process.env.SIP_RTP_PORTS = '20000-20999'; // the endpoint's plain RTP ports: the capture filter below
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN;
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');

console.log(`bench:sip  node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), namespace: ${interfaces.join(',')}`);

// ---- 1. registrations ---------------------------------------------------------------------------------------
/** Kamailio with the package's configuration minus authentication: the baseline registrar. */
async function startPlainKamailio(sipPort, wsPort) {
  const dir = join(work, `plain-${sipPort}`);
  execFileSync('mkdir', ['-p', dir]);
  const cfg = renderKamailioConfig({ secret, sipPort, wsPort }).replace(/^\s*route\(AUTH\);\s*$/m, '');
  if (/^\s*route\(AUTH\);/m.test(cfg)) throw new Error('could not remove route(AUTH) from the configuration');
  const file = join(dir, 'kamailio.cfg');
  writeFileSync(file, cfg);
  const child = spawn('kamailio', ['-DD', '-E', '-f', file, '-m', '64', '-M', '8', '-P', join(dir, 'pid'), '-Y', dir, '-w', dir], { stdio: 'ignore' });
  const { connect } = await import('node:net');
  const accepts = () => new Promise((resolve) => { const s = connect({ host: '127.0.0.1', port: sipPort }); s.once('connect', () => { s.destroy(); resolve(true); }); s.once('error', () => resolve(false)); });
  const end = Date.now() + 10_000;
  while (!(await accepts())) { if (Date.now() > end || child.exitCode !== null) throw new Error('plain Kamailio did not start'); await sleep(50); }
  return { stop: async () => { child.kill('SIGTERM'); await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r))); } };
}

function runSipp(label, sipPort, localPort, rate = REG_RATE) {
  const dir = join(work, `sipp-${label}`);
  execFileSync('mkdir', ['-p', dir]);
  const csv = join(dir, 'agents.csv');
  const lines = ['SEQUENTIAL'];
  for (let i = 0; i < AGENTS; i++) {
    const userId = `agent${String(i).padStart(4, '0')}`;
    const c = sipCredentials(secret, userId, 3600);
    lines.push(`${userId};${c.username};${c.password};[authentication username=${c.username} password=${c.password}]`);
  }
  writeFileSync(csv, `${lines.join('\n')}\n`);
  // A copy in the work directory: sipp writes its trace files (<scenario>_<pid>_rtt.csv) next to the scenario.
  const scenario = join(dir, 'register.xml');
  writeFileSync(scenario, readFileSync(new URL('./sipp/register.xml', import.meta.url)));
  const args = [`127.0.0.1:${sipPort}`, '-sf', scenario, '-inf', csv, '-m', String(AGENTS), '-r', String(rate), '-l', String(AGENTS),
    '-i', '127.0.0.1', '-p', String(localPort), '-t', 'u1', '-trace_rtt', '-rtt_freq', '1', '-trace_err', '-error_file', join(dir, 'errors.log'),
    ...(process.env.SIP_BENCH_DEBUG ? ['-trace_msg'] : []), '-nostdin', '-timeout', '30s', '-timeout_error', '-max_retrans', '3'];
  const t0 = performance.now();
  const r = spawnSync('sipp', args, { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  const wall = performance.now() - t0;
  const rttFile = readdirSync(dir).find((f) => f.endsWith('_rtt.csv'));
  const rows = rttFile ? readFileSync(join(dir, rttFile), 'utf8').trim().split('\n').slice(1).map((l) => l.split(';')) : [];
  // date_ms;response_time;rtd_no  (date_ms: when the response time was recorded)
  const samples = rows.map((c) => ({ at: Number(c[0]), ms: Number(c[1]) })).filter((s) => Number.isFinite(s.ms));
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  const first = Math.min(...samples.map((s) => s.at - s.ms));
  const last = Math.max(...samples.map((s) => s.at));
  const spanMs = samples.length ? last - first : NaN;
  return {
    label, exit: r.status, ok: samples.length, spanMs, wallMs: wall, perSec: samples.length / (spanMs / 1000),
    p50: pct(times, 0.5), p99: pct(times, 0.99), max: times.at(-1),
    stderr: r.status ? `${r.stderr ?? ''}${(r.stdout ?? '').split('\n').filter((l) => /error|fail/i.test(l)).slice(0, 5).join('\n')}`.slice(-800) : '',
  };
}

const results = { reg: [], calls: [], rtp: [] };
let server, mongo, app;
try {
  server = await startKamailio({ secret, wsPort: 8080, sipPort: 5060, workDir: join(work, 'kamailio') });
  const plain = await startPlainKamailio(5070, 8070);
  // Warm both (first requests pay for process start-up paths), then measure: baseline first, then with auth.
  results.reg.push(runSipp('baseline: no auth', 5070, 5091));
  results.reg.push(runSipp('ephemeral auth', 5060, 5092));
  results.reg.push(runSipp('baseline: no auth, burst', 5070, 5093, BURST_RATE));
  results.reg.push(runSipp('ephemeral auth, burst', 5060, 5094, BURST_RATE));
  await plain.stop();
  const bad = results.reg.filter((r) => r.exit !== 0 || r.ok !== AGENTS);
  for (const r of bad) console.log(`sipp ${r.label}: exit ${r.exit}, ${r.ok}/${AGENTS} answered 200\n${r.stderr}`);
  if (bad.length && process.env.SIP_BENCH_DEBUG) console.log(server.log().split('\n').slice(-20).join('\n'));

  // ---- 2. concurrent IVR calls ------------------------------------------------------------------------------
  if (!CALL_STEPS.length && !RTP_STEPS.length) throw Object.assign(new Error('skip'), { skip: true });
  mongo = await startEmbeddedMongo();
  app = await buildApp({
    mongoUri: mongo.uri, dbName: 'sip_bench', embedded: true,
    telephony: { mode: 'sip', sipDomain: server.domain, sipWsUrl: server.wsUrl, sipSecret: secret, sipCredentialTtlSec: 3600 },
  });
  await installTemplate(app, templateDir('insurance'));
  const shift = OPEN_HOURS - Date.now();
  app.calls.useClock({ now: () => Date.now() + shift, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h) });
  await app.ready();
  const carrier = sipCarrierOf(app.calls);
  if (!carrier) throw new Error('TELEPHONY=sip did not attach the SIP endpoint');
  await Promise.race([carrier.ready, sleep(10_000).then(() => { throw new Error('runtime endpoint did not register in 10 s'); })]);

  let firstNumber = 13900000000;
  const runCalls = (n, holdMs) => new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./sip-callers.mjs', import.meta.url)),
      [JSON.stringify({ n, wsUrl: server.wsUrl, domain: server.domain, secret, entry: ENTRY, holdMs, firstNumber, staggerMs: STAGGER_MS })],
      { execArgv: nodeMajor < 22 ? ['--experimental-websocket', '--no-warnings'] : [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    firstNumber += n;
    const out = { n };
    let cpu0, t0, lag;
    const setupAt = performance.now();
    child.on('message', (m) => {
      if (m.type === 'connected') { out.connected = m.ok; out.failed = m.failed; out.failures = m.failures; out.setupMs = performance.now() - setupAt; }
      if (m.type === 'window' && m.phase === 'start') {
        lag = monitorEventLoopDelay({ resolution: 10 }); lag.enable(); cpu0 = process.cpuUsage(); t0 = performance.now();
      }
      if (m.type === 'window' && m.phase === 'end' && cpu0) {
        const c = process.cpuUsage(cpu0); const ms = performance.now() - t0;
        lag.disable();
        out.runtimeCpuPct = ((c.user + c.system) / 1000 / ms) * 100;
        out.runtimeLagP99 = lag.percentile(99) / 1e6; out.runtimeLagMax = lag.max / 1e6;
      }
      if (m.type === 'result') Object.assign(out, m);
    });
    child.once('exit', (code) => (out.perCall ? resolve(out) : reject(new Error(`callers for N=${n} exited ${code} without a result (${JSON.stringify(out.failures ?? [])})`))));
  });

  if (CALL_STEPS.length) {
    // Warm-up: renders the prompts with espeak-ng once (TTS cache) and JITs both sides; not reported.
    await runCalls(1, 3000);
    await sleep(1000);
    for (const n of CALL_STEPS) {
      const r = await runCalls(n, HOLD_MS);
      results.calls.push(r);
      // Let hang-ups, call records and werift teardown finish before the next step.
      await sleep(2000);
    }
  }

  // ---- 3. concurrent IVR calls from plain RTP phones (sipp) --------------------------------------------------
  if (RTP_STEPS.length) {
    const { runRtpStep } = await import('./sip-rtp-calls.mjs');
    const ctx = { work, secret, domain: server.domain, entry: ENTRY, endpoint: carrier.endpoint, PlainRtpMedia, nodeArgs: nodeMajor < 22 ? ['--no-warnings'] : [] };
    await runRtpStep(ctx, 1, 3000, { warmUp: true }); // renders the prompts (TTS cache) and JITs the plain RTP path; not reported
    for (const n of RTP_STEPS) {
      results.rtp.push(await runRtpStep(ctx, n, HOLD_MS));
      await sleep(2000);
    }
  }
} catch (error) {
  if (error?.skip) { /* SIP_BENCH_CALLS=0: registrations only */ } else {
  console.log(`bench:sip failed: ${error?.stack ?? error}`);
  if (server) console.log(server.log().split('\n').slice(-15).join('\n'));
  process.exitCode = 1;
  }
} finally {
  await app?.close().catch(() => {});
  await mongo?.stop().catch(() => {});
  await server?.stop().catch(() => {});
  if (!process.env.SIP_BENCH_DEBUG) rmSync(work, { recursive: true, force: true });
}

// ---- report -------------------------------------------------------------------------------------------------
if (results.reg.length) {
  console.log(`\n1. ${AGENTS} agent registrations (REGISTER, 401, REGISTER with digest, 200), sipp over UDP -> Kamailio; offered ${REG_RATE}/s, then a burst (-r ${BURST_RATE}); sipp's response times are whole ms`);
  console.log('registrar                | 200 OK  | reg/s  | p50 ms | p99 ms | max ms');
  for (const r of results.reg) {
    console.log(`${r.label.padEnd(24)} | ${`${r.ok}/${AGENTS}`.padEnd(7)} | ${f1(r.perSec).padStart(6)} | ${f2(r.p50).padStart(6)} | ${f2(r.p99).padStart(6)} | ${f2(r.max).padStart(6)}`);
  }
  const [base, auth, baseBurst, authBurst] = results.reg;
  if (base && auth) console.log(`ratio auth/baseline at ${REG_RATE}/s: reg/s ${f2(auth.perSec / base.perSec)}, p99 ${f2(auth.p99 / base.p99)}x (auth adds a 401 challenge round trip + an HMAC check)`);
  if (baseBurst && authBurst) console.log(`ratio auth/baseline in the burst: reg/s ${f2(authBurst.perSec / baseBurst.perSec)}, p50 ${f2(authBurst.p50 / baseBurst.p50)}x`);
}
if (results.calls.length) {
  console.log(`\n2. concurrent IVR calls holding audio: WebRTC callers (sip.js + werift; plain RTP callers are section 3), ${HOLD_MS} ms window once all have media; late = inter-arrival gap > 40 ms`);
  console.log('calls | up     | setup s | packets rx/expected | late %  | worst call late % | max gap ms | runtime CPU % | runtime loop p99/max ms | callers CPU % | callers loop p99 ms');
  for (const r of results.calls) {
    const pc = r.perCall ?? [];
    const rx = pc.reduce((s, c) => s + c.packets, 0);
    const late = pc.reduce((s, c) => s + c.late, 0);
    const expected = Math.round((r.windowMs / 20) * pc.length);
    const worst = Math.max(...pc.map((c) => (c.packets ? (c.late / c.packets) * 100 : 100)));
    const maxGap = Math.max(...pc.map((c) => c.maxGap));
    r.latePct = rx ? (late / rx) * 100 : NaN;
    const ended = pc.filter((c) => c.endedEarly).length;
    console.log([
      String(r.n).padStart(5), `${r.connected}/${r.n}${ended ? ` (${ended} ended)` : ''}`.padEnd(6), f1(r.setupMs / 1000).padStart(7),
      `${rx}/${expected}`.padStart(19), f2(r.latePct).padStart(7), f2(worst).padStart(17), f1(maxGap).padStart(10),
      f1(r.runtimeCpuPct).padStart(13), `${f1(r.runtimeLagP99)}/${f1(r.runtimeLagMax)}`.padStart(23), f1(r.cpuPct).padStart(13), f1(r.loopLagP99Ms).padStart(19),
    ].join(' | '));
  }
  const base = results.calls.find((r) => r.n === 1);
  const top = results.calls.find((r) => r.n === 50) ?? results.calls.at(-1);
  if (base && top && top !== base) console.log(`baseline 1 call: ${f2(base.latePct)}% late; ${top.n} calls: ${f2(top.latePct)}% late (+${f2(top.latePct - base.latePct)} points from concurrency)`);
  const fifty = results.calls.find((r) => r.n === 50);
  if (fifty) console.log(`target 50 concurrent calls with < 1% late packets: ${fifty.connected === 50 && fifty.latePct < 1 ? 'MET' : 'NOT MET'} (${fifty.connected}/50 up, ${f2(fifty.latePct)}% late)`);
}
if (results.rtp.length) {
  console.log(`\n3. concurrent IVR calls from plain RTP phones: sipp over UDP, RTP/AVP, the caller's voice from a pcap (play_pcap_audio); the endpoint's RTP captured on lo (tcpdump), ${HOLD_MS} ms window once all have media; late = gap > 40 ms; loss = missing sequence numbers + shortfall against 50 packets/s`);
  console.log('calls | up    | setup s | packets rx/expected | late %  | worst call late % | max gap ms | loss %  | worst call loss % | runtime CPU % | runtime loop p99/max ms | sipp CPU % | caller RTP in /s || baseline late % | baseline max gap ms | baseline loss %');
  for (const r of results.rtp) {
    const e = r.endpoint ?? {};
    const b = r.baseline ?? {};
    console.log([
      String(r.n).padStart(5), `${r.connected ?? 0}/${r.n}`.padEnd(5), f1(r.setupMs / 1000).padStart(7), `${e.rx}/${e.expected}`.padStart(19),
      f2(e.latePct).padStart(7), f2(e.worstLatePct).padStart(17), f1(e.maxGap).padStart(10), f2(e.lossPct).padStart(7), f2(e.worstLossPct).padStart(17),
      f1(r.runtimeCpuPct).padStart(13), `${f1(r.runtimeLagP99)}/${f1(r.runtimeLagMax)}`.padStart(23), f1(r.sippCpuPct).padStart(10), f1(r.callerPacketsPerSec).padStart(15),
    ].join(' | ') + ` || ${f2(b.latePct).padStart(15)} | ${f1(b.maxGap).padStart(19)} | ${f2(b.lossPct).padStart(15)}`);
    if (r.sippExit !== 0) console.log(`      sipp exit ${r.sippExit}: ${r.sippErr ?? ''}`);
    if (r.captureDropped) console.log(`      tcpdump: ${r.captureDropped} packets dropped by the kernel (figures undercount)`);
  }
  const fifty = results.rtp.find((r) => r.n === 50);
  if (fifty) console.log(`target 50 concurrent plain RTP calls with < 1% late packets: ${fifty.connected === 50 && fifty.endpoint?.latePct < 1 ? 'MET' : 'NOT MET'} (${fifty.connected}/50 up, ${f2(fifty.endpoint?.latePct)}% late, ${f2(fifty.endpoint?.lossPct)}% loss; baseline ${f2(fifty.baseline?.latePct)}% late)`);
}
process.exit(process.exitCode ?? 0);
