import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalText } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import { issuesAt, type Issue } from '../api/issues';
import { createTeam, updateTeam, type TeamJson } from '../api/org';
import { useLocale } from '../i18n';
import { FormRow } from '../ui/FormRow';
import { LocalTextInput } from '../ui/LocalTextInput';
import { FormFooter } from '../ui/FormFooter';
import { Modal } from '../ui/Modal';
import { formErrors, NO_ERRORS, type FormErrors } from '../ui/server-issues';
import { flattenTeams, indentedName } from './team-tree';

export type TeamDialogMode = { mode: 'create'; parentId: string | null } | { mode: 'rename'; team: TeamJson } | { mode: 'move'; team: TeamJson };

interface Props {
  action: TeamDialogMode;
  teams: TeamJson[];
  onClose(): void;
  onSaved(team: TeamJson): void;
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const POINTERS = ['/key', '/name', '/parentId'];

/**
 * New team (key, zh/en name, parent), rename, or move under another parent. Moving under the team itself
 * or one below it is refused by the server (400, /body/parentId); its message is shown beside the select.
 */
export function TeamDialog({ action, teams, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const team = action.mode === 'create' ? null : action.team;
  const [key, setKey] = useState('');
  const [name, setName] = useState<Partial<LocalText> | undefined>(team?.name);
  const [parentId, setParentId] = useState<string | null>(action.mode === 'create' ? action.parentId : (team?.parentId ?? null));
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [server, setServer] = useState<FormErrors>(NO_ERRORS);
  const nodes = useMemo(() => flattenTeams(teams, locale), [teams, locale]);

  const issues = useMemo(() => {
    const found: Issue[] = [];
    if (action.mode === 'create' && !KEY.test(key)) found.push({ path: '/key', code: 'client', message: t('field.keyHint') });
    if (action.mode !== 'move') {
      for (const lang of ['zh', 'en'] as const) {
        const text = name?.[lang]?.trim() ?? '';
        if (!text) found.push({ path: `/name/${lang}`, code: 'client', message: t('teams.nameRequired') });
        else if (text.length > 100) found.push({ path: `/name/${lang}`, code: 'client', message: t('people.nameTooLong') });
      }
    }
    return found;
  }, [action.mode, key, name, t]);
  const shown = [...(touched ? issues : []), ...server.issues];
  const cleanName = { zh: name?.zh?.trim() ?? '', en: name?.en?.trim() ?? '' };
  const unchanged =
    (action.mode === 'rename' && cleanName.zh === team?.name.zh && cleanName.en === team?.name.en) ||
    (action.mode === 'move' && parentId === (team?.parentId ?? null));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    setServer(NO_ERRORS);
    if (issues.length || unchanged) return;
    setBusy(true);
    try {
      const saved =
        action.mode === 'create'
          ? await createTeam({ key, name: cleanName, parentId })
          : action.mode === 'rename'
            ? await updateTeam(action.team.id, { name: cleanName })
            : await updateTeam(action.team.id, { parentId });
      onSaved(saved);
    } catch (err) {
      setServer(formErrors(err, t, POINTERS));
    } finally {
      setBusy(false);
    }
  }

  const teamName = team ? localize(team.name, locale) || team.key : '';
  const title = action.mode === 'create' ? t('teams.new') : action.mode === 'rename' ? t('teams.renameTitle', { name: teamName }) : t('teams.moveTitle', { name: teamName });

  return (
    <Modal title={title} onClose={onClose} testId="team-dialog">
      <form onSubmit={submit} className="stack-tight" noValidate>
        {action.mode === 'create' && (
          <FormRow label={t('field.key')} issues={issuesAt(shown, '/key')} hint={t('teams.keyHint')}>
            {(id, invalid) => (
              <input
                id={id}
                value={key}
                aria-invalid={invalid}
                onChange={(e) => {
                  setKey(e.target.value.trim());
                  setServer((s) => ({ ...s, issues: s.issues.filter((i) => i.path !== '/key') }));
                }}
                data-testid="team-key"
                autoFocus
              />
            )}
          </FormRow>
        )}
        {action.mode !== 'move' && (
          <LocalTextInput label={t('teams.name')} value={name} onChange={setName} issues={shown} pointer="/name" testId="team-name" />
        )}
        {action.mode !== 'rename' && (
          <FormRow label={t('teams.parent')} issues={issuesAt(shown, '/parentId')} hint={action.mode === 'move' ? t('teams.moveHint') : undefined}>
            {(id, invalid) => (
              <select
                id={id}
                value={parentId ?? ''}
                aria-invalid={invalid}
                onChange={(e) => {
                  setParentId(e.target.value || null);
                  setServer(NO_ERRORS);
                }}
                data-testid="team-parent"
                autoFocus={action.mode === 'move'}
              >
                <option value="">{t('teams.topLevel')}</option>
                {nodes
                  .filter((n) => n.team.id !== team?.id)
                  .map((n) => (
                    <option key={n.team.id} value={n.team.id} data-key={n.team.key}>
                      {indentedName(n, locale)}
                    </option>
                  ))}
              </select>
            )}
          </FormRow>
        )}
        <FormFooter
          error={server.general} testId="team" onCancel={onClose}
          disabled={busy || unchanged || (touched && issues.length > 0)}
          submitLabel={action.mode === 'create' ? t('action.create') : action.mode === 'rename' ? t('teams.rename') : t('teams.move')}
        />
      </form>
    </Modal>
  );
}
