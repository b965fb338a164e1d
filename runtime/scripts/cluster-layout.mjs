// The production layout on one machine, as one function: the embedded database on its own (standing in for the
// MongoDB replica set), `size` runtime processes on port+1, port+2, ... pointing at it through MONGODB_URI, and
// HAProxy from Debian on `port` in front of them. `npm run cluster` (cluster.mjs) and `npm run bench:cluster`
// (tests/bench/cluster.bench.mjs) both start it through here, so they measure and run the same thing.
// Expects a build (runtime/dist, embedded-mongo/dist).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The HAProxy binary, or undefined when it is not installed. */
export function findHaproxy() {
  return ['/usr/sbin/haproxy', 'haproxy'].find((bin) => spawnSync(bin, ['-v'], { stdio: 'ignore' }).status === 0);
}

async function waitHealthy(url, ms = 120_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await fetch(url).then((res) => res.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer in ${ms / 1000} s`);
}

/**
 * Starts the layout and resolves once HAProxy answers. Children's output lines go to `onLine(name, line)`
 * (stdout) and `onErrorLine(name, line)` (stderr); `onExit(name, code)` is told when a child ends unasked.
 * -> { baseUrl, uri, runtimes: [{ name, port, url, pid }], pids: { db, rt1, ..., haproxy }, stop() } where stop() ends HAProxy, then the
 * runtimes (they close their streams and leave presence), the database last.
 */
export async function startClusterLayout({
  size, port, dbPort, dataDir, dbName = 'telesales', host = '127.0.0.1', env = {},
  onLine = (name, line) => console.log(`[${name}] ${line}`),
  onErrorLine = (name, line) => console.error(`[${name}] ${line}`),
  onExit = () => undefined,
}) {
  if (!Number.isInteger(size) || size < 1) throw new Error(`the cluster size must be a whole number >= 1, got "${size}"`);
  const haproxy = findHaproxy();
  if (!haproxy) throw new Error('HAProxy is not installed: sudo apt-get install -y haproxy (npm test installs it as root).');
  const children = [];
  let stopping = false;

  const start = (name, command, args, childEnv, lineHandler = (line) => onLine(name, line)) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env, ...childEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push({ name, child });
    createInterface({ input: child.stdout }).on('line', lineHandler);
    createInterface({ input: child.stderr }).on('line', (line) => onErrorLine(name, line));
    child.on('exit', (code, signal) => {
      if (!stopping) onExit(name, signal ?? code);
    });
    return child;
  };

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const group of [['haproxy'], children.filter((c) => c.name.startsWith('rt')).map((c) => c.name), ['db']]) {
      await Promise.all(children.filter((c) => group.includes(c.name)).map(({ child }) => new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      })));
    }
  };

  try {
    // 1. The database, standalone.
    mkdirSync(join(dataDir, 'db'), { recursive: true });
    const uri = await new Promise((resolveUri, reject) => {
      const db = start('db', process.execPath, [join(root, 'embedded-mongo/dist/cli.js'), '--port', String(dbPort), '--dbpath', join(dataDir, 'db')], {}, (line) => {
        if (line.startsWith('mongodb://')) resolveUri(line.trim());
        else onLine('db', line);
      });
      db.once('exit', (code) => reject(new Error(`the database exited (${code}) before it listened`)));
    });

    // 2. The runtime processes.
    const runtimes = Array.from({ length: size }, (_, i) => ({ name: `rt${i + 1}`, port: port + i + 1, url: `http://127.0.0.1:${port + i + 1}` }));
    for (const rt of runtimes) {
      const rtEnv = { MONGODB_URI: uri, MONGODB_DB: dbName, PORT: String(rt.port), HOST: '127.0.0.1', DATA_DIR: dataDir, TRUST_PROXY: '127.0.0.1' };
      rt.pid = start(rt.name, process.execPath, ['--experimental-websocket', join(root, 'runtime/dist/main.js')], rtEnv).pid;
    }
    await Promise.all(runtimes.map((rt) => waitHealthy(`${rt.url}/api/health`)));

    // 3. HAProxy in front.
    const configFile = join(dataDir, 'haproxy.cfg');
    writeFileSync(configFile, haproxyConfig(host, port, runtimes));
    start('haproxy', haproxy, ['-db', '-f', configFile], {});
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitHealthy(`${baseUrl}/api/health`);
    return { baseUrl, uri, runtimes, pids: Object.fromEntries(children.map(({ name, child }) => [name, child.pid])), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Round robin with a cookie that keeps a browser on the process it first reached (sessions live in the database, so
 * any process serves any request, and call controls reach the process holding the call through the database; the
 * cookie only keeps a console's requests together). SSE passes through as is: HAProxy streams responses without
 * buffering; the runtime's 25 s heartbeat stays within `timeout server`.
 */
function haproxyConfig(host, listenPort, servers) {
  return `# written by runtime/scripts/cluster-layout.mjs on each start
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
  # A health check may take this long before the process counts as failing (by default it is the check's interval,
  # 2 s): a busy process answers late but answers, and taking it out turned overload into 503s for everyone
  # (bench:cluster, 2 processes on a loaded machine: 367 errors). A dead process refuses the connection at once.
  timeout check 10s
  # An idle client connection stays open longer than a desk's pause between clicks (the default, timeout http-request,
  # is 10 s: a request sent as the balancer closed the idle connection failed with "socket hang up").
  timeout http-keep-alive 30s
  # Console events are small SSE frames: sent at once. Without this HAProxy sends body data with MSG_MORE, and the
  # kernel may hold a lone frame up to 200 ms waiting for more (measured: event delivery p50 about 200 ms).
  option http-no-delay

frontend telesales
  bind ${host}:${listenPort}
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
