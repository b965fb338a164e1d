// The server inside a worker thread: how the runtime embeds it, so a heavy query never stalls the
// runtime's own event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { startServer, type ServerOptions } from './server.js';

const server = await startServer(workerData as ServerOptions);
parentPort!.postMessage({ type: 'ready', uri: server.uri, port: server.port });
parentPort!.on('message', async (message: { type: string }) => {
  if (message.type !== 'close') return;
  await server.close();
  parentPort!.postMessage({ type: 'closed' });
});
