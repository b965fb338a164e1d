import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import type { Issue } from '../api/issues';
import { errorMessage } from './errors';

export interface FormErrors {
  /** Issues at the form's own pointers (/login, /name/zh, /parentId), to show beside their inputs. */
  issues: Issue[];
  /** What cannot be shown beside an input: the error's sentence, or issues at pointers the form has no input for. */
  general: string | null;
}

export const NO_ERRORS: FormErrors = { issues: [], general: null };

/**
 * Turns a refused request into messages for a form. The org routes answer paths like /body/login (Fastify
 * validation and the routes' own checks); known codes get a sentence in the UI language, others keep the
 * server's text. `pointers` are the inputs the form shows.
 */
export function formErrors(error: unknown, t: TFunction, pointers: readonly string[]): FormErrors {
  if (!(error instanceof ApiError) || error.errors.length === 0) return { issues: [], general: errorMessage(error, t) };
  const issues = error.errors.map((e) => {
    const path = e.path.replace(/^\/body(?=\/|$)/, '') || '/';
    const field = path.split('/')[1] ?? '';
    const message = t(`org.issue.${field}.${e.code}`, { defaultValue: t(`org.issue.${e.code}`, { defaultValue: e.message }) });
    return { path, code: e.code, message };
  });
  const placed = (i: Issue) => pointers.some((p) => i.path === p || i.path.startsWith(`${p}/`));
  const rest = issues.filter((i) => !placed(i));
  const general = rest.length ? rest.map((i) => `${i.path.slice(1) || ''} ${i.message}`.trim()).join('; ') : null;
  return { issues: issues.filter(placed), general: general ?? (issues.length ? null : errorMessage(error, t)) };
}
