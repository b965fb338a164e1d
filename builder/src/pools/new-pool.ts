import type { LocalText, PoolDefinition } from '@telesales/schemas';
import { uuid } from '../lib/uuid';

/**
 * A new pool hands out by manual claim, without tickets, to nobody yet: the admin then names its members
 * and admins. Members are listed explicitly (empty arrays) so the editor never has to guess absent lists.
 */
export function newPool(key: string, label: LocalText, entity = ''): PoolDefinition {
  return {
    kind: 'pool',
    schemaVersion: 1,
    id: uuid(),
    key,
    label: label as PoolDefinition['label'],
    entity,
    mode: 'manual',
    tickets: false,
    members: [],
    admins: [],
    recycle: [],
  };
}
