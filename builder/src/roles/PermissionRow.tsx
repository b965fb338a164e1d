import { useTranslation } from 'react-i18next';
import type { DataScope, RoleDefinition } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import { InlineIssues } from '../ui/InlineIssues';
import { NumberInput } from '../ui/NumberInput';
import { DATA_SCOPES, effectiveEntry, grantsWithoutRead, PERMISSIONS, resetEntry, setEntryCap, setEntryScope, setPermission } from './role-ops';

export interface MatrixRow {
  key: string;
  name: string;
  /** default = the "*" row; unknown = named by the role but not a published object. */
  kind: 'default' | 'entity' | 'unknown';
}

interface Props {
  row: MatrixRow;
  def: RoleDefinition;
  issues: readonly Issue[];
  onChange(change: (def: RoleDefinition) => RoleDefinition): void;
}

export function PermissionRow({ row, def, issues, onChange }: Props) {
  const { t } = useTranslation();
  const { entry, inherited } = effectiveEntry(def, row.key);
  const hasOwn = def.entities[row.key] !== undefined;
  const roleScope = t(`scope.${def.dataScope}`);
  const classes = ['perm-row', row.kind, inherited && 'inherited', issues.length > 0 && 'invalid'].filter(Boolean).join(' ');
  return (
    <>
      <tr className={classes} data-testid="perm-row" data-key={row.key} data-inherited={inherited ? 'true' : 'false'}>
        <th scope="row">
          <div className="perm-name">
            <span>{row.name}</span>
            {row.kind !== 'default' && <code className="muted">{row.key}</code>}
            {row.kind === 'default' && <code className="muted">*</code>}
            {inherited && <span className="badge muted" title={t('roles.inheritsHint')}>{t('roles.inherits')}</span>}
            {row.kind === 'unknown' && <span className="badge danger">{t('roles.unknownEntity')}</span>}
            {grantsWithoutRead(entry) && (
              <span className="warn-icon" title={t('roles.noReadWarning')} aria-label={t('roles.noReadWarning')} role="img">
                ⚠
              </span>
            )}
          </div>
          {row.kind === 'default' && <div className="hint">{t('roles.defaultRowHint')}</div>}
        </th>
        {PERMISSIONS.map((p) => (
          <td key={p} className="center">
            <input
              type="checkbox"
              checked={!!entry[p]}
              onChange={(e) => onChange((d) => setPermission(d, row.key, p, e.target.checked))}
              aria-label={t('roles.permFor', { permission: t(`perm.${p}`), object: row.name })}
              data-testid={`perm-${row.key}-${p}`}
            />
          </td>
        ))}
        <td>
          <select
            value={entry.dataScope ?? ''}
            onChange={(e) => onChange((d) => setEntryScope(d, row.key, (e.target.value || undefined) as DataScope | undefined))}
            aria-label={t('roles.scopeFor', { object: row.name })}
            aria-invalid={issues.some((i) => i.path.endsWith('/dataScope'))}
            data-testid={`perm-${row.key}-scope`}
          >
            <option value="">{t('roles.scopeInherit', { scope: roleScope })}</option>
            {DATA_SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`scope.${s}`)}
              </option>
            ))}
          </select>
        </td>
        <td>
          <NumberInput
            className="cap-input"
            min={1}
            step={1}
            value={entry.cap}
            onValue={(cap) => onChange((d) => setEntryCap(d, row.key, cap))}
            placeholder={t('roles.noCap')}
            aria-label={t('roles.capFor', { object: row.name })}
            aria-invalid={issues.some((i) => i.path.endsWith('/cap'))}
            data-testid={`perm-${row.key}-cap`}
          />
        </td>
        <td className="nowrap">
          {hasOwn && (
            <button
              type="button"
              className="icon-btn"
              onClick={() => onChange((d) => resetEntry(d, row.key))}
              title={row.kind === 'default' ? t('roles.clearDefault') : row.kind === 'unknown' ? t('action.remove') : t('roles.useDefault')}
              aria-label={`${row.kind === 'unknown' ? t('action.remove') : row.kind === 'default' ? t('roles.clearDefault') : t('roles.useDefault')}: ${row.name}`}
              data-testid={`perm-${row.key}-reset`}
            >
              {row.kind === 'unknown' ? '×' : '↺'}
            </button>
          )}
        </td>
      </tr>
      {issues.length > 0 && (
        <tr className="perm-issues">
          <td colSpan={PERMISSIONS.length + 4}>
            <InlineIssues issues={issues} />
          </td>
        </tr>
      )}
    </>
  );
}
