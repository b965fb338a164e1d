#!/usr/bin/env node
// `npm run db -- --port PORT --dbpath DIR`: the server on its own. Prints its connection URI on a line of
// its own once it accepts connections; stops cleanly on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startServer } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27017' },
    host: { type: 'string', default: '127.0.0.1' },
    dbpath: { type: 'string', default: `${process.env.DATA_DIR ?? '.data'}/db` },
    'ttl-monitor-secs': { type: 'string', default: '60' },
    'compact-bytes': { type: 'string' },
    // mongod's name; the change history kept for change streams.
    'oplog-size-mb': { type: 'string' },
    'in-memory': { type: 'boolean', default: false },
    // 'interpreted': every pipeline through mingo (the path before the compiled one), for comparisons.
    aggregate: { type: 'string', default: 'compiled' },
  },
});

const server = await startServer({
  port: Number(values.port),
  host: values.host,
  dbPath: values['in-memory'] ? undefined : values.dbpath,
  ttlMonitorSecs: Number(values['ttl-monitor-secs']),
  compactBytes: values['compact-bytes'] ? Number(values['compact-bytes']) : undefined,
  changeLogBytes: values['oplog-size-mb'] ? Number(values['oplog-size-mb']) * 1024 * 1024 : undefined,
  aggregate: values.aggregate === 'interpreted' ? 'interpreted' : 'compiled',
}).catch((error: Error) => {
  console.error(`[embedded-mongo] cannot start: ${error.message}`);
  process.exit(1);
});
process.stdout.write(`${server.uri}\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
