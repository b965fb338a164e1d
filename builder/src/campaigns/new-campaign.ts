import type { CampaignDefinition, LocalText } from '@telesales/schemas';
import { uuid } from '../lib/uuid';

/** A new task starts valid: progressive, one line per agent, weekday office hours in Shanghai; the admin changes the rest. */
export function newCampaign(key: string, label: LocalText): CampaignDefinition {
  const office = ['09:00-12:00', '13:30-18:00'];
  return {
    kind: 'campaign', schemaVersion: 1, id: uuid(), key, label: label as CampaignDefinition['label'],
    entity: 'customer', dialMode: 'progressive', maxConcurrent: 10, wrapupSec: 15, ringTimeoutSec: 25, abandonTarget: 3,
    schedule: { timeZone: 'Asia/Shanghai', week: { mon: office, tue: office, wed: office, thu: office, fri: office } },
  };
}
