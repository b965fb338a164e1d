import { useTranslation } from 'react-i18next';
import type { ReportResultJson } from '@telesales/schemas';
import { useLocale } from '../i18n';
import { dimensionText, formatFigure } from './format';

/**
 * A run as an HTML table: a row per group with its dimensions and figures, then the totals; a pivot spreads the
 * column dimension (visual.options.columns, else the second) across, one cell per first measure.
 */
export function ReportTable({ result }: { result: ReportResultJson }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const none = t('reportView.none');
  const dims = result.columns.filter((c) => c.kind === 'dimension');
  const measures = result.columns.filter((c) => c.kind === 'measure');
  const colId = (result.visual.options as { columns?: string } | undefined)?.columns ?? dims[1]?.id;
  const across = String(result.visual.type) === 'pivot' ? dims.find((d) => d.id === colId) : undefined;

  if (across && measures[0]) {
    const down = dims.find((d) => d.id !== across.id)!;
    const m = measures[0];
    const rowKeys = [...new Set(result.rows.map((r) => r[down.id] ?? null))];
    const colKeys = [...new Set(result.rows.map((r) => r[across.id] ?? null))];
    const cell = (a: unknown, b: unknown) => result.rows.find((r) => (r[down.id] ?? null) === a && (r[across.id] ?? null) === b)?.[m.id];
    return (
      <div className="report-table-wrap">
        <table className="report-table" data-testid="report-table">
          <thead><tr><th>{down.label} \ {across.label}</th>{colKeys.map((c) => <th key={String(c)}>{dimensionText(result, across.id, c, none)}</th>)}</tr></thead>
          <tbody>
            {rowKeys.map((r) => (
              <tr key={String(r)}>
                <th>{dimensionText(result, down.id, r, none)}</th>
                {colKeys.map((c) => <td key={String(c)}>{formatFigure(cell(r, c) ?? null, m.unit, locale)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <div className="report-table-wrap">
      <table className="report-table" data-testid="report-table">
        <thead><tr>{[...dims, ...measures].map((c) => <th key={c.id}>{c.label}</th>)}</tr></thead>
        <tbody>
          {result.rows.map((row, i) => (
            <tr key={i}>
              {dims.map((d) => <td key={d.id}>{dimensionText(result, d.id, row[d.id], none)}</td>)}
              {measures.map((m) => <td key={m.id} className="num">{formatFigure(row[m.id], m.unit, locale)}</td>)}
            </tr>
          ))}
          {result.rows.length === 0 && <tr><td colSpan={result.columns.length} className="muted">{t('reportView.empty')}</td></tr>}
        </tbody>
        {result.totals && dims.length > 0 && (
          <tfoot>
            <tr>
              <th colSpan={dims.length}>{t('reportView.total')}</th>
              {measures.map((m) => <td key={m.id} className="num">{formatFigure(result.totals?.[m.id], m.unit, locale)}</td>)}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
