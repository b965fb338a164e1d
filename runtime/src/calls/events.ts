import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { CallEventMap } from '@telesales/schemas';
import { ConsoleBus } from '../cluster/console-bus.js';

const HEARTBEAT_MS = 25_000;

/**
 * Server-Sent Events to agents' consoles, per signed-in user (a person may have several tabs open, on any of the
 * runtime processes). Frames carry only what the JSON builders produced for that person: numbers arrive masked
 * already. An event goes to this process's streams at once and through the database (cluster/console-bus.ts) to
 * the streams other processes hold.
 */
export class CallEvents {
  /** The connections this process holds (per process by nature: others reach them through the bus). */
  private readonly streams = new Map<string, Set<ServerResponse>>();
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  /**
   * Channels that are not a person (the wallboard's "something changed"): what arrives for one, from this process
   * or another, goes to its listener instead of a person's streams (monitoring/wallboard-streams.ts).
   */
  readonly channels = new Map<string, (event: string, data: unknown) => void>();
  /** Null without a database (an app that has none): events stay in this process. */
  readonly bus: ConsoleBus | null;

  constructor(app?: FastifyInstance) {
    this.bus = app ? new ConsoleBus(app.db, (userId, event, data) => this.deliver(userId, event, data), app.log) : null;
    // Before the calls plugin's own preClose (which ends the streams): what is pending still reaches the others.
    app?.addHook('preClose', async () => this.bus?.stop());
  }

  add(userId: string, res: ServerResponse): void {
    let set = this.streams.get(userId);
    if (!set) {
      this.streams.set(userId, (set = new Set()));
      this.bus?.opened(userId);
    }
    set.add(res);
    res.on('close', () => {
      set!.delete(res);
      if (set!.size || this.streams.get(userId) !== set) return;
      this.streams.delete(userId);
      this.bus?.closed(userId);
    });
    if (!this.heartbeat) {
      // A comment line now and then keeps proxies from closing a quiet stream.
      this.heartbeat = setInterval(() => this.broadcastComment('ping'), HEARTBEAT_MS);
      this.heartbeat.unref();
    }
  }

  /** The person has a console stream open on this process or on another one. */
  connected(userId: string): boolean {
    return (this.streams.get(userId)?.size ?? 0) > 0 || !!this.bus?.connectedElsewhere(userId);
  }

  send<E extends keyof CallEventMap>(userId: string, event: E, data: CallEventMap[E]): void {
    this.deliver(userId, event, data);
    // Published even when no other process is known to hold a stream: one may have opened a moment ago.
    this.bus?.publish(userId, event, data);
  }

  /** Writes the frame to this process's streams of that person. */
  private deliver(userId: string, event: string, data: unknown): void {
    this.channels.get(userId)?.(event, data);
    const set = this.streams.get(userId);
    if (!set) return;
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of set) res.write(frame);
  }

  private broadcastComment(text: string): void {
    for (const set of this.streams.values()) for (const res of set) res.write(`: ${text}\n\n`);
  }

  /** Ends every stream (the server is closing and waits for open connections). */
  closeAll(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const set of this.streams.values()) for (const res of set) res.end();
    this.streams.clear();
  }
}
