import type { EntityDefinition } from '@telesales/schemas';
import { getDefinition, listDefinitions } from '../api/definitions';
import { useAsync, type AsyncState } from '../hooks/use-async';

/**
 * The published entities whose records have an owner: only those can live in a pool. The list answer has
 * no `owned` flag or fields, so each published entity is read (a workspace has a handful).
 */
export function useOwnedEntities(): AsyncState<EntityDefinition[]> {
  return useAsync(async () => {
    const list = (await listDefinitions('entity')).filter((e) => e.version > 0);
    const heads = await Promise.all(list.map((e) => getDefinition('entity', e.key)));
    return heads
      .map((h) => h.published)
      .filter((d): d is EntityDefinition => d !== null && d.owned !== false)
      .sort((a, b) => a.key.localeCompare(b.key));
  }, []);
}
