import { localize, type DashboardDefinition, type DashboardJson, type DashboardSummaryJson, type ReportDefinition } from '@telesales/schemas';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.js';
import type { Viewer } from '../reports/viewer-source.js';
import { text } from './messages.js';

/** A dashboard is for the roles it names; everyone else neither lists nor opens it (its existence included). */
const seenBy = (def: DashboardDefinition, viewer: Viewer) => (def.roles as string[]).includes(viewer.user.role);

/**
 * The dashboards a reader sees and one dashboard's tiles with their reports. It computes no figure: the console runs
 * each tile's report through the reports engine with the dashboard's filters, so a tile equals the report alone.
 */
export class DashboardsService {
  constructor(private readonly app: FastifyInstance) {}

  async list(viewer: Viewer): Promise<DashboardSummaryJson[]> {
    const heads = await this.app.definitions.heads.find({ kind: 'dashboard', published: { $ne: null } }).sort({ key: 1 }).toArray();
    return heads
      .filter((h) => seenBy(h.published as DashboardDefinition, viewer))
      .map((h) => {
        const def = h.published as DashboardDefinition;
        const description = def.description ? localize(def.description, viewer.locale) : '';
        return { key: def.key, version: h.version, label: localize(def.label, viewer.locale), ...(description ? { description } : {}), tiles: def.tiles.length };
      });
  }

  async open(key: string, viewer: Viewer): Promise<DashboardJson> {
    const head = await this.app.definitions.head('dashboard', key);
    const def = head?.published as DashboardDefinition | undefined;
    if (!head || !def || !seenBy(def, viewer)) throw new ApiError(404, 'not_found', text('dashboard_not_found', viewer.locale, { key }));
    const tiles = await Promise.all(def.tiles.map(async (tile) => {
      const report = await this.app.definitions.head('report', tile.report);
      const published = report?.published as ReportDefinition | undefined;
      const place = { id: tile.id, report: tile.report, x: tile.x, y: tile.y, w: tile.w, h: tile.h };
      if (!report || !published) {
        return { ...place, title: tile.title ? localize(tile.title, viewer.locale) : tile.report, definition: null, version: null,
          unavailable: { code: 'report_gone', message: text('report_gone', viewer.locale, { report: tile.report }) } };
      }
      const title = localize(tile.title ?? published.label, viewer.locale);
      const refused = await this.app.reports.refusal(published, viewer);
      if (refused) return { ...place, title, definition: null, version: null, unavailable: { code: refused.code, message: refused.message } };
      return { ...place, title, definition: published as unknown as Record<string, unknown>, version: report.version };
    }));
    const description = def.description ? localize(def.description, viewer.locale) : '';
    return {
      key: def.key, version: head.version, label: localize(def.label, viewer.locale), ...(description ? { description } : {}),
      filters: def.filters ?? {}, tiles,
    };
  }
}
