import type { Db } from 'mongodb';
import type { DataScope, EntityPermission, FieldAccess, FieldDefinition, RoleDefinition } from '@telesales/schemas';
import type { DefinitionStore } from '../definitions/store.js';
import { usersInTeamTree } from '../org/teams.js';
import type { SessionUser } from './sessions.js';

declare module 'fastify' {
  interface FastifyInstance {
    permissions: PermissionService;
  }
}

export type ResolvedEntityPermission = Required<Omit<EntityPermission, 'dataScope' | 'cap'>> & {
  dataScope: DataScope;
  /** Most records of the entity this person may own; null = no cap. */
  cap: number | null;
};

export interface UserPermissions {
  role: RoleDefinition | null;
  manageDefinitions: boolean;
  manageUsers: boolean;
  restoreRecords: boolean;
  /** May call a number typed by hand (calls/dial-number.ts); off unless the role grants it. */
  dialNumbers: boolean;
  entity(key: string): ResolvedEntityPermission;
  /** Owner ids whose records the user may see in this entity; null means every record. */
  ownerScope(entityKey: string): Promise<string[] | null>;
  fieldAccess(field: FieldDefinition): FieldAccess;
}

const NONE: ResolvedEntityPermission = {
  read: false, create: false, update: false, delete: false, export: false, unmask: false, dataScope: 'own', cap: null,
};

const TEAM_CACHE_MS = 5000;

/**
 * What a person may do, from their role definition: entity permissions, data scope, field access.
 * A user whose role is not published has no permission at all (fail closed).
 */
export class PermissionService {
  private readonly teamCache = new Map<string, { ids: string[]; until: number }>();

  constructor(private readonly db: Db, private readonly definitions: DefinitionStore) {}

  async of(user: SessionUser): Promise<UserPermissions> {
    const role = (await this.definitions.getPublished('role', user.role)) as RoleDefinition | null;
    const entity = (key: string): ResolvedEntityPermission => {
      if (!role) return NONE;
      const entry = role.entities[key] ?? role.entities['*'];
      if (!entry) return NONE;
      return {
        read: !!entry.read, create: !!entry.create, update: !!entry.update, delete: !!entry.delete,
        export: !!entry.export, unmask: !!entry.unmask, dataScope: entry.dataScope ?? role.dataScope,
        cap: entry.cap ?? null,
      };
    };
    return {
      role,
      manageDefinitions: !!role?.manageDefinitions,
      manageUsers: !!role?.manageUsers,
      restoreRecords: !!role?.restoreRecords,
      dialNumbers: !!role?.dialNumbers,
      entity,
      ownerScope: async (entityKey) => {
        const scope = entity(entityKey).dataScope;
        if (scope === 'all') return null;
        if (scope === 'team' && user.teamId) return [...new Set([user.id, ...(await this.teamMembers(user.teamId))])];
        return [user.id];
      },
      fieldAccess: (field) => field.access?.[user.role] ?? (field.readOnly ? 'read' : 'edit'),
    };
  }

  private async teamMembers(teamId: string): Promise<string[]> {
    const hit = this.teamCache.get(teamId);
    if (hit && hit.until > Date.now()) return hit.ids;
    const ids = await usersInTeamTree(this.db, teamId);
    this.teamCache.set(teamId, { ids, until: Date.now() + TEAM_CACHE_MS });
    return ids;
  }

  /** After users or teams change, so scopes are recomputed. */
  forgetTeams() {
    this.teamCache.clear();
  }
}
