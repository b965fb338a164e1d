import type { PoolDefinition } from '@telesales/schemas';
import { getDefinition, listDefinitions } from '../api/definitions';
import { useAsync, type AsyncState } from '../hooks/use-async';

/**
 * Every pool with its current definition (draft, else published): the list shows each one's object, mode
 * and system badge, and a recycle rule offers the other pools of the same object. The list answer has
 * none of that, so each pool is read.
 */
export function usePoolCatalog(): AsyncState<PoolDefinition[]> {
  return useAsync(async () => {
    const list = await listDefinitions('pool');
    const heads = await Promise.all(list.map((p) => getDefinition('pool', p.key)));
    return heads.map((h) => h.draft ?? h.published).filter((d): d is PoolDefinition => d !== null);
  }, []);
}
