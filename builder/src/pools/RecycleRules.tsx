import { useTranslation } from 'react-i18next';
import type { EntityDefinition, PoolDefinition } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { InlineIssues } from '../ui/InlineIssues';
import { addRule, newRule, removeRule, updateRule } from './pool-ops';
import { RecyclePreview } from './RecyclePreview';
import { RecycleRuleRow } from './RecycleRuleRow';
import type { PreviewState } from './use-recycle-preview';

interface Props {
  def: PoolDefinition;
  entity: EntityDefinition | undefined;
  otherPools: PoolDefinition[];
  preview: PreviewState;
  issues: readonly Issue[];
  onChange(change: (def: PoolDefinition) => PoolDefinition): void;
}

/** The recycle rules of the pool, with the live count of what they would take back now. */
export function RecycleRules({ def, entity, otherPools, preview, issues, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rules = def.recycle ?? [];
  const counts = preview.status === 'ready' ? new Map(preview.data.rules.map((r) => [r.id, r.count])) : null;
  return (
    <section className="pool-pane" aria-labelledby="recycle-title" data-testid="pool-recycle">
      <div className="pane-head">
        <h2 id="recycle-title">{t('pools.recycle')}</h2>
        <button type="button" className="small" onClick={() => onChange((d) => addRule(d, newRule(entity)))} data-testid="add-rule">
          + {t('pools.addRule')}
        </button>
      </div>
      <div className="pane-scroll pool-pane-body">
        <p className="hint">{t('pools.recycleHint')}</p>
        <RecyclePreview state={preview} entityName={entity ? localize(entity.label, locale) || entity.key : ''} />
        <InlineIssues issues={issuesAt(issues, '/recycle')} />
        {rules.length === 0 ? (
          <div className="state empty small" data-testid="rules-empty">
            {t('pools.noRules')}
          </div>
        ) : (
          <ol className="rule-list">
            {rules.map((rule, i) => (
              <RecycleRuleRow
                key={rule.id}
                rule={rule}
                index={i}
                entity={entity}
                otherPools={otherPools}
                count={counts ? (counts.get(rule.id) ?? 0) : undefined}
                issues={issuesUnder(issues, `/recycle/${i}`)}
                onPatch={(patch) => onChange((d) => updateRule(d, rule.id, patch, entity))}
                onRemove={() => onChange((d) => removeRule(d, rule.id))}
              />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
