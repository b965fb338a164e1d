import { checkReport, recordSourceFields, sourceEntity, type Locale, type ReportDefinition, type ValidationIssue } from '@telesales/schemas';
import type { DefinitionStore } from '../definitions/store.js';
import { text } from './messages.js';

/**
 * What the kind's own check cannot see: a records source's fields come from its entity's published definition,
 * so the report's fields, measures and dimensions are checked against them here (the same checkReport).
 */
export async function checkReportAgainstEntity(definitions: DefinitionStore, def: ReportDefinition, locale: Locale): Promise<ValidationIssue[]> {
  const key = sourceEntity(def.source);
  if (!key) return [];
  const entity = await definitions.getPublishedEntity(key);
  if (!entity) return [{ path: '/source', code: 'unknown_entity', message: text('unknown_entity', locale, { entity: key }) }];
  return checkReport(def, locale, recordSourceFields(entity));
}
