// Run by readme-test-caller.test.ts as `unshare -n node readme-test-caller-run.mjs`: a network namespace holding only
// loopback. Runs the README's test-caller block as a reader would, from the repository's root: Kamailio's line
// (`SIP_TRUNK_SOURCES=127.0.0.1 npm run sip`), the runtime's line (`... TELEPHONY=sip npm start`, with the command
// `npm start` runs after its build, as the apps are built already) and the sipp command line exactly as written.
// Both servers keep their data in a temporary DATA_DIR (the README's `.data/` stands for it). Then it signs in as
// the admin over HTTP and reads the call record. Prints one JSON line with what happened.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enterNamespace, sleep, timeout, until } from './sip-stage.mjs';
import { readmeTestCaller, ROOT, startCommand } from './readme-test-caller.mjs';

const ENTRY = '4008001234';
const API = 'http://127.0.0.1:3000';

const t0 = Date.now();
const result = { interfaces: enterNamespace(), marks: {} };
const mark = (name) => { result.marks[name] = Date.now() - t0; };
const dataDir = mkdtempSync(join(tmpdir(), 'readme-test-caller-'));
const started = [];

/** A README line through the shell, in its own process group (so it and what it starts can be stopped together). */
function shell(name, line) {
  const child = spawn('sh', ['-c', line], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  const p = { name, child, out: '', exited: null };
  child.stdout.on('data', (d) => { p.out = (p.out + d).slice(-6000); });
  child.stderr.on('data', (d) => { p.out = (p.out + d).slice(-6000); });
  child.once('exit', (code, signal) => { p.exited = code ?? signal; });
  started.push(p);
  return p;
}

async function stop(p) {
  if (p.exited !== null) return;
  try { process.kill(-p.child.pid, 'SIGTERM'); } catch { return; }
  for (let i = 0; i < 100 && p.exited === null; i++) await sleep(50);
  if (p.exited === null) try { process.kill(-p.child.pid, 'SIGKILL'); } catch { /* gone */ }
}

async function api(method, path, body, cookie) {
  const res = await fetch(`${API}${path}`, {
    method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? null, body: await res.json().catch(() => null) };
}

try {
  const lines = readmeTestCaller();
  result.readme = { kamailio: lines.kamailio, runtime: lines.runtime, sipp: lines.sipp };

  const kamailio = shell('kamailio', lines.kamailio);
  await until('Kamailio started (npm run sip)', 60_000, () => /^Kamailio \d+:/m.test(kamailio.out) || (kamailio.exited !== null && Promise.reject(new Error(`npm run sip exited: ${kamailio.out}`))));
  mark('kamailio');

  const runtimeLine = lines.runtime.replaceAll('.data/', `${dataDir}/`).replace(/npm start$/, startCommand());
  const runtime = shell('runtime', runtimeLine);
  await until('runtime listening (npm start)', 90_000, () => /^login: admin/m.test(runtime.out) || (runtime.exited !== null && Promise.reject(new Error(`the runtime exited: ${runtime.out}`))));
  const health = await until('endpoint registered with Kamailio', 20_000, async () => {
    const h = await api('GET', '/api/health');
    return h.body?.telephony?.registered ? h.body.telephony : null;
  });
  result.telephony = { mode: health.mode, registered: health.registered };
  mark('runtime');

  // The sipp command line exactly as the README has it.
  const sipp = spawn('sipp', lines.sippArgs, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push({ name: 'sipp', child: sipp, exited: null });
  let sippOut = '';
  sipp.stdout.on('data', (d) => { sippOut = (sippOut + d).slice(-4000); });
  sipp.stderr.on('data', (d) => { sippOut = (sippOut + d).slice(-4000); });
  const sippExit = new Promise((resolve) => sipp.once('exit', (code, signal) => resolve(code ?? signal)));
  result.sippExit = await Promise.race([sippExit, timeout(40_000, 'sipp')]);
  started.at(-1).exited = result.sippExit;
  if (result.sippExit !== 0) result.sippOutput = sippOut.split('\n').filter((l) => l.trim()).slice(-25).join('\n');
  mark('sipp');

  // What the admin sees: the call in everyone's list, with the steps its flow took.
  const login = await api('POST', '/api/auth/login', { login: 'admin', password: 'admin123' });
  if (login.status !== 200) throw new Error(`admin login: ${login.status}`);
  const call = await until('the call ends in its record', 10_000, async () => {
    const list = await api('GET', '/api/calls?view=all', null, login.cookie);
    const item = list.body?.items?.find((c) => c.to === ENTRY);
    return item?.endAt ? item : null;
  });
  const full = (await api('GET', `/api/calls/${call.id}`, null, login.cookie)).body;
  result.call = { direction: full.direction, from: full.from, to: full.to, status: full.status, hangupBy: full.hangupBy ?? null, flow: full.flow?.key ?? null, queue: full.queue ?? null };
  result.trace = (full.trace ?? []).map((s) => ({ node: s.node, type: s.type, ...(s.event ? { event: s.event } : {}), ...(s.port ? { port: s.port } : {}) }));
  mark('call');
} catch (error) {
  result.error = String(error?.stack ?? error);
  result.log = started.filter((p) => p.out).map((p) => `--- ${p.name}\n${p.out.split('\n').slice(-20).join('\n')}`).join('\n');
} finally {
  for (const p of [...started].reverse()) await stop(p);
  rmSync(dataDir, { recursive: true, force: true });
  mark('done');
}
console.log(JSON.stringify(result));
process.exit(0);
