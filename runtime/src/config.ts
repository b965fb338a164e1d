import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { TRUNK_NUMBER_FORMATS, TRUNK_PREFIX, type TrunkNumberFormat } from './carriers/sip/trunk-number.js';

/** The settings operators may change, all from the environment (see the README's configuration table). */
export interface RuntimeConfig {
  port: number;
  host: string;
  /** Unset: the runtime starts the embedded database in `${dataDir}/db`. */
  mongodbUri?: string;
  dbName: string;
  dataDir: string;
  /** Template installed into an empty database on start. */
  template: string;
  /** The workspace's time zone (IANA): where its days and weeks begin (distribution's "this week"). */
  timeZone: string;
  /** Addresses/CIDRs of the reverse proxies whose X-Forwarded-For is believed; empty: none (the socket address counts). */
  trustProxy: string[];
  telephony: TelephonyConfig;
}

/** How calls are made: the simulated carrier or a real SIP server (see the README's Telephony section). */
export interface TelephonyConfig {
  mode: 'simulated' | 'sip';
  /** The domain agents register under: their address is sip:<userId>@<domain>. */
  sipDomain: string;
  /** The SIP server's WebSocket URL the console's softphone connects to. */
  sipWsUrl: string;
  /** The HMAC secret shared with the SIP server; unset: generated once and kept in the `settings` collection. */
  sipSecret?: string;
  /** How long issued SIP credentials stay valid, in seconds. */
  sipCredentialTtlSec: number;
  /** Kamailio's JSON-RPC control channel, told at once when a user is disabled; unset: nothing is sent. */
  sipRpcUrl?: string;
  /** How click-to-call writes the customer's number toward the trunk (carriers/sip/trunk-number.ts); default e164-no-plus. */
  sipTrunkNumberFormat?: TrunkNumberFormat;
  /** Digits put before every number toward the trunk; default none. */
  sipTrunkPrefix?: string;
  /** A connected call over which one side sent no RTP for this long is ended as `noMedia` (carriers/sip/sip-bridge.ts); 0: never. Default 10. */
  sipNoMediaSec?: number;
}

/** Where a workspace's days and weeks begin unless TIME_ZONE says otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

function timeZoneOf(value: string | undefined): string {
  const zone = value || DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new Error(`TIME_ZONE must be an IANA time zone such as Asia/Shanghai, got "${zone}"`);
  }
  return zone;
}

/** The names proxy-addr knows for whole private ranges. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: comma-separated addresses or CIDRs of the proxies in front of the runtime. Only a request
 * arriving from one of them may name its client in X-Forwarded-For; anyone else could forge it (and so
 * escape the per-address sign-in limits).
 */
function trustedProxies(value: string | undefined): string[] {
  const entries = (value ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address!);
    const max = family === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
    if (!PROXY_RANGES.has(entry) && (!family || !validBits || rest.length)) {
      throw new Error(`TRUST_PROXY must be comma-separated IP addresses or CIDRs such as 10.0.0.1,192.168.0.0/16, got "${entry}"`);
    }
  }
  return entries;
}

const UNIT_SEC: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `3600`, `90s`, `30m`, `12h`, `1d` -> seconds. */
function durationSec(name: string, value: string): number {
  const m = /^\s*(\d+)\s*([smhd]?)\s*$/.exec(value);
  const sec = m ? Number(m[1]) * UNIT_SEC[m[2] || 's']! : NaN;
  if (!(sec > 0)) throw new Error(`${name} must be a duration such as 3600, 30m or 12h, got "${value}"`);
  return sec;
}

export function readTelephonyConfig(env: NodeJS.ProcessEnv = process.env): TelephonyConfig {
  const mode = env.TELEPHONY || 'simulated';
  if (mode !== 'simulated' && mode !== 'sip') throw new Error(`TELEPHONY must be "simulated" or "sip", got "${mode}"`);
  const sipWsUrl = env.SIP_WS_URL || 'ws://127.0.0.1:8080';
  if (!/^wss?:\/\//.test(sipWsUrl)) throw new Error(`SIP_WS_URL must be a ws:// or wss:// URL, got "${sipWsUrl}"`);
  // Default: the development Kamailio (`npm run sip`); `off` for a SIP server without this control channel.
  const sipRpcUrl = env.SIP_RPC_URL || 'http://127.0.0.1:8080/RPC';
  if (sipRpcUrl !== 'off' && !/^https?:\/\//.test(sipRpcUrl)) throw new Error(`SIP_RPC_URL must be an http:// URL or "off", got "${sipRpcUrl}"`);
  const sipTrunkNumberFormat = (env.SIP_TRUNK_NUMBER_FORMAT || 'e164-no-plus') as TrunkNumberFormat;
  if (!TRUNK_NUMBER_FORMATS.includes(sipTrunkNumberFormat)) {
    throw new Error(`SIP_TRUNK_NUMBER_FORMAT must be one of ${TRUNK_NUMBER_FORMATS.join(', ')}, got "${sipTrunkNumberFormat}"`);
  }
  const sipTrunkPrefix = env.SIP_TRUNK_PREFIX ?? '';
  if (!TRUNK_PREFIX.test(sipTrunkPrefix)) throw new Error(`SIP_TRUNK_PREFIX must be up to 16 digits, * or #, got "${sipTrunkPrefix}"`);
  const noMedia = env.SIP_NO_MEDIA_SEC || '10';
  if (!/^\d{1,4}$/.test(noMedia)) throw new Error(`SIP_NO_MEDIA_SEC must be a number of seconds (0: never), got "${noMedia}"`);
  return {
    mode,
    sipDomain: env.SIP_DOMAIN || '127.0.0.1',
    sipWsUrl,
    sipSecret: env.SIP_SECRET || undefined,
    sipCredentialTtlSec: durationSec('SIP_CREDENTIAL_TTL', env.SIP_CREDENTIAL_TTL || '12h'),
    sipRpcUrl: sipRpcUrl === 'off' ? undefined : sipRpcUrl,
    sipTrunkNumberFormat,
    sipTrunkPrefix,
    sipNoMediaSec: Number(noMedia),
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    mongodbUri: env.MONGODB_URI || undefined,
    dbName: env.MONGODB_DB ?? 'telesales',
    dataDir: resolve(env.DATA_DIR ?? '.data'),
    template: env.TEMPLATE ?? 'insurance',
    timeZone: timeZoneOf(env.TIME_ZONE),
    trustProxy: trustedProxies(env.TRUST_PROXY),
    telephony: readTelephonyConfig(env),
  };
}
