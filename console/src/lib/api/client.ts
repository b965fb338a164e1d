// One fetch wrapper for every call to the runtime: JSON in/out, the session cookie, the CSRF header on
// state-changing requests, the UI language as Accept-Language (so server messages match the screen),
// and a typed error carrying the uniform error body.
import { _ } from 'svelte-i18n';
import { get as read } from 'svelte/store';
import type { ApiErrorBody, ValidationIssue } from './types';

let csrfToken: string | null = null;
let acceptLanguage = 'zh';
const unauthorizedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
	csrfToken = token;
}

export function setApiLanguage(locale: string): void {
	acceptLanguage = locale;
}

/** Called when any request answers 401 (session expired), so the shell can send the user to login. */
export function onUnauthorized(listener: () => void): () => void {
	unauthorizedListeners.add(listener);
	return () => unauthorizedListeners.delete(listener);
}

export class ApiError extends Error {
	readonly status: number;
	readonly code: string;
	readonly errors: ValidationIssue[];
	readonly body: ApiErrorBody | null;

	constructor(status: number, body: ApiErrorBody | null, fallback: string) {
		super(body?.message || fallback);
		this.status = status;
		this.code = body?.code ?? (status === 0 ? 'network' : `http_${status}`);
		this.errors = body?.errors ?? [];
		this.body = body;
	}
}

/** The browser's own words for a failed request ("Failed to fetch") are in its language, not the UI's. */
function offlineMessage(): string {
	try {
		return read(_)('state.offline');
	} catch {
		return 'The server cannot be reached. Check your connection.'; // before the messages are loaded
	}
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
	const headers: Record<string, string> = { accept: 'application/json', 'accept-language': acceptLanguage };
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
	let response: Response;
	try {
		response = await fetch(`/api${path}`, {
			method,
			headers,
			credentials: 'same-origin',
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		throw new ApiError(0, null, offlineMessage());
	}
	if (response.status === 204) return undefined as T;
	const text = await response.text();
	let parsed: unknown = null;
	try {
		parsed = text ? JSON.parse(text) : null;
	} catch {
		parsed = null;
	}
	if (!response.ok) {
		const error = new ApiError(response.status, parsed as ApiErrorBody | null, response.statusText || `HTTP ${response.status}`);
		// login itself answers 401 for a wrong password: that is not an expired session
		if (response.status === 401 && path !== '/auth/login') unauthorizedListeners.forEach((l) => l());
		throw error;
	}
	return parsed as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T = void>(path: string) => api<T>('DELETE', path);

export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(params)) {
		if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
	}
	const text = search.toString();
	return text ? `?${text}` : '';
}
