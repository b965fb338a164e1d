#!/usr/bin/env node
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedMongo, type EmbeddedMongo } from '@telesales/embedded-mongo';
import { buildApp } from './app.js';
import { withDbLock } from './cluster/db-lock.js';
import { readConfig } from './config.js';
import { installTemplate, isEmptyWorkspace, templateDir } from './templates/install.js';
import { readFile } from 'node:fs/promises';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Starts the product: database (embedded unless MONGODB_URI), API, builder and console on one port. */
async function main() {
  const config = readConfig();
  let embedded: EmbeddedMongo | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    const dbPath = join(config.dataDir, 'db');
    mkdirSync(dbPath, { recursive: true });
    embedded = await startEmbeddedMongo({ dbPath });
    uri = embedded.uri;
  }
  const app = await buildApp({
    mongoUri: uri,
    dbName: config.dbName,
    embedded: !!embedded,
    telephony: config.telephony,
    timeZone: config.timeZone,
    trustProxy: config.trustProxy,
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
    static: { builderDir: join(repoRoot, 'builder/dist'), consoleDir: join(repoRoot, 'console/dist') },
  });

  const dir = templateDir(config.template);
  // Several processes may start on one empty database (npm run cluster): one installs, the others then find it done.
  await withDbLock(app.db, 'template-install', 10 * 60_000, async () => {
    if (!(await isEmptyWorkspace(app))) return;
    const report = await installTemplate(app, dir);
    console.log(`Installed template ${report.template} ${report.version}: ${report.published.length} definitions, ${report.users} users, ${report.records} records`);
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const base = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');

  console.log(`Database: ${embedded ? `embedded (${join(config.dataDir, 'db')})` : 'MONGODB_URI'}`);
  console.log(`Console:  ${base}/console/`);
  console.log(`Builder:  ${base}/builder/`);
  console.log(`API docs: ${base}/api/docs`);
  console.log(`Telephony: ${await telephonyLine(app)}`);
  const manifest = JSON.parse(await readFile(join(dir, 'template.json'), 'utf8')) as { users?: { login: string; password: string }[] };
  for (const user of manifest.users ?? []) console.log(`login: ${user.login} / ${user.password}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * The start banner's telephony line: simulated, or where the SIP endpoint registered (waiting a few seconds for
 * the first REGISTER), or why it has not yet (it keeps retrying; GET /api/health tells when it succeeds).
 */
async function telephonyLine(app: Awaited<ReturnType<typeof buildApp>>): Promise<string> {
  if (app.calls.telephony().mode !== 'sip') return 'simulated (no SIP server; calls are played out by the runtime)';
  const end = Date.now() + 5000;
  let t = app.calls.telephony();
  while (t.mode === 'sip' && !t.registered && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    t = app.calls.telephony();
  }
  if (t.mode !== 'sip') return t.mode;
  return t.registered ? `sip, registered as ${t.aor} at ${t.server}` : `sip, not registered yet: ${t.lastError ?? 'no answer yet'} (retrying)`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
