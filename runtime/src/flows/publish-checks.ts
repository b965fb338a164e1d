import type { Db } from 'mongodb';
import type { EntityDefinition, FlowDefinition, Locale, ValidationIssue } from '@telesales/schemas';
import { missingAudioIds } from '../audio/prompts.js';
import { nodeAudioIds } from '../audio/references.js';
import type { DefinitionStore } from '../definitions/store.js';
import { usersCollection } from '../org/users.js';
import { approvedHttpHosts, isHostApproved, urlHost } from './http-hosts.js';
import { text } from './messages.js';
import { skillGroupKeys } from './skill-groups.js';

/** Most flows followed when looking for a sub-flow loop (each published flow is read once). */
const MAX_SUBFLOW_WALK = 200;

/**
 * What a flow may only be checked against at publish time: the skill groups and agents it rings exist,
 * its sub-flows are published (in the pinned version) and never lead back to it, the entities it looks
 * callers up in are published and have a phone field, its HTTP nodes call approved hosts only, and no
 * other published flow already answers its numbers, and the audio prompts it plays are uploaded.
 */
export async function checkFlowReferences(db: Db, store: DefinitionStore, flow: FlowDefinition, locale: Locale): Promise<ValidationIssue[]> {
  const out: ValidationIssue[] = [];
  const groups = await skillGroupKeys(db);
  const hosts = await approvedHttpHosts(db);
  const at = (i: number, rest: string) => `/nodes/${i}/config/${rest}`;
  for (const [i, node] of flow.nodes.entries()) {
    switch (node.type) {
      case 'queue':
        if (!groups.has(node.config.skillGroup)) {
          out.push({ path: at(i, 'skillGroup'), code: 'unknown_skill_group', message: text('unknown_skill_group', locale, { group: node.config.skillGroup }) });
        }
        break;
      case 'transfer': {
        const { type, ref } = node.config.target;
        if (type === 'group' && !groups.has(ref)) {
          out.push({ path: at(i, 'target/ref'), code: 'unknown_skill_group', message: text('unknown_skill_group', locale, { group: ref }) });
        }
        if (type === 'agent' && !(await usersCollection(db).findOne({ login: ref, disabled: { $ne: true } }, { projection: { _id: 1 } }))) {
          out.push({ path: at(i, 'target/ref'), code: 'unknown_agent', message: text('unknown_agent', locale, { login: ref }) });
        }
        break;
      }
      case 'lookup': {
        const entity = (await store.getPublished('entity', node.config.entity)) as EntityDefinition | null;
        if (!entity) {
          out.push({ path: at(i, 'entity'), code: 'unknown_entity', message: text('unknown_lookup_entity', locale, { entity: node.config.entity }) });
        } else if (!entity.fields.some((f) => f.type === 'phone' && !f.retired)) {
          out.push({ path: at(i, 'entity'), code: 'entity_without_phone', message: text('entity_without_phone', locale, { entity: entity.key }) });
        }
        break;
      }
      case 'http':
        if (!isHostApproved(hosts, node.config.url)) {
          out.push({ path: at(i, 'url'), code: 'host_not_approved', message: text('host_not_approved', locale, { host: urlHost(node.config.url) ?? node.config.url }) });
        }
        break;
      case 'subflow':
        out.push(...(await checkSubflow(store, flow, i, node.config, locale)));
        break;
      default:
        break;
    }
  }
  out.push(...(await checkNumbers(store, flow, locale)));
  out.push(...(await checkAudio(db, flow, locale)));
  return out;
}

/**
 * A prompt's audio id must be an uploaded prompt. Hold music is left out: a missing one falls back to the
 * built-in hold tones at run time (the templates name a `hold-music` an installation may never upload).
 */
async function checkAudio(db: Db, flow: FlowDefinition, locale: Locale): Promise<ValidationIssue[]> {
  const refs = flow.nodes.flatMap((node, i) => nodeAudioIds(node).filter(([path]) => path !== 'holdMusic').map(([path, id]) => ({ path: `/nodes/${i}/config/${path}`, id })));
  const missing = await missingAudioIds(db, refs.map((r) => r.id));
  return refs.filter((r) => missing.has(r.id)).map((r) => ({ path: r.path, code: 'unknown_audio', message: text('unknown_audio', locale, { id: r.id }) }));
}

async function checkSubflow(
  store: DefinitionStore, flow: FlowDefinition, i: number, config: { flow: string; version: number | 'latest' }, locale: Locale,
): Promise<ValidationIssue[]> {
  const path = `/nodes/${i}/config/flow`;
  if (config.flow === flow.key) return [{ path, code: 'subflow_self', message: text('subflow_self', locale) }];
  const target = await loadFlow(store, config.flow, config.version);
  if (target === 'no_version') {
    return [{ path: `/nodes/${i}/config/version`, code: 'unknown_subflow_version', message: text('unknown_subflow_version', locale, { flow: config.flow, version: String(config.version) }) }];
  }
  if (!target) return [{ path, code: 'unknown_subflow', message: text('unknown_subflow', locale, { flow: config.flow }) }];
  const loop = await subflowLoop(store, flow.key, target);
  return loop ? [{ path, code: 'subflow_cycle', message: text('subflow_cycle', locale, { flows: [flow.key, ...loop].join(' → ') }) }] : [];
}

async function loadFlow(store: DefinitionStore, key: string, version: number | 'latest'): Promise<FlowDefinition | null | 'no_version'> {
  const head = await store.head('flow', key);
  if (!head?.published) return null;
  if (version === 'latest' || version === head.version) return head.published as FlowDefinition;
  if (version > head.version) return 'no_version';
  const doc = await store.versions.findOne({ _id: `flow:${key}:${version}` });
  return doc ? (doc.definition as FlowDefinition) : 'no_version';
}

/** The chain of sub-flow keys from `start` back to the flow being published, if there is one. */
async function subflowLoop(store: DefinitionStore, self: string, start: FlowDefinition): Promise<string[] | null> {
  const seen = new Set<string>();
  const walk: { flow: FlowDefinition; chain: string[] }[] = [{ flow: start, chain: [start.key] }];
  while (walk.length && seen.size < MAX_SUBFLOW_WALK) {
    const { flow, chain } = walk.pop()!;
    if (seen.has(flow.key)) continue;
    seen.add(flow.key);
    for (const node of flow.nodes) {
      if (node.type !== 'subflow') continue;
      if (node.config.flow === self) return [...chain, self];
      const next = await loadFlow(store, node.config.flow, node.config.version);
      if (next && next !== 'no_version') walk.push({ flow: next, chain: [...chain, next.key] });
    }
  }
  return null;
}

async function checkNumbers(store: DefinitionStore, flow: FlowDefinition, locale: Locale): Promise<ValidationIssue[]> {
  const taken = new Map<string, string>();
  for (const other of (await store.listPublished('flow')) as FlowDefinition[]) {
    if (other.key === flow.key) continue;
    for (const node of other.nodes) if (node.type === 'entry') for (const n of node.config.numbers) taken.set(n, other.key);
  }
  const out: ValidationIssue[] = [];
  flow.nodes.forEach((node, i) => {
    if (node.type !== 'entry') return;
    node.config.numbers.forEach((number, k) => {
      const owner = taken.get(number);
      if (owner) out.push({ path: `/nodes/${i}/config/numbers/${k}`, code: 'number_taken', message: text('number_taken', locale, { number, flow: owner }) });
    });
  });
  return out;
}
