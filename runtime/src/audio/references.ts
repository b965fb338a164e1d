import { promptPaths, type FlowDefinition, type FlowNode } from '@telesales/schemas';
import type { DefinitionStore } from '../definitions/store.js';

/** Every audio id a flow node plays, with its path inside the node's config (`prompt/audio/zh`, `holdMusic`). */
export function nodeAudioIds(node: FlowNode): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, prompt] of promptPaths(node)) {
    for (const [language, id] of Object.entries(prompt.audio ?? {})) if (id?.trim()) out.push([`${key}/audio/${language}`, id]);
  }
  if (node.type === 'queue' && node.config.holdMusic) out.push(['holdMusic', node.config.holdMusic]);
  return out;
}

/** Keys of the published flows (latest versions) that play this audio prompt: it may not be deleted under them. */
export async function flowsUsingAudio(store: DefinitionStore, id: string): Promise<string[]> {
  const flows = (await store.listPublished('flow')) as FlowDefinition[];
  return flows.filter((f) => f.nodes.some((n) => nodeAudioIds(n).some(([, ref]) => ref === id))).map((f) => f.key).sort();
}
