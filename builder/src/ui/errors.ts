import { ApiError } from '../api/client';
import type { TFunction } from 'i18next';

/** A one-line message for an error, in the UI language when we know the code. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return String(error);
  if (error.status === 0) return t('error.network');
  const known = `error.code.${error.code}`;
  return t(known, { defaultValue: error.message || t('error.server') });
}
