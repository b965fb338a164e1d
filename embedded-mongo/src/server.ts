// Starts the whole server in the current thread: storage recovered from the data directory, the engine,
// the TTL monitor and the TCP listener.
import { resolve } from 'node:path';
import { Engine } from './engine/engine.js';
import { Storage } from './storage/storage.js';
import { WireServer } from './wire/server.js';

export interface ServerOptions {
  /** Data directory; omit for a memory-only server (tests that need no persistence). */
  dbPath?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Seconds between TTL sweeps (mongod: 60). */
  ttlMonitorSecs?: number;
  /** Journal bytes after which a snapshot compacts it. */
  compactBytes?: number;
  /** Bytes of change history kept for change streams (see StorageOptions). */
  changeLogBytes?: number;
  log?: (message: string) => void;
  /**
   * 'interpreted' runs every aggregation through mingo, as before the compiled path existed: kept so the
   * aggregate benchmark and the conformance test can compare both paths on the same data.
   */
  aggregate?: 'compiled' | 'interpreted';
}

export interface RunningServer {
  uri: string;
  port: number;
  engine: Engine;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((m: string) => console.error(`[embedded-mongo] ${m}`));
  const host = options.host ?? '127.0.0.1';
  const storage = await Storage.open({
    dbPath: options.dbPath ? resolve(options.dbPath) : undefined,
    compactBytes: options.compactBytes,
    changeLogBytes: options.changeLogBytes,
    log,
  });
  const engine = new Engine(storage);
  engine.compiledAggregation = options.aggregate !== 'interpreted';
  engine.startTtlMonitor(options.ttlMonitorSecs ?? 60);
  const wire = new WireServer(engine, { host, port: options.port ?? 27017, log });
  const port = await wire.listen();
  return {
    uri: `mongodb://${host}:${port}/`,
    port,
    engine,
    async close() {
      await wire.close();
      await engine.close();
    },
  };
}
