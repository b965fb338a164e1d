import type { LocalText, ReportDefinition } from '@telesales/schemas';
import { uuid } from '../lib/uuid';

/** A new report starts valid and plain: this week's calls as one figure; the designer groups and draws it from there. */
export function newReport(key: string, label: LocalText): ReportDefinition {
  return {
    kind: 'report', schemaVersion: 1, id: uuid(), key, label: label as ReportDefinition['label'],
    source: 'calls', dateRange: { range: 'thisWeek' },
    measures: [{ id: 'calls', op: 'metric', metric: 'calls' }],
    visual: { type: 'kpi' },
  };
}
