#!/usr/bin/env node
// `npm run cluster`: the product laid out as production runs it, on one machine (cluster-layout.mjs): the embedded
// database on its own (standing in for the MongoDB replica set), CLUSTER_SIZE runtime processes (default 2) on
// PORT+1, PORT+2, ... pointing at it through MONGODB_URI, and HAProxy from Debian on PORT (default 3000) in front of
// them. Console events cross processes through the database (runtime/src/cluster/console-bus.ts), so an agent's
// stream may be on any process. Ctrl-C stops everything. Expects a build (`npm run build`); the npm script does it.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findHaproxy, startClusterLayout } from './cluster-layout.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const size = Number(process.env.CLUSTER_SIZE ?? 2);
if (!Number.isInteger(size) || size < 1) throw new Error(`CLUSTER_SIZE must be a whole number >= 1, got "${process.env.CLUSTER_SIZE}"`);
if (!findHaproxy()) {
  console.error('HAProxy is not installed: sudo apt-get install -y haproxy (npm test installs it as root).');
  process.exit(1);
}

let cluster;
let stopping = false;
/** Children that exited unasked (by exit event, not pid: process 1 here may leave a killed one a zombie). */
const gone = new Set();
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await cluster?.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

// Each runtime prints its own banner; the logins are printed once, below, and the addresses are the balancer's.
const logins = [];
cluster = await startClusterLayout({
  size,
  port: Number(process.env.PORT ?? 3000),
  dbPort: Number(process.env.CLUSTER_DB_PORT ?? 27017),
  dataDir: resolve(process.env.DATA_DIR ?? '.data'),
  dbName: process.env.MONGODB_DB ?? 'telesales',
  host: process.env.HOST ?? '0.0.0.0',
  onLine: (name, line) => {
    if (line.startsWith('login: ')) logins.push(line);
    else if (/^(Console|Builder|API docs):/.test(line)) return;
    else console.log(`[${name}] ${line}`);
  },
  onExit: (name, code) => {
    // Once running, a runtime that dies is what the others cover for (its calls end as processLost, its agents'
    // streams reconnect through HAProxy to the others); the database, the balancer or the last runtime going ends it.
    gone.add(name);
    const runtimesLeft = cluster?.runtimes.filter((rt) => !gone.has(rt.name)) ?? [];
    if (cluster && name.startsWith('rt') && runtimesLeft.length) {
      console.error(`[${name}] exited (${code}); the other runtime processes carry on`);
      return;
    }
    console.error(`[${name}] exited (${code}); stopping the cluster`);
    void stop(1);
  },
}).catch((error) => {
  console.error(error.message);
  process.exit(1);
});

const base = cluster.baseUrl;
console.log(`Cluster: ${size} runtime process(es) (${cluster.runtimes.map((rt) => `${rt.name} :${rt.port} pid ${rt.pid}`).join(', ')}) behind HAProxy; database ${cluster.uri} (${process.env.MONGODB_DB ?? 'telesales'})`);
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
