import { get, post, setCsrfToken } from './client';
import type { Me, SessionUser } from './types';

export async function login(loginName: string, password: string): Promise<{ user: SessionUser; csrfToken: string }> {
	const result = await post<{ user: SessionUser; csrfToken: string }>('/auth/login', { login: loginName, password });
	setCsrfToken(result.csrfToken);
	return result;
}

export async function fetchMe(): Promise<Me> {
	const me = await get<Me>('/auth/me');
	setCsrfToken(me.csrfToken);
	return me;
}

export async function logout(): Promise<void> {
	try {
		await post<void>('/auth/logout');
	} finally {
		setCsrfToken(null);
	}
}
