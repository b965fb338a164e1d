import { localize, type LocalText } from '@telesales/schemas';
import { listDefinitions } from '../api/definitions';
import { listSkillGroups } from '../api/flows';
import { useAsync } from '../hooks/use-async';
import { useLocale } from '../i18n';

type Names = Map<string, LocalText>;

/**
 * One request per kind for every node of the canvas and the test panel, renewed after a while: skill groups,
 * objects and flows are changed on pages of their own. A failed load is not kept (keys are shown meanwhile).
 */
const FRESH_MS = 15_000;
const cache = new Map<string, { at: number; names: Promise<Names> }>();

function cached(kind: string, load: () => Promise<{ key: string; name: LocalText }[]>): Promise<Names> {
  const hit = cache.get(kind);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.names;
  const names = load().then((list) => new Map(list.map((x) => [x.key, x.name])));
  cache.set(kind, { at: Date.now(), names });
  return names.catch(() => {
    cache.delete(kind);
    return new Map();
  });
}

const loaders = {
  group: () => listSkillGroups().then((list) => list.map((g) => ({ key: g.key, name: g.name }))),
  entity: () => listDefinitions('entity').then((list) => list.map((d) => ({ key: d.key, name: d.label ?? {} }))),
  flow: () => listDefinitions('flow').then((list) => list.map((d) => ({ key: d.key, name: d.label ?? {} }))),
};

export type ReferenceKind = keyof typeof loaders;

/**
 * What a flow node refers to by key (a skill group, an object, another flow), named in the UI language: 销售组,
 * not "sales". The key while the names load, and for one that has no name or no longer exists.
 */
export function useReferenceNames(): (kind: ReferenceKind, key: string) => string {
  const locale = useLocale();
  const { data } = useAsync(
    async () => Object.fromEntries(await Promise.all((Object.keys(loaders) as ReferenceKind[]).map(async (k) => [k, await cached(k, loaders[k])] as const))),
    [],
  );
  return (kind, key) => localize(data?.[kind]?.get(key), locale) || key;
}
