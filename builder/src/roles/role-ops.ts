import type { DataScope, RoleDefinition } from '@telesales/schemas';

/** The matrix columns, in the order the runtime's EntityPermission lists them. */
export const PERMISSIONS = ['read', 'create', 'update', 'delete', 'export', 'unmask'] as const;
export type PermissionName = (typeof PERMISSIONS)[number];
export const DATA_SCOPES = ['own', 'team', 'all'] as const satisfies readonly DataScope[];

export type PermissionEntry = RoleDefinition['entities'][string];

/** "*" is the entry used for every object the role does not list itself. */
export const DEFAULT_KEY = '*';

// cap is a number set apart from the boxes (most records one person may own), not a permission.
const NOTHING: Required<Omit<PermissionEntry, 'dataScope' | 'cap'>> = {
  read: false, create: false, update: false, delete: false, export: false, unmask: false,
};

/**
 * What the role grants on one object, as the runtime resolves it: the object's own entry, else the "*"
 * entry (inherited), else nothing.
 */
export function effectiveEntry(role: RoleDefinition, key: string): { entry: PermissionEntry; inherited: boolean } {
  const own = role.entities[key];
  if (own) return { entry: own, inherited: false };
  if (key === DEFAULT_KEY) return { entry: {}, inherited: false };
  return { entry: role.entities[DEFAULT_KEY] ?? {}, inherited: true };
}

/**
 * The entry to edit for an object: its own, or (first edit of an inheriting row) a copy of what it inherits,
 * so changing one box does not silently drop the others. Every permission is written out explicitly.
 */
function ownEntry(role: RoleDefinition, key: string): PermissionEntry {
  const { entry } = effectiveEntry(role, key);
  return { ...NOTHING, ...entry };
}

function withEntry(role: RoleDefinition, key: string, entry: PermissionEntry | undefined): RoleDefinition {
  const entities = { ...role.entities };
  if (entry) entities[key] = entry;
  else delete entities[key];
  return { ...role, entities };
}

export function setPermission(role: RoleDefinition, key: string, permission: PermissionName, on: boolean): RoleDefinition {
  return withEntry(role, key, { ...ownEntry(role, key), [permission]: on });
}

/** undefined = use the role's data scope. */
export function setEntryScope(role: RoleDefinition, key: string, scope: DataScope | undefined): RoleDefinition {
  const entry = { ...ownEntry(role, key) };
  if (scope) entry.dataScope = scope;
  else delete entry.dataScope;
  return withEntry(role, key, entry);
}

/** undefined = no cap of the object's own (the "*" entry's cap applies, else none). */
export function setEntryCap(role: RoleDefinition, key: string, cap: number | undefined): RoleDefinition {
  const entry = { ...ownEntry(role, key) };
  if (cap === undefined) delete entry.cap;
  else entry.cap = cap;
  return withEntry(role, key, entry);
}

/** Sets one permission on every listed row at once (a column header's "all" / "none"). */
export function setColumn(role: RoleDefinition, keys: string[], permission: PermissionName, on: boolean): RoleDefinition {
  return keys.reduce((r, key) => setPermission(r, key, permission, on), role);
}

/** Drops an object's own entry: it follows the "*" default again (or, for "*", nothing is granted by default). */
export const resetEntry = (role: RoleDefinition, key: string): RoleDefinition => withEntry(role, key, undefined);

/** Permissions that are of little use without read (the console cannot show the records). */
export const grantsWithoutRead = (entry: PermissionEntry): boolean =>
  !entry.read && PERMISSIONS.some((p) => p !== 'read' && entry[p]);
