import { parentPort, workerData } from 'node:worker_threads';
import { ExpressionCache } from '@telesales/schemas/expressions';
import type { EvaluationReply, EvaluationRequest, WorkerConfig } from './protocol.js';

// A worker thread of the expression pool: evaluates what it is sent, one message at a time (the pool never
// sends a second before the first is answered, so its deadline timer measures this message alone).
const config = (workerData ?? {}) as WorkerConfig;
const cache = new ExpressionCache(config.limits);

parentPort!.on('message', async (request: EvaluationRequest) => {
  const results = [];
  for (const input of request.inputs) results.push(await cache.evaluate(request.source, input, { at: request.at }));
  parentPort!.postMessage({ id: request.id, results } satisfies EvaluationReply);
});
// Loaded: from now on the deadline counts (starting a thread and loading jsonata is not the expression's time).
parentPort!.postMessage({ ready: true });
