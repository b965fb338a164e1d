// Section 3 of tests/bench/sip.bench.mjs: one step of N concurrent IVR calls from plain RTP phones (sipp with RTP from
// a pcap), the endpoint's outgoing RTP captured on lo, then the baseline (a bare Node sender, N streams) in the
// same capture. Runs in the bench's process, so the runtime's CPU and event-loop delay are measured here.
import { fork, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { sipCredentials } from '@telesales/telephony';
import { readRtpCapture, startCapture, streamStats, writeRtpPcap } from './rtp-capture.mjs';

const RATE = 25; // calls/s offered by sipp: 40 ms apart, as the WebRTC callers of section 2
const ENDPOINT_PORTS = [20000, 20999]; // SIP_RTP_PORTS set by the bench
const BASELINE_PORT = 21000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let stepNo = 0;
let firstNumber = 13800000000;

/** CPU seconds a process used so far (utime + stime from /proc, in clock ticks of 10 ms). */
function procCpuMs(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch { return NaN; }
}

/** RTP packets the endpoint received so far on its plain RTP calls (the callers' voice from the pcap). */
function callerPackets(ctx) {
  return [...ctx.endpoint.calls.values()].reduce((s, c) => s + (c.media instanceof ctx.PlainRtpMedia ? c.media.rxPackets : 0), 0);
}

async function until(what, ms, test) {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(20);
  }
}

/** Holds a window of `holdMs` and measures this process meanwhile: CPU %, event-loop delay. */
async function window(holdMs, otherPid) {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const cpu0 = process.cpuUsage();
  const other0 = otherPid ? procCpuMs(otherPid) : NaN;
  const from = Date.now();
  const t0 = performance.now();
  await sleep(holdMs);
  const to = Date.now();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(cpu0);
  lag.disable();
  return {
    from, to, cpuPct: ((c.user + c.system) / 1000 / ms) * 100, lagP99: lag.percentile(99) / 1e6, lagMax: lag.max / 1e6,
    otherCpuPct: otherPid ? ((procCpuMs(otherPid) - other0) / ms) * 100 : NaN,
  };
}

/** Sums a step's per-stream figures. */
function summary(streams, windowMs) {
  const rx = streams.reduce((s, c) => s + c.packets, 0);
  const late = streams.reduce((s, c) => s + c.late, 0);
  const lost = (c) => c.missing + c.shortfall;
  return {
    streams: streams.length, rx, expected: Math.round((windowMs / 20) * streams.length),
    latePct: rx ? (late / rx) * 100 : NaN,
    worstLatePct: Math.max(...streams.map((c) => (c.packets ? (c.late / c.packets) * 100 : 100))),
    maxGap: Math.max(...streams.map((c) => c.maxGap)),
    lossPct: (streams.reduce((s, c) => s + lost(c), 0) / ((windowMs / 20) * streams.length)) * 100,
    worstLossPct: Math.max(...streams.map((c) => (lost(c) / (windowMs / 20)) * 100)),
  };
}

/**
 * N sipp callers at once; resolves with the endpoint's figures and the baseline's. ctx: {work, secret, domain,
 * entry, endpoint (the runtime's SipEndpoint), PlainRtpMedia (its class), nodeArgs}.
 */
