import type { DispositionsDefinition } from '@telesales/schemas';
import { getDefinition, listDefinitions, type DefinitionSummary } from '../api/definitions';
import { useAsync } from '../hooks/use-async';

/** The published dispositions definitions a task may offer, and the chosen one's outcomes (read again when the choice changes). */
export function useDispositionsCatalog(chosenKey: string | undefined) {
  const list = useAsync(async (): Promise<DefinitionSummary[]> => (await listDefinitions('dispositions')).filter((d) => d.version > 0), []);
  const chosen = useAsync(async (): Promise<DispositionsDefinition | undefined> => {
    if (!chosenKey) return undefined;
    return ((await getDefinition('dispositions', chosenKey)).published as DispositionsDefinition | null) ?? undefined;
  }, [chosenKey]);
  return { list: list.data ?? [], chosen: chosenKey ? chosen.data : undefined };
}
