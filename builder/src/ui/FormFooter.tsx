import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The server's refusal that names no field, shown above the buttons. */
  error?: string | null;
  /** Prefix of the test ids: `${testId}-error`, `${testId}-save`. */
  testId: string;
  onCancel: () => void;
  submitLabel: ReactNode;
  disabled: boolean;
}

/** The end of a dialog's form: the general error, then Cancel and the submit button. */
export function FormFooter({ error, testId, onCancel, submitLabel, disabled }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <p className="form-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
      <div className="row gap end">
        <button type="button" onClick={onCancel}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="primary" disabled={disabled} data-testid={`${testId}-save`}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
