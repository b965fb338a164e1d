import type { ReportDefinition } from '../../types.js';
import type { DefinitionKindSpec } from '../kind.js';
import { checkReport } from './checks.js';
import { reportSchema } from './schema.js';
import { sourceFields } from './sources.js';
import { texts } from './texts.js';

/**
 * A report: what is counted, grouped by what, which figures, drawn how. Every signed-in person may read the
 * published definitions (dashboards show them to agents too); what each one sees of the data is the engine's
 * (runtime/src/reports/), per viewer.
 */
export const reportKind: DefinitionKindSpec<'report', ReportDefinition> = {
  kind: 'report', slug: 'reports', schema: reportSchema, texts, everyoneReads: true,
  check: (def, { locale }) => checkReport(def, locale, sourceFields(def.source)),
};
