// One fetch wrapper for the whole app: it adds the CSRF header to state-changing requests, the UI language
// to every request (so server messages come back in it), and turns every failure into an ApiError.

export interface ApiIssue {
  path: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number, // 0 = the network failed (server down, offline)
    readonly code: string,
    message: string,
    readonly errors: ApiIssue[] = [],
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let language = 'en';
const unauthorizedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(lang: string): void {
  language = lang;
}

/** Called when any request (other than login) answers 401: the session is gone, go back to login. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  return withCsrfRetry(method, url, () => send(method, url, body === undefined ? undefined : JSON.stringify(body), body !== undefined ? 'application/json' : null));
}

/** Uploads one file as multipart/form-data (field "file"), with the same headers, retry and errors as `api`. */
export async function apiUpload<T>(url: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  // the browser sets the multipart content type (with its boundary) itself
  return withCsrfRetry('POST', url, () => send('POST', url, form, null));
}

async function withCsrfRetry<T>(method: string, url: string, request: () => Promise<Response>): Promise<T> {
  const response = await request();
  // A session restored from another tab may carry a new token: fetch it once and retry.
  if (response.status === 403 && !SAFE_METHODS.has(method)) {
    const error = await toError(response.clone());
    if (error.code === 'csrf' && (await refreshCsrf())) return parse<T>(await request(), url);
  }
  return parse<T>(response, url);
}

async function send(method: string, url: string, body: BodyInit | undefined, contentType: string | null): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  if (contentType) headers['content-type'] = contentType;
  if (!SAFE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(url, { method, headers, credentials: 'same-origin', body });
  } catch (cause) {
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause));
  }
}

async function parse<T>(response: Response, url: string): Promise<T> {
  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const error = await toError(response);
  if (response.status === 401 && !url.endsWith('/api/auth/login')) unauthorizedListeners.forEach((l) => l());
  throw error;
}

async function toError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Proxies and crashed servers answer HTML or nothing; the status alone is then all we know.
  }
  const b = (body ?? {}) as { code?: string; message?: string; errors?: ApiIssue[] };
  return new ApiError(
    response.status,
    b.code ?? `http_${response.status}`,
    b.message ?? response.statusText,
    Array.isArray(b.errors) ? b.errors : [],
    body,
  );
}

async function refreshCsrf(): Promise<boolean> {
  try {
    const me = await parse<{ csrfToken: string }>(await send('GET', '/api/auth/me', undefined, null), '/api/auth/me');
    csrfToken = me.csrfToken;
    return true;
  } catch {
    return false;
  }
}
