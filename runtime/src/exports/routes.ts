import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { localize } from '@telesales/schemas';
import { exportCsv, exportXlsx, planExport, type ExportPlan } from './export-records.js';
import { exportSchema } from './route-schemas.js';

type Query = { filter?: string; q?: string; sort?: string; deleted?: boolean };
type Params = { entity: string };

/** The headers say what the file holds: all matching rows, or the first EXPORT_CAP of more. */
function describe(reply: FastifyReply, plan: ExportPlan, name: string, type: string) {
  reply.header('content-type', type)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('x-export-total', String(plan.total))
    .header('x-export-rows', String(plan.exported))
    .header('x-export-truncated', String(plan.truncated));
}

/** GET /api/records/:entity/export.csv|.xlsx: the list (same filter, q, sort) as a file, streamed. */
export async function exportRoutes(app: FastifyInstance): Promise<void> {
  const plan = async (request: FastifyRequest & { params: Params; query: Query }) => {
    const ctx = await app.records.context(request, request.params.entity, 'read');
    const { filter, ...rest } = request.query;
    const p = await planExport(ctx, { ...rest, filter: filter === undefined ? undefined : app.records.parseFilter(ctx, filter) });
    const stamp = new Date().toISOString().slice(0, 10);
    return { ctx, plan: p, name: `${ctx.entity.key}-${stamp}`, sheet: localize(ctx.entity.label, ctx.locale) || ctx.entity.key };
  };

  app.get<{ Params: Params; Querystring: Query }>('/api/records/:entity/export.csv', { schema: exportSchema }, async (request, reply) => {
    const { plan: p, name } = await plan(request);
    describe(reply, p, `${name}.csv`, 'text/csv; charset=utf-8');
    return reply.send(exportCsv(p));
  });

  app.get<{ Params: Params; Querystring: Query }>('/api/records/:entity/export.xlsx', { schema: exportSchema }, async (request, reply) => {
    const { plan: p, name, sheet } = await plan(request);
    describe(reply, p, `${name}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(exportXlsx(p, sheet.slice(0, 31)));
  });
}
