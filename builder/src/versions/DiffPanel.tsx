import { useTranslation } from 'react-i18next';
import type { DefinitionKind } from '../api/definitions';
import { localize } from '@telesales/schemas';
import { getDiff, listDefinitions, type VersionSummary } from '../api/definitions';
import { useLocale } from '../i18n';
import { useAsync } from '../hooks/use-async';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { DiffView } from './DiffView';

interface Props {
  kind: DefinitionKind;
  defKey: string;
  versions: VersionSummary[];
  range: { from: number; to: number };
  onRange(range: { from: number; to: number }): void;
}

/** Pick any two versions; the runtime computes the diff (fields matched by id). */
export function DiffPanel({ kind, defKey, versions, range, onRange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const diff = useAsync(() => getDiff(kind, defKey, range.from, range.to), [kind, defKey, range.from, range.to]);
  // A role's changes are grouped per object: name the objects (a failed lookup just leaves the keys).
  const entities = useAsync(() => (kind === 'role' ? listDefinitions('entity') : Promise.resolve([])), [kind]);
  const entityNames = Object.fromEntries((entities.data ?? []).map((e) => [e.key, localize(e.label, locale) || e.key]));
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
      {diff.data && !diff.loading && <DiffView kind={kind} changes={diff.data.changes} entityNames={entityNames} />}
    </section>
  );
}
