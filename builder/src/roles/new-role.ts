import type { LocalText, RoleDefinition } from '@telesales/schemas';
import { uuid } from '../lib/uuid';

/** A new role may do nothing until granted: own data scope, no admin rights, no object permissions. */
export function newRole(key: string, label: LocalText): RoleDefinition {
  return {
    kind: 'role',
    schemaVersion: 1,
    id: uuid(),
    key,
    label: label as RoleDefinition['label'],
    dataScope: 'own',
    manageDefinitions: false,
    manageUsers: false,
    restoreRecords: false,
    dialNumbers: false,
    entities: {},
  };
}