export async function runRtpStep(ctx, n, holdMs, { warmUp = false } = {}) {
  const step = stepNo++;
  const dir = join(ctx.work, `rtp-${step}-${n}`);
  mkdirSync(dir, { recursive: true });
  const setupMs = (n / RATE) * 1000 + 3000; // dialled, challenged, answered
  const callMs = Math.round(setupMs + 1000 + holdMs + 1500); // each call outlasts the window
  const pcap = join(dir, 'caller-voice.pcap');
  writeRtpPcap(pcap, Math.ceil(callMs / 1000));
  const scenario = join(dir, 'ivr-rtp-caller.xml');
  writeFileSync(scenario, readFileSync(new URL('./sipp/ivr-rtp-caller.xml', import.meta.url), 'utf8').replace('play_pcap_audio="PCAP_FILE"', `play_pcap_audio="${pcap}"`));
  const lines = ['SEQUENTIAL'];
  for (let i = 0; i < n; i++) {
    const number = String(firstNumber++);
    const c = sipCredentials(ctx.secret, number, 3600);
    lines.push(`${number};${ctx.domain};${ctx.entry};[authentication username=${c.username} password=${c.password}]`);
  }
  const csv = join(dir, 'callers.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);

  const capture = await startCapture(join(dir, 'rtp.pcap'), `udp and src portrange ${ENDPOINT_PORTS[0]}-${BASELINE_PORT + 2 * n}`);
  const plainCalls = () => [...ctx.endpoint.calls.values()].filter((c) => c.media instanceof ctx.PlainRtpMedia && c.media.isConnected).length;
  const args = ['127.0.0.1:5060', '-sf', scenario, '-inf', csv, '-m', String(n), '-l', String(n), '-r', String(RATE), '-d', String(callMs),
    '-i', '127.0.0.1', '-p', String(5200 + step), '-t', 'u1', '-mi', '127.0.0.1', '-mp', String(30000 + step * 4),
    '-trace_err', '-error_file', join(dir, 'errors.log'), '-nostdin', '-timeout', `${Math.ceil(callMs / 1000) + 30}s`, '-timeout_error', '-max_retrans', '3'];
  const t0 = performance.now();
  const sipp = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let sippErr = '';
  sipp.stderr.on('data', (d) => { sippErr = (sippErr + d).slice(-2000); });
  const sippExit = new Promise((resolve) => sipp.once('exit', (code) => resolve(code)));
  const out = { n };
  try {
    await until(`${n} plain RTP calls up`, setupMs + 10_000, () => plainCalls() >= n || sipp.exitCode !== null);
    out.connected = plainCalls();
    out.setupMs = performance.now() - t0;
    await sleep(1000); // the last calls' first prompt starts
    const rx0 = callerPackets(ctx);
    const w = await window(holdMs, sipp.pid);
    out.callerPacketsPerSec = ((callerPackets(ctx) - rx0) / (w.to - w.from)) * 1000; // the callers' pcap RTP reached the endpoint
    Object.assign(out, { windowMs: w.to - w.from, runtimeCpuPct: w.cpuPct, runtimeLagP99: w.lagP99, runtimeLagMax: w.lagMax, sippCpuPct: w.otherCpuPct });
    out.sippExit = await Promise.race([sippExit, sleep(callMs + 30_000).then(() => 'timeout')]);
    if (out.sippExit !== 0) out.sippErr = sippErr.trim().split('\n').slice(-5).join('\n');

    // Baseline: the same number of streams from a bare Node process, captured the same way.
    let b = null;
    if (!warmUp) {
      const child = fork(fileURLToPath(new URL('./rtp-baseline-sender.mjs', import.meta.url)), [JSON.stringify({ n, firstPort: BASELINE_PORT, ms: holdMs + 2000 })],
        { execArgv: ctx.nodeArgs, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      await new Promise((resolve) => child.once('message', resolve));
      await sleep(1000);
      b = await window(holdMs, child.pid);
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
      out.baselineCpuPct = b.otherCpuPct;
    }
    const { dropped } = await capture.stop();
    out.captureDropped = dropped;
    const packets = readRtpCapture(join(dir, 'rtp.pcap'));
    const endpointStreams = streamStats(packets.filter((p) => p.port <= ENDPOINT_PORTS[1]), w.from, w.to);
    out.perCall = endpointStreams;
    out.endpoint = summary(endpointStreams, out.windowMs);
    if (b) out.baseline = summary(streamStats(packets.filter((p) => p.port >= BASELINE_PORT), b.from, b.to), b.to - b.from);
  } finally {
    if (sipp.exitCode === null) sipp.kill('SIGKILL');
    await capture.stop().catch(() => {});
  }
  return out;
}
