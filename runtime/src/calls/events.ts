import type { ServerResponse } from 'node:http';
import type { CallEventMap } from '@telesales/schemas';

const HEARTBEAT_MS = 25_000;

/**
 * Server-Sent Events to agents' consoles, per signed-in user (a person may have several tabs open).
 * Frames carry only what the JSON builders produced for that person: numbers arrive masked already.
 */
export class CallEvents {
  private readonly streams = new Map<string, Set<ServerResponse>>();
  private heartbeat: ReturnType<typeof setInterval> | null = null;

  add(userId: string, res: ServerResponse): void {
    let set = this.streams.get(userId);
    if (!set) this.streams.set(userId, (set = new Set()));
    set.add(res);
    res.on('close', () => {
      set!.delete(res);
      if (!set!.size) this.streams.delete(userId);
    });
    if (!this.heartbeat) {
      // A comment line now and then keeps proxies from closing a quiet stream.
      this.heartbeat = setInterval(() => this.broadcastComment('ping'), HEARTBEAT_MS);
      this.heartbeat.unref();
    }
  }

  connected(userId: string): boolean {
    return (this.streams.get(userId)?.size ?? 0) > 0;
  }

  send<E extends keyof CallEventMap>(userId: string, event: E, data: CallEventMap[E]): void {
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
