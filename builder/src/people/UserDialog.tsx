import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@telesales/schemas';
import { issuesAt, type Issue } from '../api/issues';
import { createUser, updateUser, type PublicUser, type TeamJson, type UserChanges } from '../api/org';
import { useLocale } from '../i18n';
import { CheckboxRow } from '../ui/CheckboxRow';
import { FormRow } from '../ui/FormRow';
import { FormFooter } from '../ui/FormFooter';
import { Modal } from '../ui/Modal';
import { formErrors, NO_ERRORS, type FormErrors } from '../ui/server-issues';
import { flattenTeams, indentedName } from './team-tree';

export interface RoleOption {
  key: string;
  name: string;
  /** Named by users but not (or no longer) a published role. */
  unpublished?: boolean;
}

interface Props {
  /** Absent: create a user. */
  user?: PublicUser;
  roles: RoleOption[];
  teams: TeamJson[];
  /** The signed-in user's id, to warn before they lock themselves out. */
  selfId: string | undefined;
  onClose(): void;
  onSaved(user: PublicUser): void;
}

const LOGIN = /^[a-z][a-z0-9_.-]{1,39}$/;
const POINTERS = ['/login', '/name', '/password', '/role', '/teamId', '/locale', '/disabled'];

/** Create a user (login, name, initial password, role, team, language) or change one through PATCH. */
export function UserDialog({ user, roles, teams, selfId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const editing = user !== undefined;
  const [login, setLogin] = useState(user?.login ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState(user?.role ?? (roles.length === 1 ? roles[0]!.key : ''));
  const [teamId, setTeamId] = useState<string | null>(user?.teamId ?? null);
  const [userLocale, setUserLocale] = useState<Locale>(user?.locale ?? locale);
  const [disabled, setDisabled] = useState(user?.disabled ?? false);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [server, setServer] = useState<FormErrors>(NO_ERRORS);
  const nodes = useMemo(() => flattenTeams(teams, locale), [teams, locale]);

  const changes: UserChanges = {};
  if (user) {
    if (name.trim() !== user.name) changes.name = name.trim();
    if (role !== user.role) changes.role = role;
    if (teamId !== user.teamId) changes.teamId = teamId;
    if (disabled !== user.disabled) changes.disabled = disabled;
    if (userLocale !== user.locale) changes.locale = userLocale;
    if (password) changes.password = password;
  }
  const unchanged = editing && Object.keys(changes).length === 0;

  const issues = useMemo(() => {
    const found: Issue[] = [];
    const add = (path: string, message: string) => found.push({ path, code: 'client', message });
    if (!editing && !LOGIN.test(login)) add('/login', t('people.loginHint'));
    if (!name.trim()) add('/name', t('people.nameRequired'));
    else if (name.trim().length > 100) add('/name', t('people.nameTooLong'));
    if ((!editing || password) && password.length < 8) add('/password', t('people.passwordShort'));
    if (password.length > 200) add('/password', t('people.passwordLong'));
    if (!role) add('/role', t('people.roleRequired'));
    return found;
  }, [editing, login, name, password, role, t]);
  const shown = [...(touched ? issues : []), ...server.issues];
  const at = (p: string) => issuesAt(shown, p);
  const clearServer = (p: string) => setServer((s) => ({ ...s, issues: s.issues.filter((i) => i.path !== p && !i.path.startsWith(`${p}/`)) }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    setServer(NO_ERRORS);
    if (issues.length || unchanged) return;
    setBusy(true);
    try {
      const saved = user
        ? await updateUser(user.id, changes)
        : await createUser({ login, name: name.trim(), password, role, teamId, locale: userLocale });
      onSaved(saved);
    } catch (err) {
      setServer(formErrors(err, t, POINTERS));
    } finally {
      setBusy(false);
    }
  }

  const self = editing && user.id === selfId;
  const selectedRole = roles.find((r) => r.key === role);

  return (
    <Modal title={editing ? t('people.editUser', { name: user.name }) : t('people.newUser')} onClose={onClose} testId="user-dialog">
      <form onSubmit={submit} className="stack-tight" noValidate>
        <div className="grid-2">
          <FormRow label={t('people.login')} issues={at('/login')} hint={editing ? t('people.loginFixed') : t('people.loginHint')}>
            {(id, invalid) => (
              <input
                id={id}
                value={login}
                readOnly={editing}
                disabled={editing}
                autoComplete="off"
                aria-invalid={invalid}
                onChange={(e) => {
                  setLogin(e.target.value.trim());
                  clearServer('/login');
                }}
                data-testid="user-login"
                autoFocus={!editing}
              />
            )}
          </FormRow>
          <FormRow label={t('people.name')} issues={at('/name')}>
            {(id, invalid) => (
              <input
                id={id}
                value={name}
                aria-invalid={invalid}
                onChange={(e) => {
                  setName(e.target.value);
                  clearServer('/name');
                }}
                data-testid="user-name"
                autoFocus={editing}
              />
            )}
          </FormRow>
          <FormRow label={t('people.role')} issues={at('/role')}>
            {(id, invalid) => (
              <select
                id={id}
                value={role}
                aria-invalid={invalid}
                onChange={(e) => {
                  setRole(e.target.value);
                  clearServer('/role');
                }}
                data-testid="user-role"
              >
                <option value="" disabled>
                  {t('people.chooseRole')}
                </option>
                {roles.map((r) => (
                  <option key={r.key} value={r.key}>
                    {r.name}
                    {r.unpublished ? ` (${t('people.roleUnpublished')})` : ''}
                  </option>
                ))}
              </select>
            )}
          </FormRow>
          <FormRow label={t('people.team')} issues={at('/teamId')}>
            {(id, invalid) => (
              <select
                id={id}
                value={teamId ?? ''}
                aria-invalid={invalid}
                onChange={(e) => {
                  setTeamId(e.target.value || null);
                  clearServer('/teamId');
                }}
                data-testid="user-team"
              >
                <option value="">{t('people.noTeam')}</option>
                {nodes.map((n) => (
                  <option key={n.team.id} value={n.team.id} data-key={n.team.key}>
                    {indentedName(n, locale)}
                  </option>
                ))}
              </select>
            )}
          </FormRow>
          <FormRow label={editing ? t('people.newPassword') : t('people.initialPassword')} issues={at('/password')} hint={editing ? t('people.newPasswordHint') : t('people.passwordHint')}>
            {(id, invalid) => (
              <input
                id={id}
                type="password"
                autoComplete="new-password"
                value={password}
                aria-invalid={invalid}
                onChange={(e) => {
                  setPassword(e.target.value);
                  clearServer('/password');
                }}
                data-testid="user-password"
              />
            )}
          </FormRow>
          <FormRow label={t('people.locale')} issues={at('/locale')}>
            {(id, invalid) => (
              <select id={id} value={userLocale} aria-invalid={invalid} onChange={(e) => setUserLocale(e.target.value as Locale)} data-testid="user-locale">
                <option value="zh">{t('lang.zh')}</option>
                <option value="en">{t('lang.en')}</option>
              </select>
            )}
          </FormRow>
        </div>
        {selectedRole?.unpublished && <p className="notice">{t('people.roleUnpublishedHint')}</p>}
        {editing && (
          <div>
            <CheckboxRow label={t('people.disabledLabel')} checked={disabled} onChange={setDisabled} testId="user-disabled" />
            <div className="hint check-hint">{t('people.disabledHint')}</div>
          </div>
        )}
        {self && (disabled || role !== user.role) && (
          <p className="notice" role="note" data-testid="self-warning">
            {t('people.selfWarning')}
          </p>
        )}
        <FormFooter
          error={server.general} testId="user" onCancel={onClose}
          disabled={busy || unchanged || (touched && issues.length > 0)}
          submitLabel={busy ? t('people.saving') : editing ? t('action.save') : t('action.create')}
        />
      </form>
    </Modal>
  );
}
