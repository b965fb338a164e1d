import { message, validateDefinition, type FlowDefinition } from '@telesales/schemas';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { step, type CallState, type Command, type Evaluator, type FlowEvent, type ResolveFlow } from '@telesales/engines/flows';
import { ApiError } from '../http/errors.js';
import { requestLocale } from '../http/locale.js';
import { publishedFlow, subflowResolver } from './flow-loader.js';
import { liveLookup } from './live-lookup.js';
import { text } from './simulate-messages.js';
import { simulateSchema, simulateStepSchema } from './simulate-route-schemas.js';
import { simulate, type CallerScript, type LookupFn } from './simulator.js';

interface FlowToRun {
  flow: FlowDefinition;
  version: number;
  resolveFlow: ResolveFlow;
}

/** Lookups and fetches a single step answers itself, so the test panel never has to fake them. */
const MAX_AUTO_ANSWERS = 10;

/** The simulator's API: a whole scripted call, or one event at a time for the builder's test panel. */
export async function flowRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', app.authenticate);

  async function requireDesigner(request: FastifyRequest) {
    const perms = await app.permissions.of(request.session!.user);
    if (!perms.manageDefinitions) throw new ApiError(403, 'forbidden', text('forbidden_simulate', requestLocale(request)));
  }

  /** A draft is validated (schema and the checks that need nothing else) before it runs; refused with its issues. */
  function checkedDraft(request: FastifyRequest, draft: unknown): FlowDefinition {
    const locale = requestLocale(request);
    const issues = validateDefinition(draft, locale);
    if ((draft as { kind?: unknown })?.kind !== 'flow') issues.unshift({ path: '/kind', code: 'const', message: message('const', locale, { allowedValue: 'flow' }) });
    if (issues.length) throw new ApiError(400, 'invalid_definition', text('invalid_flow', locale, { path: issues[0]!.path, message: issues[0]!.message }), issues);
    return draft as FlowDefinition;
  }

  async function toRun(request: FastifyRequest, source: { draft?: unknown; key?: string; version?: number }, state?: CallState | null): Promise<FlowToRun> {
    const refs = state ? [state.flow, ...state.stack.map((f) => f.flow)] : [];
    if (source.draft !== undefined) {
      const flow = checkedDraft(request, source.draft);
      return { flow, version: 0, resolveFlow: await subflowResolver(app.definitions, flow, refs) };
    }
    const locale = requestLocale(request);
    if (!source.key) throw new ApiError(400, 'flow_required', text('flow_required', locale));
    // A call in progress keeps the version it started on; a new one takes the latest.
    const found = await publishedFlow(app.definitions, source.key, source.version || 'latest');
    if (found) return { flow: found.definition, version: found.version, resolveFlow: await subflowResolver(app.definitions, found.definition, refs) };
    // Not published yet: the stored draft is what the designer is testing.
    const head = await app.definitions.head('flow', source.key);
    if (head?.draft && !source.version) return toRun(request, { draft: head.draft }, state);
    throw new ApiError(404, 'not_found', text('flow_not_found', locale, { flow: source.key }));
  }

  app.post<{ Params: { key: string }; Body: { script: CallerScript; draft?: unknown } }>(
    '/api/flows/:key/simulate', { schema: simulateSchema },
    async (request) => {
      await requireDesigner(request);
      const { script, draft } = request.body;
      const run = await toRun(request, draft !== undefined ? { draft } : { key: request.params.key });
      return simulate(script, { ...run, lookup: liveLookup(app, request), evaluate: app.expressions.evaluate });
    },
  );

  app.post<{ Body: { flow?: unknown; key?: string; state: CallState | null; event: FlowEvent } }>(
    '/api/flows/simulate/step', { schema: simulateStepSchema },
    async (request) => {
      await requireDesigner(request);
      const locale = requestLocale(request);
      const { flow, key, state, event } = request.body;
      if (!state && event.type !== 'start') throw new ApiError(400, 'start_first', text('start_first', locale));
      if (state && key && (state.stack[0]?.flow ?? state.flow).key !== key) throw new ApiError(400, 'state_of_other_flow', text('state_of_other_flow', locale));
      const topVersion = state ? (state.stack[0]?.flow ?? state.flow).version : undefined;
      const run = await toRun(request, flow !== undefined ? { draft: flow } : { key, version: topVersion }, state);
      return stepAnswering({ ...run, evaluate: app.expressions.evaluate }, state, event, liveLookup(app, request));
    },
  );
}

/**
 * One event, then the lookups it asked for are answered from the real records (masked as the asker sees
 * them) and HTTP requests are answered "not available", at the same simulated time.
 */
async function stepAnswering(run: FlowToRun & { evaluate: Evaluator }, state: CallState | null, event: FlowEvent, lookup: LookupFn) {
  const commands: Command[] = [];
  let current = state;
  let next: FlowEvent | null = event;
  for (let i = 0; next && i <= MAX_AUTO_ANSWERS; i++) {
    const result = await step({ ...run, state: current, event: next });
    current = result.state;
    commands.push(...result.commands);
    next = null;
    const asked = result.commands.at(-1);
    if (current.ended || !asked) break;
    if (asked.type === 'lookup') next = { type: 'lookupResult', ...(await lookup(asked.entity, asked.number)), at: event.at };
    if (asked.type === 'fetch') next = { type: 'httpResult', ok: false, at: event.at };
  }
  return { state: current, commands };
}
