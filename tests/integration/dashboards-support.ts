// Shared by the dashboards-* suites: a dashboard definition built in code.
import { randomUUID } from 'node:crypto';

/** A dashboard with a fresh id; `extra` replaces or adds any part. */
export function dashboard(key: string, extra: Record<string, unknown>) {
  return {
    kind: 'dashboard', schemaVersion: 1, id: randomUUID(), key, label: { zh: `看板 ${key}`, en: `Dashboard ${key}` },
    tiles: [], roles: ['admin'], ...extra,
  };
}
