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

export class WireServer {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private nextConnectionId = 1;
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
    this.sockets.add(socket);
    const connection = { id: this.nextConnectionId++, remote: `${socket.remoteAddress}:${socket.remotePort}`, host: this.options.host, port: this.port };
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let busy = false;

    const drain = async () => {
      if (busy) return;
      busy = true;
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
        busy = false;
      }
    };

    socket.on('data', (chunk) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      void drain();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
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

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
