import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { ConsoleBus } from '@telesales/runtime/cluster/console-bus';
import { startEmbedded, tempDbPath, type StartedServer } from '../embedded-mongo/server-fixture.js';

const quiet = { warn: () => undefined };

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not so after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The console bus of two runtime processes (two driver clients, as two processes have) on one embedded database
 * run as its own process on disk (as `npm run cluster` runs it): presence and events cross between them, in
 * order, none echoed to its sender, and the change stream takes up again after the database process restarts.
 */
describe('console bus: events and presence between processes through the database', () => {
  const dbPath = tempDbPath();
  let mongo: StartedServer;
  const clients: MongoClient[] = [];
  const buses: ConsoleBus[] = [];
  const got: Array<{ bus: number; userId: string; event: string; data: any }> = [];

  afterAll(async () => {
    for (const bus of buses) await bus.stop();
    for (const client of clients) await client.close();
    await mongo?.stop();
    rmSync(dbPath, { recursive: true, force: true });
  });

  it('presence and events cross; the sender does not get its own events back', async () => {
    mongo = await startEmbedded({ dbpath: dbPath });
    for (let i = 0; i < 2; i++) {
      const client = await MongoClient.connect(mongo.uri);
      clients.push(client);
      buses.push(new ConsoleBus(client.db('bus'), (userId, event, data) => got.push({ bus: i, userId, event, data }), quiet));
    }
    await Promise.all(buses.map((b) => b.ready));
    const [one, two] = buses as [ConsoleBus, ConsoleBus];

    two.opened('agent');
    await until(() => one.connectedElsewhere('agent'));
    expect(two.connectedElsewhere('agent')).toBe(false);

    for (let n = 1; n <= 5; n++) one.publish('agent', 'state', { n });
    await until(() => got.length === 5);
    expect(got).toEqual([1, 2, 3, 4, 5].map((n) => ({ bus: 1, userId: 'agent', event: 'state', data: { n } })));
  }, 60_000);

  it('after the database process is killed and restarted, events flow again', async () => {
    const [one] = buses as [ConsoleBus, ConsoleBus];
    const port = new URL(mongo.uri).port;
    // Killed, as a crash would: after a graceful stop of the embedded server some driver clients wait about 60 s
    // before they notice (reported; a killed server's clients reconnect at once).
    await mongo.kill();
    mongo = await startEmbedded({ dbpath: dbPath, args: ['--port', port] });
    got.length = 0;
    // A publish may meet the driver still reconnecting: keep sending until one arrives, then check the order.
    for (let n = 6; !got.length; n++) {
      one.publish('agent', 'state', { n });
      await new Promise((r) => setTimeout(r, 500));
    }
    const first = got[0]!.data.n as number;
    one.publish('agent', 'state', { n: 1000 });
    await until(() => got.some((g) => g.data.n === 1000));
    const seen = got.map((g) => g.data.n as number);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(seen[0]).toBe(first);
  }, 60_000);

  it('closing the last stream takes the presence away at once', async () => {
    const [one, two] = buses as [ConsoleBus, ConsoleBus];
    await until(() => one.connectedElsewhere('agent'));
    two.closed('agent');
    await until(() => !one.connectedElsewhere('agent'));
  }, 30_000);
});
