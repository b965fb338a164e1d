import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportDefinition } from '@telesales/schemas';

/** The report as JSON, for what the designer does not draw yet; an edit that is not JSON keeps the last valid one. */
export function ReportJsonTab({ def, onChange }: { def: ReportDefinition; onChange(next: ReportDefinition): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(def, null, 2));
  const [parseError, setParseError] = useState(false);
  const edit = (next: string) => {
    setText(next);
    try {
      onChange(JSON.parse(next) as ReportDefinition);
      setParseError(false);
    } catch {
      setParseError(true);
    }
  };
  return (
    <div className="report-json">
      <p className="muted small">{t('reports.jsonHint')}</p>
      {parseError && <p className="error" role="alert">{t('reports.notJson')}</p>}
      <textarea aria-label={t('reports.json')} data-testid="report-json" spellCheck={false} rows={30} className="code" value={text} onChange={(e) => edit(e.target.value)} />
    </div>
  );
}
