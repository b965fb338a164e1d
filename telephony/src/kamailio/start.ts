#!/usr/bin/env node
// `npm run sip`: the development SIP server on loopback, with the runtime's shared secret.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startKamailio } from './process.js';

const env = process.env;
const workDir = resolve(env.DATA_DIR ?? '.data', 'kamailio');
mkdirSync(workDir, { recursive: true });

/**
 * The secret comes from SIP_SECRET; without it one is made once and kept in `${workDir}/secret`, and the
 * runtime must then be started with the same SIP_SECRET (it prints the command).
 */
function secret(): { value: string; generated: boolean } {
  if (env.SIP_SECRET) return { value: env.SIP_SECRET, generated: false };
  const file = join(workDir, 'secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return { value: readFileSync(file, 'utf8').trim(), generated: true };
}

const num = (name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value)) throw new Error(`${name} must be a number, got "${env[name]}"`);
  return value;
};

const { value, generated } = secret();
const server = await startKamailio({
  secret: value,
  workDir,
  host: env.SIP_HOST ?? '127.0.0.1',
  wsPort: num('SIP_WS_PORT', 8080),
  sipPort: num('SIP_PORT', 5060),
  domain: env.SIP_DOMAIN || undefined,
  endpointUser: env.SIP_ENDPOINT_USER || undefined,
  trunkSources: env.SIP_TRUNK_SOURCES ? env.SIP_TRUNK_SOURCES.split(',').map((s) => s.trim()).filter(Boolean) : [],
  trunkUri: env.SIP_TRUNK_URI || undefined,
  onLog: env.SIP_LOG ? (line) => console.log(line) : undefined,
});
console.log(`Kamailio ${server.pid}: ${server.wsUrl} (WebSocket), ${server.sipUri} (UDP/TCP), domain ${server.domain}`);
console.log(`Control channel (the runtime's SIP_RPC_URL): ${server.rpcUrl}`);
console.log(`Log: ${server.logFile}`);
if (generated) console.log(`Secret kept in ${join(workDir, 'secret')}; start the runtime with SIP_SECRET=$(cat ${join(workDir, 'secret')}) TELEPHONY=sip`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
