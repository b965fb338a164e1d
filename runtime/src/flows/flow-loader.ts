import type { FlowDefinition } from '@telesales/schemas';
import type { FlowRef, ResolveFlow, ResolvedFlow } from '@telesales/engines/flows';
import type { DefinitionStore } from '../definitions/store.js';

/** Most flows a simulation loads for its sub-flows (publish checks already refuse loops). */
const MAX_FLOWS = 50;

/** A published flow: a pinned version (immutable copies) or the latest one. */
export async function publishedFlow(store: DefinitionStore, key: string, version: number | 'latest'): Promise<ResolvedFlow | null> {
  if (version === 'latest') {
    const head = await store.head('flow', key);
    // The store's cached object for the latest version keeps the interpreter's compiled expressions warm.
    const definition = head?.published ? ((await store.getPublished('flow', key)) ?? head.published) : null;
    return definition && head ? { definition: definition as FlowDefinition, version: head.version } : null;
  }
  const doc = await store.versions.findOne({ _id: `flow:${key}:${version}` });
  return doc ? { definition: doc.definition as FlowDefinition, version: doc.version } : null;
}

/**
 * The interpreter resolves sub-flows synchronously, so every flow a call may enter is loaded first: the
 * sub-flows the root calls (transitively), plus those a resumed call is already inside (`refs`), whose
 * version may no longer be the latest.
 */
export async function subflowResolver(store: DefinitionStore, root: FlowDefinition, refs: FlowRef[] = []): Promise<ResolveFlow> {
  const loaded = new Map<string, ResolvedFlow | null>();
  const pending: { key: string; version: number | 'latest' }[] = refs.filter((r) => r.version > 0);
  const queueCalls = (flow: FlowDefinition) => {
    for (const node of flow.nodes) if (node.type === 'subflow') pending.push({ key: node.config.flow, version: node.config.version });
  };
  queueCalls(root);
  while (pending.length && loaded.size < MAX_FLOWS) {
    const { key, version } = pending.shift()!;
    if (loaded.has(`${key}@${version}`)) continue;
    const found = await publishedFlow(store, key, version);
    loaded.set(`${key}@${version}`, found);
    if (!found) continue;
    loaded.set(`${key}@${found.version}`, found);
    queueCalls(found.definition);
  }
  return (key, version) => loaded.get(`${key}@${version}`) ?? null;
}
