import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DefinitionKind } from '../api/definitions';
import { getDefinition, listVersions, rollback, type VersionSummary } from '../api/definitions';
import { useAsync } from '../hooks/use-async';
import { DesignerHeader } from '../designer/DesignerHeader';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { DiffPanel } from './DiffPanel';
import { RollbackForm } from './RollbackForm';
import { VersionTable } from './VersionTable';

/** Published versions of one definition (entity or role), the diff between any two, and rollback. */
export function VersionsPage({ kind = 'entity', defKey }: { kind?: DefinitionKind; defKey: string }) {
  const { t } = useTranslation();
  const entity = useAsync(() => getDefinition(kind, defKey), [kind, defKey]);
  const versions = useAsync(() => listVersions(kind, defKey), [kind, defKey]);
  const [range, setRange] = useState<{ from: number; to: number } | null>(null);
  const [rollbackTo, setRollbackTo] = useState<VersionSummary | null>(null);
  const [rollbackMessage, setRollbackMessage] = useState('');

  const list = versions.data ?? [];
  // Compare the two newest versions by default ("what did the last publish change"), again after a rollback.
  const newest = list[0]?.version;
  useEffect(() => {
    if (list.length >= 2) setRange({ from: list[1].version, to: list[0].version });
    // Only a new newest version resets the comparison the admin picked.
  }, [newest]);

  const error = entity.error ?? versions.error;
  if (error) return <ErrorState error={error} onRetry={() => (entity.reload(), versions.reload())} />;
  if (!entity.data || !versions.data) return <Loading />;
  const record = entity.data;
  const def = record.draft ?? record.published;

  return (
    <div className="versions-page">
      {def && <DesignerHeader def={def} version={record.version} hasDraft={record.draft !== null} tab="versions" />}
      <div className="versions-body">
        <section aria-labelledby="versions-title" className="versions-list">
          <h2 id="versions-title">{t('versions.title')}</h2>
          {list.length === 0 ? (
            <div className="state empty" data-testid="versions-empty">
              {t('versions.empty')}
            </div>
          ) : (
            <VersionTable
              versions={list}
              current={record.version}
              onCompare={(v) => setRange({ from: v - 1, to: v })}
              onRollback={(v) => {
                setRollbackMessage(t('versions.rollbackMessage', { version: v.version }));
                setRollbackTo(v);
              }}
            />
          )}
        </section>
        {list.length >= 2 && range && <DiffPanel kind={kind} defKey={defKey} versions={list} range={range} onRange={setRange} />}
      </div>
      {rollbackTo && (
        <ConfirmDialog
          title={t('versions.rollbackTitle', { version: rollbackTo.version })}
          confirmLabel={t('versions.rollback')}
          danger
          testId="rollback-dialog"
          onClose={() => setRollbackTo(null)}
          onConfirm={async () => {
            await rollback(kind, defKey, rollbackTo.version, rollbackMessage.trim() || t('versions.rollbackMessage', { version: rollbackTo.version }));
            entity.reload();
            versions.reload();
          }}
        >
          <RollbackForm version={rollbackTo} current={record.version} hasDraft={record.draft !== null} message={rollbackMessage} onMessage={setRollbackMessage} />
        </ConfirmDialog>
      )}
    </div>
  );
}
