import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '@telesales/schemas';
import { listTeams, listUsers } from '../api/org';
import { deleteSkillGroup, listSkillGroups, type SkillGroupJson } from '../api/skill-groups';
import { useAsync } from '../hooks/use-async';
import { useLocale } from '../i18n';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorState } from '../ui/ErrorState';
import { Loading } from '../ui/Loading';
import { SkillGroupDialog } from './SkillGroupDialog';
import { SkillGroupTable } from './SkillGroupTable';

/** Skill groups (the agents an inbound flow's queue rings): list, create, edit, delete. For people who manage users. */
export function SkillGroupsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const groups = useAsync(listSkillGroups, []);
  const users = useAsync(listUsers, []);
  const teams = useAsync(listTeams, []);
  const [editing, setEditing] = useState<{ group?: SkillGroupJson } | null>(null);
  const [deleting, setDeleting] = useState<SkillGroupJson | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const nameOf = (g: SkillGroupJson) => localize(g.name, locale) || g.key;
  const ready = groups.data && users.data && teams.data;

  return (
    <div className="skill-groups-page" data-testid="skill-groups-page">
      <div className="page-head">
        <div>
          <h1>{t('skillGroups.title')}</h1>
          <p className="muted small page-intro">{t('skillGroups.intro')}</p>
        </div>
        <button type="button" className="primary" onClick={() => setEditing({})} disabled={!ready} data-testid="new-skill-group">
          + {t('skillGroups.new')}
        </button>
      </div>
      {flash && (
        <div className="toast" role="status" data-testid="skill-group-saved" onAnimationEnd={() => setFlash(null)}>
          {flash}
        </div>
      )}
      {(groups.loading || users.loading || teams.loading) && !ready && <Loading />}
      {[groups, users, teams].map((r, i) => r.error != null && <ErrorState key={i} error={r.error} onRetry={r.reload} />)}
      {ready && groups.data!.length === 0 && (
        <div className="state empty" data-testid="skill-groups-empty">
          <strong>{t('skillGroups.empty')}</strong>
          <p className="muted">{t('skillGroups.intro')}</p>
        </div>
      )}
      {ready && groups.data!.length > 0 && (
        <SkillGroupTable groups={groups.data!} users={users.data!} teams={teams.data!} onEdit={(group) => setEditing({ group })} onDelete={setDeleting} />
      )}
      {editing && ready && (
        <SkillGroupDialog
          group={editing.group}
          takenKeys={groups.data!.map((g) => g.key)}
          users={users.data!}
          teams={teams.data!}
          onClose={() => setEditing(null)}
          onSaved={(group) => {
            setEditing(null);
            setFlash(t('skillGroups.saved', { name: nameOf(group) }));
            groups.reload();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('skillGroups.deleteTitle', { name: nameOf(deleting) })}
          confirmLabel={t('skillGroups.delete')}
          danger
          testId="delete-skill-group"
          onConfirm={async () => {
            await deleteSkillGroup(deleting.key);
            setFlash(t('skillGroups.deleted', { name: nameOf(deleting) }));
            groups.reload();
          }}
          onClose={() => setDeleting(null)}
        >
          <p>{t('skillGroups.deleteExplain')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
