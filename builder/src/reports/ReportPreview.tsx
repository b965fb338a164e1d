import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeReport, type ReportDefinition, type ReportResultJson } from '@telesales/schemas';
import { ApiError } from '../api/client';
import type { Issue } from '../api/issues';
import { previewReport } from '../api/reports';
import { useLocale } from '../i18n';
import { ReportView } from '../report-view/ReportView';
import type { ReportSource } from './use-report-source';

const DEBOUNCE_MS = 400;

interface Props {
  def: ReportDefinition;
  source: ReportSource;
  /** Problems found here already: a draft with any is not sent (the server would refuse it the same way). */
  localIssues: number;
  /** What the server refused of the draft (fields the designer may not see, an entity's fields), to show at the inputs. */
  onServerIssues(issues: Issue[]): void;
}

/**
 * The draft run on the real data (POST /api/reports/preview, the designer's own scope) shortly after each change,
 * drawn as it will be, with the sentence of what is being counted under it.
 */
export function ReportPreview({ def, source, localIssues, onServerIssues }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [result, setResult] = useState<ReportResultJson | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const body = JSON.stringify(def);

  useEffect(() => {
    if (localIssues > 0) return;
    let live = true;
    const timer = setTimeout(() => {
      setRunning(true);
      previewReport(JSON.parse(body) as ReportDefinition)
        .then((r) => { if (live) { setResult(r); setError(null); onServerIssues([]); } })
        .catch((e: unknown) => {
          if (!live) return;
          const err = e instanceof ApiError ? e : null;
          setError(err?.message ?? String(e));
          onServerIssues(err?.errors ?? []);
        })
        .finally(() => live && setRunning(false));
    }, DEBOUNCE_MS);
    return () => { live = false; clearTimeout(timer); };
    // `body` stands for the definition; the callback is the parent's setter
  }, [body, localIssues, locale]);

  const sentence = describeReport(def, locale, { fields: source.fields, entityLabel: source.entityLabel });
  return (
    <section className="report-preview" data-testid="report-preview" aria-busy={running} aria-label={t('reportDesigner.preview')}>
      <div className="report-preview-body">
        {localIssues > 0 ? <p className="muted">{t('reportDesigner.fixFirst')}</p>
          : error ? <p className="error" role="alert" data-testid="preview-error">{error}</p>
            : result ? <ReportView result={result} /> : <p className="muted">{t('state.loading')}</p>}
      </div>
      <p className="report-sentence" data-testid="report-sentence">{sentence}</p>
      {result?.range && !error && localIssues === 0 && (
        <p className="muted small" data-testid="preview-range">{t('reportDesigner.period', { from: result.range.fromDate, to: result.range.toDate })}</p>
      )}
    </section>
  );
}
