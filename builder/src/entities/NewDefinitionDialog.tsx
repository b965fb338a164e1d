import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DefinitionKind } from '../api/definitions';
import { validateDefinition } from '@telesales/schemas';
import { ApiError } from '../api/client';
import { createDefinition } from '../api/definitions';
import type { NewDefinition } from '../app/kind-editors';
import { issuesUnder, type Issue } from '../api/issues';
import { useLocale } from '../i18n';
import { FlowLanguagesInput } from '../flows/FlowLanguagesInput';
import type { FlowLanguage } from '../flows/new-flow';
import { NewPoolEntitySelect } from '../pools/PoolEntitySelect';
import { FormRow } from '../ui/FormRow';
import { LocalTextInput } from '../ui/LocalTextInput';
import { Modal } from '../ui/Modal';
import { errorMessage } from '../ui/errors';
import { listTexts } from './kind-texts';

interface Props {
  kind: DefinitionKind;
  /** How the kind's new definition starts (the kind's line in app/kind-editors.tsx). */
  create: NewDefinition;
  existingKeys: string[];
  onClose(): void;
  onCreated(key: string): void;
}

/** Kind-specific choices of the dialog: a pool's object, a flow's languages. */
export interface NewDefinitionChoices {
  entity: string;
  languages: FlowLanguage[];
}
const CREATE_PATHS = ['/key', '/entity'];

/** Key and zh/en label (and, for a pool, its object) of a new definition; created as a draft and opened in its editor. */
export function NewDefinitionDialog({ kind, create, existingKeys, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [key, setKey] = useState('');
  const [label, setLabel] = useState<{ zh?: string; en?: string } | undefined>(undefined);
  const [entity, setEntity] = useState('');
  const [languages, setLanguages] = useState<FlowLanguage[]>(['zh', 'en']);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const tx = listTexts(kind);

  const def = useMemo(() => create(key, { zh: label?.zh ?? '', en: label?.en ?? '' }, { entity, languages }), [create, key, label, entity, languages]);
  const issues = useMemo(() => {
    let found = validateDefinition(def, locale).filter((i) => CREATE_PATHS.includes(i.path) || i.path.startsWith('/label'));
    // An unchosen object reads better as "choose one" than as the key pattern it fails.
    if (kind === 'pool' && !entity) found = [...found.filter((i) => i.path !== '/entity'), { path: '/entity', code: 'required', message: t('pools.entityRequired') }];
    if (existingKeys.includes(key)) found.push({ path: '/key', code: 'duplicate', message: t(`${tx}.keyExists`) });
    return found;
  }, [def, locale, existingKeys, key, t, tx, kind, entity]);
  const shown = touched ? [...issues, ...serverIssues] : [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    setServerIssues([]);
    if (issues.length) return;
    setBusy(true);
    setError(null);
    try {
      await createDefinition(def);
      onCreated(key);
    } catch (err) {
      // 409: the key exists (perhaps created meanwhile); 400: the server's issues, beside their inputs.
      if (err instanceof ApiError && err.status === 409) setServerIssues([{ path: '/key', code: 'duplicate', message: t(`${tx}.keyExists`) }]);
      else if (err instanceof ApiError && err.errors.length) setServerIssues(err.errors);
      else setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={t(`${tx}.new`)} onClose={onClose} testId={`new-${kind}-dialog`}>
      <form onSubmit={submit} className="stack">
        <FormRow label={t('field.key')} issues={issuesUnder(shown, '/key')} hint={t(kind === 'role' ? 'roles.keyHint' : 'field.keyHint')}>
          {(id, invalid) => (
            <input
              id={id}
              value={key}
              aria-invalid={invalid}
              onChange={(e) => {
                setKey(e.target.value);
                setServerIssues([]);
              }}
              data-testid={`new-${kind}-key`}
              autoFocus
            />
          )}
        </FormRow>
        <LocalTextInput
          label={t('field.label')}
          value={label}
          onChange={setLabel}
          issues={shown}
          pointer="/label"
          testId={`new-${kind}-label`}
        />
        {kind === 'flow' && <FlowLanguagesInput value={languages} onChange={setLanguages} />}
        {kind === 'pool' && <NewPoolEntitySelect value={entity} onChange={setEntity} issues={issuesUnder(shown, '/entity')} testId="new-pool-entity" />}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="row gap end">
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || (touched && issues.length > 0)} data-testid={`new-${kind}-create`}>
            {t('action.create')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
