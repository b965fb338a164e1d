import type { ReportCellValue, ReportColumnJson, ReportResultJson } from '@telesales/schemas';

/** A figure as people read it: rates as percentages, seconds as h:mm:ss, money with separators. */
export function formatFigure(value: ReportCellValue | undefined, unit: ReportColumnJson['unit'], locale: string): string {
  if (value === null || value === undefined) return '–';
  if (typeof value !== 'number') return String(value);
  if (unit === 'ratio') return `${(value * 100).toLocaleString(locale, { maximumFractionDigits: 1 })}%`;
  if (unit === 'seconds') {
    const s = Math.round(value);
    const hms = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
    return hms[0] ? `${hms[0]}:${String(hms[1]).padStart(2, '0')}:${String(hms[2]).padStart(2, '0')}` : `${hms[1]}:${String(hms[2]).padStart(2, '0')}`;
  }
  return value.toLocaleString(locale, { maximumFractionDigits: unit === 'money' ? 2 : 2 });
}

/** A dimension value as people read it: the name or option label the run sent, else the value itself. */
export function dimensionText(result: ReportResultJson, id: string, value: ReportCellValue | undefined, none: string): string {
  if (value === null || value === undefined || value === '') return none;
  return result.labels[id]?.[String(value)] ?? String(value);
}
