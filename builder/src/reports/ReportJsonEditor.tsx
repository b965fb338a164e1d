import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateDefinition } from '@telesales/schemas';
import { DraftFrame } from '../designer/DraftFrame';
import { IssueSummary } from '../designer/IssueSummary';
import { useDefinitionDraft } from '../hooks/use-definition-draft';
import { useLocale } from '../i18n';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';

/**
 * A report as JSON, validated live, autosaved and published like any definition: a stand-in until the report
 * designer (fields dragged to rows, columns and measures, the chart picker, the live preview) replaces it.
 */
export function ReportJsonEditor({ defKey }: { defKey: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const draft = useDefinitionDraft('report', defKey);
  const { def, record } = draft;
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState(false);
  const issues = useMemo(() => (def ? validateDefinition(def, locale) : []), [def, locale]);
  useEffect(() => { if (def && !text) setText(JSON.stringify(def, null, 2)); }, [def, text]);

  if (draft.loadError) return <ErrorState error={draft.loadError} onRetry={() => void draft.reload()} />;
  if (!record) return <Loading />;
  if (!def) return <ErrorState error={null} onRetry={() => void draft.reload()} />;

  const edit = (next: string) => {
    setText(next);
    try {
      const parsed = JSON.parse(next) as typeof def;
      setParseError(false);
      draft.update(() => parsed);
    } catch {
      setParseError(true);
    }
  };

  return (
    <DraftFrame kind="report" draft={draft} issueCount={issues.length + (parseError ? 1 : 0)} neverPublishedText={t('reports.discardNeverPublished')} className="designer">
      <IssueSummary def={def} issues={issues} onGo={() => undefined} />
      <p className="muted small">{t('reports.jsonHint')}</p>
      {parseError && <p className="error" role="alert">{t('reports.notJson')}</p>}
      <textarea aria-label={t('reports.json')} data-testid="report-json" spellCheck={false} rows={30} className="code" value={text} onChange={(e) => edit(e.target.value)} />
    </DraftFrame>
  );
}
