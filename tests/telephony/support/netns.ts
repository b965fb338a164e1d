// What the loopback-namespace SIP tests share on the vitest side: why they cannot run here (a missing program or
// package, so they are skipped with the reason), and running their script with `unshare -n` (a network namespace
// holding only `lo`) and reading the one JSON line it prints.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kamailioAvailable, missingKamailioPackages } from '@telesales/telephony';
import { missingSpeechPrograms } from '@telesales/telephony/endpoint/index';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SIPP_DTMF_PCAP = '/usr/share/sip-tester/dtmf_2833_1.pcap';
const CONSOLE_BUILD = fileURLToPath(new URL('../../../console/dist/index.html', import.meta.url));

/** The program can be started (some, like sipp -v, exit non-zero even when they work). */
const has = (program: string, flag: string) => spawnSync(program, [flag], { stdio: 'ignore' }).error === undefined;

/**
 * Why a SIP test cannot run on this machine (null: it can); `chromium`: the test drives the console too;
 * `sipp`: a sipp caller sends RTP from Debian's DTMF pcaps.
 */
export function missingForSipTest(needs: { chromium?: boolean; sipp?: boolean } = {}): string | null {
  const missing = whyNot(needs);
  // In CI nothing may be skipped for want of a package (`npm test` installs them): fail loudly instead.
  if (missing && process.env.CI) throw new Error(`CI=true and a SIP test cannot run: ${missing}`);
  return missing;
}

function whyNot({ chromium = false, sipp = false }: { chromium?: boolean; sipp?: boolean }): string | null {
  if (!has('unshare', '--version')) return 'unshare (util-linux) is not installed';
  if (!has('ip', '-V')) return 'ip (iproute2) is not installed';
  if (!kamailioAvailable()) return 'kamailio is not installed (apt-get install kamailio kamailio-websocket-modules kamailio-autheph-modules)';
  if (missingKamailioPackages().length) return `Kamailio modules are missing (apt-get install ${missingKamailioPackages().join(' ')})`;
  if (missingSpeechPrograms().length) return `text-to-speech programs are missing (apt-get install ${missingSpeechPrograms().join(' ')})`;
  if (sipp && (!has('sipp', '-v') || !existsSync(SIPP_DTMF_PCAP))) return `sipp and its pcaps are not installed (apt-get install sip-tester)`;
  if (chromium && !existsSync(CHROMIUM)) return `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`;
  return null;
}

/** Runs `support/<name>` inside a fresh network namespace and returns the JSON it printed last. */
export function runInNamespace(name: string, timeoutMs: number, { needsConsole = false } = {}): any {
  if (needsConsole && !existsSync(CONSOLE_BUILD)) throw new Error('console/dist is not built: run "npm run build -w @telesales/console" first');
  const script = fileURLToPath(new URL(`./${name}`, import.meta.url));
  const unshare = process.getuid?.() === 0 ? ['-n'] : ['-r', '-n'];
  const nodeFlags = Number(process.versions.node.split('.')[0]) < 22 ? ['--experimental-websocket'] : [];
  const out = execFileSync('unshare', [...unshare, process.execPath, ...nodeFlags, script], { encoding: 'utf8', timeout: timeoutMs });
  return JSON.parse(out.trim().split('\n').pop() ?? '');
}
