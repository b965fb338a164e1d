import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalText } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import { issuesAt, issuesUnder, type Issue } from '../api/issues';
import type { PublicUser, TeamJson } from '../api/org';
import { saveSkillGroup, type SkillGroupJson } from '../api/skill-groups';
import { useLocale } from '../i18n';
import { formErrors, NO_ERRORS, type FormErrors } from '../ui/server-issues';
import { FormRow } from '../ui/FormRow';
import { InlineIssues } from '../ui/InlineIssues';
import { LocalTextInput } from '../ui/LocalTextInput';
import { FormFooter } from '../ui/FormFooter';
import { Modal } from '../ui/Modal';
import { MemberPicker } from './MemberPicker';

interface Props {
  /** The group to edit; none to create one. */
  group?: SkillGroupJson;
  /** Keys already taken: the API's PUT would silently replace a group with the same key. */
  takenKeys: string[];
  users: PublicUser[];
  teams: TeamJson[];
  onClose(): void;
  onSaved(group: SkillGroupJson): void;
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const POINTERS = ['/key', '/name', '/members'];

/** New skill group (key, zh/en name, members) or an edit of one (name and members; the key is what flows name). */
export function SkillGroupDialog({ group, takenKeys, users, teams, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [key, setKey] = useState(group?.key ?? '');
  const [name, setName] = useState<Partial<LocalText> | undefined>(group?.name);
  const [members, setMembers] = useState<string[]>(group?.members ?? []);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [server, setServer] = useState<FormErrors>(NO_ERRORS);

  const issues = useMemo(() => {
    const found: Issue[] = [];
    if (!group && !KEY.test(key)) found.push({ path: '/key', code: 'client', message: t('field.keyHint') });
    else if (!group && takenKeys.includes(key)) found.push({ path: '/key', code: 'client', message: t('skillGroups.keyTaken') });
    for (const lang of ['zh', 'en'] as const) {
      const text = name?.[lang]?.trim() ?? '';
      if (!text) found.push({ path: `/name/${lang}`, code: 'client', message: t('teams.nameRequired') });
      else if (text.length > 200) found.push({ path: `/name/${lang}`, code: 'client', message: t('org.issue.maxLength') });
    }
    return found;
  }, [group, key, takenKeys, name, t]);
  const shown = [...(touched ? issues : []), ...server.issues];
  const cleanName = { zh: name?.zh?.trim() ?? '', en: name?.en?.trim() ?? '' };
  const unchanged = !!group && cleanName.zh === group.name.zh && cleanName.en === group.name.en && members.join() === group.members.join();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    setServer(NO_ERRORS);
    if (issues.length || unchanged) return;
    setBusy(true);
    try {
      onSaved(await saveSkillGroup(group?.key ?? key, { name: cleanName, members }));
    } catch (err) {
      setServer(formErrors(err, t, POINTERS));
    } finally {
      setBusy(false);
    }
  }

  const title = group ? t('skillGroups.editTitle', { name: localize(group.name, locale) || group.key }) : t('skillGroups.new');
  return (
    <Modal title={title} onClose={onClose} testId="skill-group-dialog" wide>
      <form onSubmit={submit} className="stack-tight" noValidate>
        <FormRow label={t('field.key')} issues={issuesAt(shown, '/key')} hint={group ? t('skillGroups.keyFixed') : t('skillGroups.keyHint')}>
          {(id, invalid) => (
            <input
              id={id}
              value={key}
              readOnly={!!group}
              disabled={!!group}
              aria-invalid={invalid}
              onChange={(e) => setKey(e.target.value.trim())}
              data-testid="skill-group-key"
              autoFocus={!group}
            />
          )}
        </FormRow>
        <LocalTextInput label={t('skillGroups.name')} value={name} onChange={setName} issues={shown} pointer="/name" testId="skill-group-name" />
        <fieldset className="local-text">
          <legend>{t('skillGroups.members')}</legend>
          <p className="hint">{t('skillGroups.membersHint')}</p>
          <MemberPicker users={users} teams={teams} value={members} onChange={setMembers} invalid={issuesUnder(shown, '/members').length > 0} />
          <InlineIssues issues={issuesUnder(shown, '/members')} />
        </fieldset>
        <FormFooter
          error={server.general} testId="skill-group" onCancel={onClose}
          disabled={busy || unchanged || (touched && issues.length > 0)}
          submitLabel={group ? t('action.save') : t('action.create')}
        />
      </form>
    </Modal>
  );
}
