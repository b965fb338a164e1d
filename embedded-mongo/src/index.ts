// Public entry points: start the server in a worker thread (what the runtime does) or in this thread.
import { Worker } from 'node:worker_threads';
import type { ServerOptions } from './server.js';

export { startServer, type ServerOptions, type RunningServer } from './server.js';

export interface EmbeddedMongo {
  uri: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts the server in a worker thread and resolves with its URI once it accepts connections. */
export function startEmbeddedMongo(options: Omit<ServerOptions, 'log'> = {}): Promise<EmbeddedMongo> {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { port: 0, ...options } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code: number) => reject(new Error(`embedded MongoDB worker exited with code ${code}`)));
    worker.on('message', (message: { type: string; uri: string; port: number }) => {
      if (message.type !== 'ready') return;
      resolve({
        uri: message.uri,
        port: message.port,
        stop: () =>
          new Promise<void>((done) => {
            worker.on('message', (m: { type: string }) => m.type === 'closed' && void worker.terminate().then(() => done()));
            worker.postMessage({ type: 'close' });
          }),
      });
    });
  });
}
