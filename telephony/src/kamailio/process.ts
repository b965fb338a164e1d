import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kamailioRpcUrl, renderKamailioConfig, type KamailioSettings } from './config.js';

export interface StartKamailioOptions extends KamailioSettings {
  /** Where the generated configuration, pid file and log go (default: a temporary directory, removed by stop()). */
  workDir?: string;
  /** The Kamailio binary (default: `kamailio` on PATH). */
  binary?: string;
  /** Shared and private memory in MB (default 64 and 8). */
  sharedMemoryMb?: number;
  privateMemoryMb?: number;
  /** How long to wait for the sockets to accept connections (default 10 s). */
  readyTimeoutMs?: number;
  /** Copy Kamailio's log lines here too (default: only into `${workDir}/kamailio.log`). */
  onLog?: (line: string) => void;
}

export interface KamailioServer {
  /** `ws://host:wsPort`: what sip.js connects to. */
  wsUrl: string;
  /** `sip:host:sipPort`: where trunks and test callers (sipp) send requests. */
  sipUri: string;
  /** `http://127.0.0.1:wsPort/RPC`: the JSON-RPC control channel (token: kamailioRpcToken(secret)). */
  rpcUrl: string;
  domain: string;
  workDir: string;
  configFile: string;
  logFile: string;
  pid: number;
  /** The log so far (its last megabyte; the whole log is in logFile). */
  log(): string;
  /** SIGTERM, then SIGKILL after 3 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

/** True when the Kamailio binary is on PATH. */
export function kamailioAvailable(binary = 'kamailio'): boolean {
  return spawnSync(binary, ['-v'], { stdio: 'ignore' }).status === 0;
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts Kamailio in the foreground (`-DD -E`) with a configuration generated into `workDir`, and resolves
 * once both TCP sockets accept connections. The secret is written to a file only the current user can read.
 */
export async function startKamailio(options: StartKamailioOptions): Promise<KamailioServer> {
  const host = options.host ?? '127.0.0.1';
  const wsPort = options.wsPort ?? 8080;
  const sipPort = options.sipPort ?? 5060;
  const domain = options.domain ?? host;
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'kamailio-'));
  mkdirSync(workDir, { recursive: true });
  const configFile = join(workDir, 'kamailio.cfg');
  const logFile = join(workDir, 'kamailio.log');
  writeFileSync(configFile, renderKamailioConfig({ ...options, host, wsPort, sipPort, domain }), { mode: 0o600 });

  const binary = options.binary ?? 'kamailio';
  for (const p of [wsPort, sipPort]) {
    if (await accepts(host, p)) throw new Error(`${host}:${p} is already in use (another Kamailio?): pick other ports`);
  }
  const check = spawnSync(binary, ['-c', '-f', configFile, '-Y', workDir], { encoding: 'utf8' });
  if (check.error) throw new Error(`Cannot run ${binary}: ${check.error.message} (Debian: apt-get install kamailio kamailio-websocket-modules kamailio-autheph-modules)`);
  if (check.status !== 0) {
    const errors = `${check.stdout}${check.stderr}`.split('\n').filter((l) => /ERROR|CRITICAL/.test(l)).slice(0, 10).join('\n');
    throw new Error(`Kamailio rejects ${configFile}:\n${errors}`);
  }

  const args = ['-DD', '-E', '-f', configFile, '-m', String(options.sharedMemoryMb ?? 64), '-M', String(options.privateMemoryMb ?? 8),
    '-P', join(workDir, 'kamailio.pid'), '-Y', workDir, '-w', workDir];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const logStream = createWriteStream(logFile);
  let buffered = '';
  let recent = ''; // the log's last megabyte, in memory: log() must not depend on the file stream being flushed
  const onData = (chunk: Buffer) => {
    logStream.write(chunk);
    recent = (recent + chunk.toString('utf8')).slice(-1_000_000);
    if (!options.onLog) return;
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) options.onLog(line);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const readLog = () => recent;

  // Whoever started it may end without calling stop() (a crashed test): do not leave Kamailio behind.
  const onParentExit = () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM'); };
  process.once('exit', onParentExit);
  const stop = async () => {
    process.off('exit', onParentExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited(child);
      clearTimeout(timer);
    }
    await new Promise<void>((resolve) => logStream.end(resolve));
    if (!options.workDir) rmSync(workDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 10_000);
  while (!(await accepts(host, wsPort)) || !(await accepts(host, sipPort))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`Kamailio exited (${child.exitCode ?? child.signalCode}) while starting:\n${readLog().slice(-3000)}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Kamailio did not listen on ${host}:${wsPort} and ${host}:${sipPort} in time:\n${readLog().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  const wsHost = host.includes(':') ? `[${host}]` : host;
  return {
    wsUrl: `ws://${wsHost}:${wsPort}`, sipUri: `sip:${wsHost}:${sipPort}`, rpcUrl: kamailioRpcUrl(wsPort), domain, workDir, configFile, logFile,
    pid: child.pid!, log: readLog, stop,
  };
}
