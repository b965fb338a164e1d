import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import { InlineIssues } from '../ui/InlineIssues';
import { PRINCIPAL_TYPES, samePrincipal, type Principal, type PrincipalType } from './pool-ops';
import type { Principals } from './use-principals';

interface Props {
  /** The people, teams and roles in the list now. */
  chosen: readonly Principal[];
  /** Receives a change of the list (one added, one removed) as a function of the list at that moment. */
  onChange(change: (list: Principal[]) => Principal[]): void;
  principals: Principals;
  issues: readonly Issue[];
  /** The list's JSON pointer ("/members", "/agents"): issues at it and at its items are shown. */
  pointer: string;
  text: { title: string; hint: string; empty: string };
  /** The list's test id; its empty note is `${testId}-empty`. */
  testId: string;
}

/** A list of people, teams and roles (a pool's members or admins, a task's agents) and a type + name picker to add one more. */
export function PrincipalList({ chosen, onChange, principals, issues, pointer, text: texts, testId }: Props) {
  const { t } = useTranslation();
  const [type, setType] = useState<PrincipalType>('team');
  const [ref, setRef] = useState('');
  const options = principals.options[type].filter((o) => !chosen.some((p) => p.type === type && p.ref === o.ref));
  const title = texts.title;
  const add = () => {
    if (!ref) return;
    const p = { type, ref };
    onChange((list) => (list.some((x) => samePrincipal(x, p)) ? list : [...list, p]));
    setRef('');
  };

  return (
    <div className="principal-list" data-testid={testId}>
      <p className="hint">{texts.hint}</p>
      {chosen.length === 0 ? (
        <p className="muted small" data-testid={`${testId}-empty`}>
          {texts.empty}
        </p>
      ) : (
        <ul className="principal-chips">
          {chosen.map((p, i) => {
            const name = principals.nameOf(p);
            const text = name ?? (principals.loading ? p.ref : `${p.ref} ⚠`);
            return (
              <li key={`${p.type}:${p.ref}`} className={`principal-chip${name === null && !principals.loading ? ' unknown' : ''}`} data-testid="principal" data-type={p.type} data-ref={p.ref}>
                <span className="badge muted">{t(`pools.principal.${p.type}`)}</span>
                <span className="ellipsis" title={name === null && !principals.loading ? t('pools.principalUnknown') : undefined}>
                  {text}
                </span>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={t('pools.removePrincipal', { name: text, list: title })}
                  onClick={() => onChange((list) => list.filter((_, k) => k !== i))}
                  data-testid="principal-remove"
                >
                  ×
                </button>
                <InlineIssues issues={issuesUnder(issues, `${pointer}/${i}`)} />
              </li>
            );
          })}
        </ul>
      )}
      <div className="principal-picker" role="group" aria-label={t('pools.addTo', { list: title })}>
        <select
          value={type}
          onChange={(e) => {
            setType(e.target.value as PrincipalType);
            setRef('');
          }}
          aria-label={t('pools.principalType')}
          data-testid="principal-type"
        >
          {PRINCIPAL_TYPES.map((k) => (
            <option key={k} value={k}>
              {t(`pools.principal.${k}`)}
            </option>
          ))}
        </select>
        <select
          value={ref}
          onChange={(e) => setRef(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          aria-label={t('pools.principalName', { type: t(`pools.principal.${type}`) })}
          data-testid="principal-ref"
        >
          <option value="">{principals.loading ? t('state.loading') : t('pools.choosePrincipal')}</option>
          {options.map((o) => (
            <option key={o.ref} value={o.ref} data-key={o.key}>
              {o.text}
            </option>
          ))}
        </select>
        <button type="button" className="small" onClick={add} disabled={!ref} data-testid="principal-add">
          {t('pools.add')}
        </button>
      </div>
      {principals.failed.includes(type) && (
        <p className="hint warn-text" role="note">
          {t('pools.principalsFailed', { type: t(`pools.principal.${type}`) })}{' '}
          <button type="button" className="linklike" onClick={principals.reload}>
            {t('action.retry')}
          </button>
        </p>
      )}
      <InlineIssues issues={issuesAt(issues, pointer)} />
    </div>
  );
}
