import type { LocalText, ReportDefinition } from '@telesales/schemas';
import { uuid } from '../lib/uuid';

/** A new report starts valid: calls of this week, counted per agent, as a bar chart (the designer comes later). */
export function newReport(key: string, label: LocalText): ReportDefinition {
  return {
    kind: 'report', schemaVersion: 1, id: uuid(), key, label: label as ReportDefinition['label'],
    source: 'calls', dateRange: { range: 'thisWeek' },
    dimensions: [{ id: 'agent', by: 'owner' }],
    measures: [{ id: 'calls', op: 'metric', metric: 'calls' }],
    visual: { type: 'bar' },
  };
}
