import type { Collection, Db } from 'mongodb';

/** Workspace settings, one document per setting. */
export interface SettingDoc {
  _id: string;
  value: unknown;
  updatedAt: Date;
  updatedBy: string;
}

export function settingsCollection(db: Db): Collection<SettingDoc> {
  return db.collection<SettingDoc>('settings');
}

const HTTP_HOSTS = 'http-hosts';

/** Host names (lower case; `*.example.com` for every subdomain) a flow's HTTP node may call. */
export async function approvedHttpHosts(db: Db): Promise<string[]> {
  const doc = await settingsCollection(db).findOne({ _id: HTTP_HOSTS });
  return Array.isArray(doc?.value) ? (doc.value as string[]) : [];
}

export async function saveApprovedHttpHosts(db: Db, hosts: string[], by: string): Promise<string[]> {
  const value = [...new Set(hosts.map((h) => h.toLowerCase()))].sort();
  await settingsCollection(db).replaceOne({ _id: HTTP_HOSTS }, { value, updatedAt: new Date(), updatedBy: by }, { upsert: true });
  return value;
}

/** The host name of a URL (lower case), or null when it is not an http(s) URL. */
export function urlHost(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** True when the URL's host is on the list, by exact name or under a `*.` entry. */
export function isHostApproved(hosts: readonly string[], url: string): boolean {
  const host = urlHost(url);
  if (!host) return false;
  return hosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) : host === h));
}
