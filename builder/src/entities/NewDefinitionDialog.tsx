import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validateDefinition } from '@telesales/schemas';
import { ApiError } from '../api/client';
import { createEntity } from '../api/definitions';
import { issuesUnder } from '../api/issues';
import { useLocale } from '../i18n';
import { FormRow } from '../ui/FormRow';
import { LocalTextInput } from '../ui/LocalTextInput';
import { Modal } from '../ui/Modal';
import { errorMessage } from '../ui/errors';
import { newEntity } from './new-entity';

interface Props {
  existingKeys: string[];
  onClose(): void;
  onCreated(key: string): void;
}

export function NewEntityDialog({ existingKeys, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [key, setKey] = useState('');
  const [label, setLabel] = useState<{ zh?: string; en?: string } | undefined>(undefined);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const def = useMemo(() => newEntity(key, { zh: label?.zh ?? '', en: label?.en ?? '' }), [key, label]);
  const issues = useMemo(() => {
    const found = validateDefinition(def, locale).filter((i) => i.path === '/key' || i.path.startsWith('/label'));
    if (existingKeys.includes(key)) found.push({ path: '/key', code: 'duplicate', message: t('entities.keyExists') });
    return found;
  }, [def, locale, existingKeys, key, t]);
  const shown = touched ? issues : [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (issues.length) return;
    setBusy(true);
    setError(null);
    try {
      await createEntity(def);
      onCreated(key);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409 ? t('entities.keyExists') : errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={t('entities.new')} onClose={onClose} testId="new-entity-dialog">
      <form onSubmit={submit} className="stack">
        <FormRow label={t('field.key')} issues={issuesUnder(shown, '/key')} hint={t('field.keyHint')}>
          {(id, invalid) => (
            <input
              id={id}
              value={key}
              aria-invalid={invalid}
              onChange={(e) => setKey(e.target.value)}
              data-testid="new-entity-key"
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
          testId="new-entity-label"
        />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="row gap end">
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || (touched && issues.length > 0)} data-testid="new-entity-create">
            {t('action.create')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
