import { localize, sourceKind, type ReportDefinition, type ReportListItemJson } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.js';
import { refuseHiddenFields } from './viewer-fields.js';
import { openSource, peoplePath, type Viewer } from './viewer-source.js';

/**
 * The published reports this viewer may run: the same test a run makes (the source opens in their scope and every
 * field it names, in the filter too, is one they see unmasked), so the list never offers a report that would answer 403 or 400.
 */
export async function runnableReports(app: FastifyInstance, viewer: Viewer): Promise<ReportListItemJson[]> {
  const heads = await app.definitions.heads.find({ kind: 'report', published: { $ne: null } }).sort({ key: 1 }).toArray();
  const out: ReportListItemJson[] = [];
  for (const head of heads) {
    const def = head.published as ReportDefinition;
    let mayExport = false;
    try {
      const source = await openSource(app, viewer, def.source);
      mayExport = source.mayExport;
      refuseHiddenFields(def, source, viewer.locale);
      if (def.filter !== undefined) source.filterMatch(def.filter);
    } catch (e) {
      if (e instanceof ApiError && e.statusCode < 500) continue;
      throw e;
    }
    const kind = sourceKind(def.source);
    out.push({
      key: def.key, version: head.version, label: localize(def.label, viewer.locale), source: def.source, visual: def.visual.type,
      range: def.dateRange?.range ?? null,
      filters: [...(peoplePath(kind) ? ['team' as const] : []), ...(kind === 'calls' || kind === 'dials' ? ['task' as const] : [])],
      mayExport,
    });
  }
  return out;
}
