import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesignedDefinition } from '../api/definitions';
import { ApiError } from '../api/client';
import { publish } from '../api/definitions';
import { useLocale } from '../i18n';
import { Modal } from '../ui/Modal';
import { errorMessage } from '../ui/errors';
import { describePath } from './describe-path';

interface Props {
  /** An entity or a role; the kind picks the publish URL. */
  def: DesignedDefinition;
  saveNow(): Promise<boolean>;
  onClose(): void;
  onPublished(version: number): void;
}

/** Saves the draft, then publishes it; server refusals are listed with where they point. */
export function PublishDialog({ def, saveNow, onClose, onPublished }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (!(await saveNow())) {
        setError(t('publish.saveFailed'));
        return;
      }
      const res = await publish(def.kind, def.key, message.trim());
      onPublished(res.version);
    } catch (err) {
      setError(err instanceof ApiError ? err : errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  const api = error instanceof ApiError ? error : null;
  const headline =
    api?.code === 'breaks_data' ? t('publish.breaksData') : api?.code === 'invalid_definition' ? t('publish.invalid') : api ? errorMessage(api, t) : (error as string | null);

  return (
    <Modal title={t('publish.title')} onClose={onClose} testId="publish-dialog">
      <form onSubmit={submit} className="stack">
        <label className="stack-label">
          {t('publish.message')}
          <textarea
            rows={3}
            required
            aria-required="true"
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            placeholder={t('publish.messagePlaceholder')}
            data-testid="publish-message"
            autoFocus
          />
        </label>
        {headline && (
          <div className="server-errors" role="alert" data-testid="publish-error" data-code={api?.code}>
            <strong>{headline}</strong>
            {api?.code === 'breaks_data' && <p className="muted">{t('publish.breaksDataHint')}</p>}
            {api && api.errors.length > 0 && (
              <ul>
                {api.errors.map((issue, n) => (
                  <li key={`${issue.path}-${n}`} data-path={issue.path}>
                    <code>{describePath(def, issue.path, locale).text}</code> {issue.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="row gap end">
          {/* Why the button is disabled, beside it: the note is what the version history shows. */}
          {!message.trim() && (
            <span className="muted small publish-note-missing" id="publish-note-missing" data-testid="publish-note-missing">
              {t('publish.noteMissing')}
            </span>
          )}
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !message.trim()} aria-describedby={message.trim() ? undefined : 'publish-note-missing'} data-testid="publish-confirm">
            {busy ? t('publish.publishing') : t('publish.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
