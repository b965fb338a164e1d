import { connect } from 'node:net';

/**
 * Resolves when the WebSocket server's TCP port accepts a connection, rejects (with why) otherwise. Checked before
 * sip.js opens its WebSocket because Node 20's WebSocket reports a refused connection with an `error` event and
 * never a `close`: sip.js then waits in "Connecting" for ever and no later attempt is made.
 */
export function tcpReachable(wsUrl: string, timeoutMs = 3000): Promise<void> {
  const url = new URL(wsUrl);
  const port = Number(url.port) || (url.protocol === 'wss:' ? 443 : 80);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const done = (error?: Error) => { socket.destroy(); if (error) reject(new Error(`cannot reach ${host}:${port}: ${error.message}`)); else resolve(); };
    socket.setTimeout(timeoutMs, () => done(new Error(`no answer in ${timeoutMs} ms`)));
    socket.once('connect', () => done());
    socket.once('error', (error) => done(error));
  });
}

/** `promise`, or a rejection saying `what` took longer than `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}
