import type { ServerResponse } from 'node:http';
import type { SessionUser } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { wallboardOf, type WallboardScope } from './wallboard.js';

/** The console bus's channel for "something on the wallboard changed" (no person has this id). */
export const WALLBOARD_CHANNEL = '#wallboard';
/** Changes within this long make one hint to the other processes and one frame per viewer (cost, not latency: well under 2 s). */
const COALESCE_MS = 150;
/** Even with no change heard, each viewer gets a fresh frame this often (dialer ticks, a hint lost in a restart). */
const REFRESH_MS = 5_000;
const HEARTBEAT_MS = 25_000;

interface Viewer {
  user: SessionUser;
  scope: WallboardScope;
  res: ServerResponse;
}

/**
 * The wallboard's live stream: every change of an agent's state or of a call, in this process or another, is a hint
 * that the wallboard changed; each viewer then gets the whole wallboard again, computed for them (their scope, their
 * masking). Hints cross processes through the console bus (cluster/console-bus.ts: the database), coalesced, and
 * only while someone, somewhere, has a wallboard open (the bus's presence), so an unwatched cluster pays nothing.
 */
export class WallboardStreams {
  private readonly viewers = new Set<Viewer>();
  private pushTimer: NodeJS.Timeout | null = null;
  private hintTimer: NodeJS.Timeout | null = null;
  private refresh: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private pushing: Promise<void> | null = null;
  private again = false;

  constructor(private readonly app: FastifyInstance) {
    const calls = app.calls;
    calls.events.channels.set(WALLBOARD_CHANNEL, () => this.changed());
    calls.changeListeners.add(() => this.changedHere());
  }

  async add(user: SessionUser, scope: WallboardScope, res: ServerResponse): Promise<void> {
    const viewer: Viewer = { user, scope, res };
    if (!this.viewers.size) {
      this.app.calls.events.bus?.opened(WALLBOARD_CHANNEL);
      this.refresh = setInterval(() => this.changed(), REFRESH_MS);
      this.heartbeat = setInterval(() => { for (const v of this.viewers) v.res.write(': ping\n\n'); }, HEARTBEAT_MS);
      this.refresh.unref();
      this.heartbeat.unref();
    }
    this.viewers.add(viewer);
    res.on('close', () => this.remove(viewer));
    await this.send(viewer);
  }

  private remove(viewer: Viewer): void {
    if (!this.viewers.delete(viewer) || this.viewers.size) return;
    this.app.calls.events.bus?.closed(WALLBOARD_CHANNEL);
    if (this.refresh) clearInterval(this.refresh);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.refresh = this.heartbeat = null;
  }

  /** A change in this process: viewers here are told, and the other processes if any of them has viewers. */
  private changedHere(): void {
    this.changed();
    const bus = this.app.calls.events.bus;
    if (!bus?.connectedElsewhere(WALLBOARD_CHANNEL) || this.hintTimer) return;
    this.hintTimer = setTimeout(() => { this.hintTimer = null; bus.publish(WALLBOARD_CHANNEL, 'changed', {}); }, COALESCE_MS);
  }

  /** Something changed: each viewer gets a fresh wallboard shortly (one frame for a burst of changes). */
  changed(): void {
    if (!this.viewers.size || this.pushTimer) return;
    if (this.pushing) { this.again = true; return; }
    this.pushTimer = setTimeout(() => {
      this.pushTimer = null;
      this.pushing = this.pushAll().finally(() => {
        this.pushing = null;
        if (this.again) { this.again = false; this.changed(); }
      });
    }, COALESCE_MS);
  }

  private async pushAll(): Promise<void> {
    await Promise.all([...this.viewers].map((v) => this.send(v)));
  }

  private async send(viewer: Viewer): Promise<void> {
    try {
      const board = await wallboardOf(this.app, viewer.user, viewer.scope);
      if (this.viewers.has(viewer)) viewer.res.write(`event: wallboard\ndata: ${JSON.stringify(board)}\n\n`);
    } catch (err) {
      this.app.log.warn({ err }, 'wallboard not sent');
    }
  }

  closeAll(): void {
    for (const v of [...this.viewers]) { v.res.end(); this.remove(v); }
    if (this.pushTimer) clearTimeout(this.pushTimer);
    if (this.hintTimer) clearTimeout(this.hintTimer);
    this.pushTimer = this.hintTimer = null;
  }
}
