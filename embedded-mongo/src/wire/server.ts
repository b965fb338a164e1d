// The TCP side: frames messages off each socket, runs them one at a time per connection (drivers wait for a
// reply before sending the next request on a connection), and writes replies back. A malformed message
// closes that socket only; other connections go on.
import net from 'node:net';
import { runCommand, errorReply } from '../commands/dispatch.js';
import type { Engine } from '../engine/engine.js';
import { ErrorCodes, ServerError } from '../errors.js';
import { frameReply, HEADER_SIZE, MAX_MESSAGE_SIZE, parseMessage, ProtocolError, type Request } from './messages.js';

export interface WireServerOptions {
  host: string;
  port: number;
  log: (message: string) => void;
}

/**
 * How long a stop lets running commands answer before their connections are cut. Long enough for a client on
 * the same machine or network to have seen its idle connections close first (see close()).
 */
const STOP_SETTLE_MS = 200;

/** One client connection and whether a command of it is running (a driver sends the next only after a reply). */
interface Link {
  socket: net.Socket;
  busy: boolean;
}

export class WireServer {
  private readonly server: net.Server;
  private readonly links = new Set<Link>();
  private nextConnectionId = 1;
  private stopping: Promise<void> | null = null;
  port = 0;

  constructor(
    private readonly engine: Engine,
    private readonly options: WireServerOptions,
  ) {
    this.server = net.createServer((socket) => this.accept(socket));
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.port = (this.server.address() as net.AddressInfo).port;
        resolve(this.port);
      });
    });
  }

  private accept(socket: net.Socket): void {
    socket.setNoDelay(true);
    const link: Link = { socket, busy: false };
    this.links.add(link);
    const connection = { id: this.nextConnectionId++, remote: `${socket.remoteAddress}:${socket.remotePort}`, host: this.options.host, port: this.port };
    let pending: Buffer[] = [];
    let pendingBytes = 0;

    const drain = async () => {
      if (link.busy) return;
      link.busy = true;
      try {
        while (pendingBytes >= 4) {
          const head = pending.length === 1 ? pending[0] : Buffer.concat(pending);
          pending = [head];
          const length = head.readInt32LE(0);
          if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE) throw new ProtocolError(`invalid message length ${length}`);
          if (pendingBytes < length) break;
          const message = head.subarray(0, length);
          pending = head.length > length ? [head.subarray(length)] : [];
          pendingBytes -= length;
          await this.handle(socket, message, connection);
        }
      } catch (error) {
        this.options.log(`closing connection ${connection.id} (${connection.remote}): ${(error as Error).message}`);
        socket.destroy();
      } finally {
        link.busy = false;
        // Stopping: the command has had its answer; the connection goes now, idle, which a driver takes calmly.
        if (this.stopping) socket.destroy();
      }
    };

    socket.on('data', (chunk) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      void drain();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.links.delete(link));
  }

  private async handle(socket: net.Socket, message: Buffer, connection: Parameters<typeof runCommand>[2]): Promise<void> {
    let request: Request;
    try {
      request = parseMessage(message);
    } catch (error) {
      // A message whose header we could read but whose body is bad: answer the error, keep the socket.
      if (error instanceof ProtocolError || error instanceof Error) {
        const requestID = message.readInt32LE(4);
        const legacy = message.readInt32LE(12) !== 2013;
        if (!socket.destroyed) socket.write(frameReply({ requestID, legacy }, errorReply(new ServerError(ErrorCodes.InvalidBSON, `invalid message: ${error.message}`))));
        return;
      }
      throw error;
    }
    const body = await runCommand(this.engine, request, connection);
    if (!request.noReply && !socket.destroyed) socket.write(frameReply(request, body));
  }

  /**
   * A graceful stop, in the order that lets a connected driver come back when the server does. Cutting every
   * socket at once made the official driver hang for good after a restart: an operation's connection failing
   * makes it check the server at once on its monitoring connection, and when that connection was cut in the same
   * moment (its socket destroyed, the driver not told yet) the check's write never completes and the monitor
   * waits forever. So: stop accepting (new attempts are refused, which a driver retries), close idle connections
   * (the monitor's, between heartbeats) first, let running commands answer (each connection closes after its
   * answer), and only after STOP_SETTLE_MS cut what still runs (an awaiting getMore). Bounded: never hangs.
   */
  close(): Promise<void> {
    this.stopping ??= this.stop();
    return this.stopping;
  }

  private async stop(): Promise<void> {
    const listenerClosed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const link of this.links) if (!link.busy) link.socket.destroy();
    const until = Date.now() + STOP_SETTLE_MS;
    while ([...this.links].some((link) => link.busy) && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    for (const link of this.links) link.socket.destroy();
    await listenerClosed;
  }
}
