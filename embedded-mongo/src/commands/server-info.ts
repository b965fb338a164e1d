// The handshake and server-information commands drivers and shells send: hello/isMaster, ping, buildInfo...
// The server presents itself as the primary of a one-member replica set, because drivers only allow
// transactions and change streams on replica sets; `hosts` names its own address, so discovery finds only
// itself.
import { Long, ObjectId } from 'bson';
import type { Handler } from './context.js';

export const VERSION = '7.0.0';
export const MAX_WIRE_VERSION = 21;
export const REPLICA_SET = 'embedded';
const electionId = new ObjectId('7fffffff0000000000000001');
const startedAt = new Date();

export const hello: Handler = (ctx) => {
  const me = `${ctx.connection.host}:${ctx.connection.port}`;
  const legacy = 'isMaster' in ctx.cmd || 'ismaster' in ctx.cmd;
  // As a primary reports its last write (the one member is its own majority).
  const opTime = { ts: ctx.engine.storage.clock.now, t: Long.fromNumber(1) };
  const lastWriteDate = new Date();
  return {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    helloOk: true,
    setName: REPLICA_SET,
    setVersion: 1,
    electionId,
    hosts: [me],
    primary: me,
    me,
    secondary: false,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connection.id,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    lastWrite: { opTime, lastWriteDate, majorityOpTime: opTime, majorityWriteDate: lastWriteDate },
  };
};

export const ping: Handler = () => ({});

export const buildInfo: Handler = () => ({
  version: VERSION,
  gitVersion: 'embedded',
  versionArray: VERSION.split('.').map(Number).concat(0),
  bits: 64,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['embedded'],
  javascriptEngine: 'none',
  modules: [],
  openssl: { running: 'disabled' },
  debug: false,
});

export const hostInfo: Handler = () => ({ system: { currentTime: new Date(), hostname: 'localhost' }, os: { type: process.platform }, extra: {} });
export const whatsmyuri: Handler = (ctx) => ({ you: ctx.connection.remote });
export const getParameter: Handler = () => ({ featureCompatibilityVersion: { version: '7.0' } });
export const getCmdLineOpts: Handler = () => ({ argv: process.argv, parsed: {} });
export const getLog: Handler = () => ({ totalLinesWritten: 0, log: [] });
export const connectionStatus: Handler = () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] } });
export const serverStatus: Handler = (ctx) => ({
  host: 'localhost',
  version: VERSION,
  process: 'embedded-mongo',
  pid: process.pid,
  uptime: (Date.now() - startedAt.getTime()) / 1000,
  localTime: new Date(),
  mem: { resident: Math.round(process.memoryUsage().rss / 1048576) },
  connections: { current: ctx.connection.id },
});
export const endSessions: Handler = (ctx) => {
  ctx.engine.endSessions((ctx.cmd.endSessions as unknown[]) ?? []);
  return {};
};
