import { useTranslation } from 'react-i18next';
import { getDiff, type VersionSummary } from '../api/definitions';
import { useAsync } from '../app/use-async';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { DiffView } from './DiffView';

interface Props {
  entityKey: string;
  versions: VersionSummary[];
  range: { from: number; to: number };
  onRange(range: { from: number; to: number }): void;
}

/** Pick any two versions; the runtime computes the diff (fields matched by id). */
export function DiffPanel({ entityKey, versions, range, onRange }: Props) {
  const { t } = useTranslation();
  const diff = useAsync(() => getDiff(entityKey, range.from, range.to), [entityKey, range.from, range.to]);
  const picker = (which: 'from' | 'to') => (
    <select value={range[which]} onChange={(e) => onRange({ ...range, [which]: Number(e.target.value) })} aria-label={t(`versions.${which}`)} data-testid={`diff-${which}`}>
      {versions.map((v) => (
        <option key={v.version} value={v.version}>
          v{v.version}
        </option>
      ))}
    </select>
  );
  return (
    <section className="diff-panel" aria-labelledby="diff-title" data-testid="diff-panel">
      <div className="pane-head">
        <h2 id="diff-title">{t('versions.compare')}</h2>
        {picker('from')}
        <span aria-hidden="true">→</span>
        {picker('to')}
      </div>
      {diff.loading && <Loading />}
      {diff.error != null && <ErrorState error={diff.error} onRetry={diff.reload} />}
      {diff.data && !diff.loading && <DiffView changes={diff.data.changes} />}
    </section>
  );
}
