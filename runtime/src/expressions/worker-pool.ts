import { Worker } from 'node:worker_threads';
import { EXPRESSION_LIMITS, type CooperativeLimits, type Evaluation, type EvaluationOptions } from '@telesales/schemas/expressions';
import type { EvaluationReply, EvaluationRequest, WorkerConfig } from './protocol.js';

export interface ExpressionWorkersOptions {
  /** Worker threads (each evaluates one message at a time; further messages queue). */
  size?: number;
  /** Milliseconds a message of one input may hold its worker; a batch gets this per started 100 inputs. */
  deadline?: number;
  /** The cooperative bounds inside the worker (tests of the deadline turn them off). */
  limits?: CooperativeLimits;
  /** Heap of a worker: a value that outgrows it ends the worker, not the server. */
  memoryMb?: number;
}

interface Job {
  request: EvaluationRequest;
  resolve: (results: Evaluation[]) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

const failed = (count: number, error: string): Evaluation[] => Array.from({ length: count }, () => ({ ok: false, error }));
const STOPPING = 'L1005: Expressions are not evaluated: the server is stopping';

/**
 * Evaluates expressions in worker threads, so that the API's event loop never runs an admin's expression
 * and a runaway can really be stopped: a worker that holds a message past its deadline (or outgrows its
 * heap) is terminated, the message's evaluations fail with a clear error, and the next message gets a fresh
 * worker. Workers start on first use and are reused; `close()` ends them (the app calls it on close).
 */
export class ExpressionWorkers {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private readonly size: number;
  private readonly deadline: number;
  private readonly config: WorkerConfig;
  private readonly memoryMb: number;

  constructor(options: ExpressionWorkersOptions = {}) {
    this.size = options.size ?? 2;
    this.deadline = options.deadline ?? EXPRESSION_LIMITS.deadline;
    this.config = { limits: options.limits };
    this.memoryMb = options.memoryMb ?? 128;
  }

  /** One evaluation (an arrow, so it can be handed on as the flow interpreter's evaluator). */
  readonly evaluate = async (source: string, input: unknown, options: EvaluationOptions = {}): Promise<Evaluation> =>
    (await this.evaluateMany(source, [input], options))[0]!;

  /** One expression over many inputs in one round trip (an import's pool condition over a chunk of rows). */
  evaluateMany(source: string, inputs: unknown[], options: EvaluationOptions = {}): Promise<Evaluation[]> {
    if (this.closed) return Promise.resolve(failed(inputs.length, STOPPING));
    if (!inputs.length) return Promise.resolve([]);
    return new Promise((resolve) => {
      this.queue.push({ request: { id: this.nextId++, source, inputs, at: options.at }, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(failed(job.request.inputs.length, STOPPING));
    await Promise.all(this.slots.splice(0).map((slot) => this.stop(slot, STOPPING)));
  }

  private pump(): void {
    while (this.queue.length) {
      const slot = this.slots.find((s) => !s.job) ?? (this.slots.length < this.size ? this.spawn() : null);
      if (!slot) return;
      slot.job = this.queue.shift()!;
      if (slot.ready) this.send(slot);
    }
  }

  /** Hands the slot's job to its worker and starts the deadline. */
  private send(slot: Slot): void {
    const request = slot.job!.request;
    const deadline = this.deadline * Math.ceil(request.inputs.length / 100);
    slot.timer = setTimeout(() => {
      this.remove(slot);
      void this.stop(slot, `L1003: The evaluation did not finish within ${deadline} ms and was stopped`);
    }, deadline);
    slot.worker.postMessage(request);
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: this.config,
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: Math.min(32, this.memoryMb) },
    });
    // An idle worker must not keep the process alive; a busy one is held by its deadline timer.
    worker.unref();
    const slot: Slot = { worker, ready: false, job: null, timer: null };
    worker.on('message', (reply: EvaluationReply) => {
      if ('ready' in reply) {
        slot.ready = true;
        if (slot.job) this.send(slot);
        return;
      }
      if (slot.job?.request.id !== reply.id) return;
      this.finish(slot, reply.results);
      this.pump();
    });
    worker.on('error', (e: Error & { code?: string }) => {
      this.remove(slot);
      const error = e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? 'L1004: The evaluation ran out of memory and was stopped'
        : `L1006: The expression worker failed: ${e.message}`;
      void this.stop(slot, error);
    });
    worker.on('exit', () => {
      this.remove(slot);
      this.finish(slot, null, 'L1006: The expression worker stopped unexpectedly');
      this.pump();
    });
    this.slots.push(slot);
    return slot;
  }

  /** Answers the slot's job (with `results`, or every input failed with `error`) and frees the slot. */
  private finish(slot: Slot, results: Evaluation[] | null, error = ''): void {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    job?.resolve(results ?? failed(job.request.inputs.length, error));
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  private async stop(slot: Slot, error: string): Promise<void> {
    this.finish(slot, null, error);
    await slot.worker.terminate();
    this.pump();
  }
}
