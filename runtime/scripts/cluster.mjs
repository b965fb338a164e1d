#!/usr/bin/env node
// `npm run cluster`: the product laid out as production runs it, on one machine. The embedded database on its own
// (standing in for the MongoDB replica set), CLUSTER_SIZE runtime processes (default 2) on PORT+1, PORT+2, ...
// pointing at it through MONGODB_URI, and HAProxy from Debian on PORT (default 3000) in front of them. Console
// events cross processes through the database (runtime/src/cluster/console-bus.ts), so an agent's stream may
// be on any process. Ctrl-C stops everything. Expects a build (`npm run build`); the npm script does it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const size = Number(process.env.CLUSTER_SIZE ?? 2);
const port = Number(process.env.PORT ?? 3000);
const dbPort = Number(process.env.CLUSTER_DB_PORT ?? 27017);
const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const dbName = process.env.MONGODB_DB ?? 'telesales';
if (!Number.isInteger(size) || size < 1) throw new Error(`CLUSTER_SIZE must be a whole number >= 1, got "${process.env.CLUSTER_SIZE}"`);

const haproxy = ['/usr/sbin/haproxy', 'haproxy'].find((bin) => spawnSync(bin, ['-v'], { stdio: 'ignore' }).status === 0);
if (!haproxy) {
  console.error('HAProxy is not installed: sudo apt-get install -y haproxy (npm test installs it as root).');
  process.exit(1);
}

const children = [];
let stopping = false;
let running = false;

/** Starts a child whose output lines go through `onLine` (prefixed and printed by default). */
function start(name, command, args, env, onLine = (line) => console.log(`[${name}] ${line}`)) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push({ name, child });
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', (line) => console.error(`[${name}] ${line}`));
  child.on('exit', (code, signal) => {
    if (stopping) return;
    // Once running, a runtime that dies is what the others cover for (its calls end as processLost, its agents'
    // streams reconnect through HAProxy to the others); the database, the balancer or the last runtime going ends it.
    const runtimesLeft = children.filter((c) => c.name.startsWith('rt') && c.child.exitCode === null && c.child.signalCode === null);
    if (running && name.startsWith('rt') && runtimesLeft.length) {
      console.error(`[${name}] exited (${signal ?? code}); the other runtime processes carry on`);
      return;
    }
    console.error(`[${name}] exited (${signal ?? code}); stopping the cluster`);
    void stop(1);
  });
  return child;
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  // The load balancer first, then the runtimes (they close their streams and leave presence), the database last.
  for (const group of [['haproxy'], children.filter((c) => c.name.startsWith('rt')).map((c) => c.name), ['db']]) {
    await Promise.all(children.filter((c) => group.includes(c.name)).map(({ child }) => new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    })));
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

async function waitHealthy(url, ms = 120_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await fetch(url).then((res) => res.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer in ${ms / 1000} s`);
}

// 1. The database, standalone.
mkdirSync(join(dataDir, 'db'), { recursive: true });
const uri = await new Promise((resolveUri) => {
  start('db', process.execPath, [join(root, 'embedded-mongo/dist/cli.js'), '--port', String(dbPort), '--dbpath', join(dataDir, 'db')], {}, (line) => {
    if (line.startsWith('mongodb://')) resolveUri(line.trim());
    else console.log(`[db] ${line}`);
  });
});

// 2. The runtime processes. Each prints its own banner; the logins are printed once, below.
const runtimes = Array.from({ length: size }, (_, i) => ({ name: `rt${i + 1}`, port: port + i + 1 }));
const logins = [];
for (const rt of runtimes) {
  const env = { MONGODB_URI: uri, MONGODB_DB: dbName, PORT: String(rt.port), HOST: '127.0.0.1', DATA_DIR: dataDir, TRUST_PROXY: '127.0.0.1' };
  rt.child = start(rt.name, process.execPath, ['--experimental-websocket', join(root, 'runtime/dist/main.js')], env, (line) => {
    if (line.startsWith('login: ')) logins.push(line);
    else if (/^(Console|Builder|API docs):/.test(line)) return; // the load balancer's addresses are printed below
    else console.log(`[${rt.name}] ${line}`);
  });
}
await Promise.all(runtimes.map((rt) => waitHealthy(`http://127.0.0.1:${rt.port}/api/health`)));

// 3. HAProxy in front.
const configFile = join(dataDir, 'haproxy.cfg');
writeFileSync(configFile, haproxyConfig(port, runtimes));
start('haproxy', haproxy, ['-db', '-f', configFile], {});
await waitHealthy(`http://127.0.0.1:${port}/api/health`);

const base = `http://127.0.0.1:${port}`;
running = true;
console.log(`Cluster: ${size} runtime process(es) (${runtimes.map((rt) => `${rt.name} :${rt.port} pid ${rt.child.pid}`).join(', ')}) behind HAProxy; database ${uri} (${dbName})`);
console.log(`Console:  ${base}/console/`);
console.log(`Builder:  ${base}/builder/`);
console.log(`API docs: ${base}/api/docs`);
for (const line of new Set(logins.length ? logins : demoLogins())) console.log(line);

/** When the database was installed earlier, no process prints the logins: the template's manifest has them. */
function demoLogins() {
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'templates', process.env.TEMPLATE ?? 'insurance', 'template.json'), 'utf8'));
    return (manifest.users ?? []).map((u) => `login: ${u.login} / ${u.password}`);
  } catch {
    return [];
  }
}

/**
 * Round robin with a cookie that keeps a browser on the process it first reached (sessions live in the database, so
 * any process serves any request, and call controls reach the process holding the call through the database; the
 * cookie only keeps a console's requests together). SSE passes through as is: HAProxy streams responses without
 * buffering; the runtime's 25 s heartbeat stays within `timeout server`.
 */
function haproxyConfig(listenPort, servers) {
  return `# written by runtime/scripts/cluster.mjs on each start
global
  maxconn 4096

defaults
  mode http
  option forwardfor
  timeout connect 5s
  timeout client 75s
  timeout server 75s
  timeout http-request 10s
  timeout tunnel 1h

frontend telesales
  bind ${process.env.HOST ?? '0.0.0.0'}:${listenPort}
  default_backend runtimes

backend runtimes
  balance roundrobin
  cookie TSRT insert indirect nocache httponly
  # A process that died: requests meant for it (by cookie) go to another one, before and after the check notices.
  option redispatch
  retries 2
  option httpchk GET /api/health
  http-check expect status 200
${servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check inter 2s fall 2 rise 1 cookie ${s.name}`).join('\n')}
`;
}
