import { useTranslation } from 'react-i18next';
import type { DefinitionChange } from '../api/definitions';
import { formatValue, isBulky } from './format-value';
import { subPath } from './group-changes';
import { ItemSummary } from './ItemSummary';
import { PathText } from './PathText';

function Value({ text, kind }: { text: string; kind: 'before' | 'after' }) {
  if (!isBulky(text)) return <span className={`diff-${kind}`}>{text}</span>;
  return (
    <details className={`diff-${kind}`}>
      <summary>{text.slice(0, 60)}…</summary>
      <pre>{text}</pre>
    </details>
  );
}

/** A whole item (field, option, section) or a whole settings object (a role's permissions for one entity). */
const isItem = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && ('id' in v || !Object.keys(v).every((k) => k === 'zh' || k === 'en'));

export function DiffRow({ change, optionLabel }: { change: DefinitionChange; optionLabel: string }) {
  const { t } = useTranslation();
  const where = subPath(change);
  const property = where.split(' › ').pop();
  // A role's whole entry for one object (/entities/customer) is a set of permissions, not a "property".
  const targetName = /^\/entities\/[^/]+$/.test(change.path) ? t('diff.target.permission') : t(`diff.target.${change.target}`);
  // A flow node's new canvas position: that it moved is what matters, not its coordinates.
  if (/^\/nodes\/[^/]+\/position$/.test(change.path)) {
    return (
      <li className="diff-row change-changed" data-testid="diff-row" data-change="changed" data-path={change.path}>
        <span className="badge change-changed">{t('diff.changed')}</span>
        <span className="diff-where muted">{t('diff.moved')}</span>
      </li>
    );
  }
  if (isItem(change.after) || isItem(change.before)) {
    const item = (change.after ?? change.before) as Record<string, unknown>;
    return (
      <li className={`diff-row change-${change.change}`} data-testid="diff-row" data-change={change.change} data-path={change.path}>
        <span className={`badge change-${change.change}`}>{t(`diff.${change.change}`)}</span>
        <span className="diff-where">{where ? <PathText path={where} /> : targetName}</span>
        <ItemSummary item={item} kind={change.change === 'removed' ? 'before' : 'after'} />
      </li>
    );
  }
  return (
    <li className={`diff-row change-${change.change}`} data-testid="diff-row" data-change={change.change} data-path={change.path}>
      <span className={`badge change-${change.change}`}>{t(`diff.${change.change}`)}</span>
      <span className="diff-where">
        {change.target === 'option' && optionLabel ? `${t('diff.target.option')} «${optionLabel}» ` : ''}
        {where ? <PathText path={where} /> : targetName}
      </span>
      {change.change !== 'added' && <Value text={formatValue(change.before, t, property)} kind="before" />}
      {change.change === 'changed' && <span aria-hidden="true">→</span>}
      {change.change !== 'removed' && <Value text={formatValue(change.after, t, property)} kind="after" />}
    </li>
  );
}
