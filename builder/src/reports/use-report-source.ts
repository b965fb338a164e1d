import { useMemo } from 'react';
import { recordSourceFields, sourceEntity, sourceFields, sourceKind, type EntityDefinition, type LocalText, type ReportField } from '@telesales/schemas';
import { getDefinition, listDefinitions } from '../api/definitions';
import { useAsync } from '../hooks/use-async';

export interface ReportSource {
  kind: ReturnType<typeof sourceKind>;
  /** The fields the report may use; null while a records source's entity loads (or when it is not published). */
  fields: ReportField[] | null;
  entity: EntityDefinition | null;
  entityLabel?: LocalText;
  /** Every published entity, for the source picker. */
  entities: EntityDefinition[];
}

/** The published entities (read once per designer: a workspace has a handful). */
function usePublishedEntities() {
  return useAsync(async () => {
    const list = (await listDefinitions('entity')).filter((e) => e.version > 0);
    const heads = await Promise.all(list.map((e) => getDefinition('entity', e.key)));
    return heads.map((h) => h.published).filter((d): d is EntityDefinition => d !== null);
  }, []);
}

/** The report's source: its kind and fields (a records source's from its entity's published definition). */
export function useReportSource(source: string): ReportSource {
  const entities = usePublishedEntities();
  return useMemo(() => {
    const kind = sourceKind(source);
    const all = entities.data ?? [];
    const entity = all.find((e) => e.key === sourceEntity(source)) ?? null;
    const fields = kind === 'records' ? (entity ? recordSourceFields(entity) : null) : sourceFields(source);
    return { kind, fields, entity, entityLabel: entity?.label, entities: all };
  }, [source, entities.data]);
}
