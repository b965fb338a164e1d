import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import type { SettingDoc } from '../flows/http-hosts.js';

const SIP_SETTING = 'sip';

/**
 * The HMAC secret shared with the SIP server. SIP_SECRET wins; without it the first process to start makes
 * one and keeps it in `settings` (an upsert, so processes starting together agree on the same secret).
 */
export async function loadSipSecret(db: Db, configured?: string): Promise<string> {
  if (configured) return configured;
  const settings = db.collection<SettingDoc>('settings');
  const fresh = randomBytes(24).toString('base64url');
  await settings.updateOne(
    { _id: SIP_SETTING },
    { $setOnInsert: { value: { secret: fresh }, updatedAt: new Date(), updatedBy: 'system' } },
    { upsert: true },
  ).catch((error: { code?: number }) => {
    if (error.code !== 11000) throw error; // another process inserted it first
  });
  const doc = await settings.findOne({ _id: SIP_SETTING });
  const secret = (doc?.value as { secret?: unknown } | undefined)?.secret;
  if (typeof secret !== 'string' || !secret) throw new Error('The settings document "sip" holds no secret');
  return secret;
}
