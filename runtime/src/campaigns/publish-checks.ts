import type { Db } from 'mongodb';
import {
  scriptTokens,
  type CampaignDefinition, type DispositionsDefinition, type EntityDefinition, type Locale, type ValidationIssue,
} from '@telesales/schemas';
import type { DefinitionStore } from '../definitions/store.js';
import { teamsCollection } from '../org/teams.js';
import { usersCollection } from '../org/users.js';
import { text, type CampaignCheckCode } from './messages.js';

type Principal = NonNullable<CampaignDefinition['agents']>[number];

/**
 * What a task may only be checked against at publish time: its entity is published and has the fields its list
 * columns and script tokens name; its dispositions definition is published and has the outcomes it offers and
 * its rules name, and a callback rule's outcome asks the agent for a time; its agents exist; and in progressive
 * mode the concurrency ceiling leaves a line (times the ratio) for every agent.
 */
export async function checkCampaignReferences(db: Db, store: DefinitionStore, task: CampaignDefinition, locale: Locale): Promise<ValidationIssue[]> {
  const out: ValidationIssue[] = [];
  const add = (path: string, code: CampaignCheckCode, params: Record<string, string | number> = {}) =>
    out.push({ path, code, message: text(code, locale, params) });

  const entityKey = task.entity ?? 'customer';
  const entity = (await store.getPublished('entity', entityKey)) as EntityDefinition | null;
  if (!entity) add('/entity', 'unknown_entity', { entity: entityKey });
  else {
    const fields = new Set(entity.fields.filter((f) => !f.retired).map((f) => f.key));
    (task.columns ?? []).forEach((c, i) => {
      if (!fields.has(c.field)) add(`/columns/${i}/field`, 'unknown_field', { entity: entityKey, field: c.field });
    });
    for (const lang of ['zh', 'en'] as const) {
      const unknown = scriptTokens(task.script?.[lang] ?? '').find((t) => t.field !== null && !fields.has(t.field));
      if (unknown) add(`/script/${lang}`, 'unknown_token', { entity: entityKey, field: unknown.text });
    }
  }

  if (task.dispositions) {
    const key = task.dispositions.definition;
    const dispositions = (await store.getPublished('dispositions', key)) as DispositionsDefinition | null;
    if (!dispositions) add('/dispositions/definition', 'unknown_dispositions', { key });
    else {
      const outcomes = new Map(dispositions.outcomes.map((o) => [o.key, o]));
      (task.dispositions.offered ?? []).forEach((k, i) => {
        if (!outcomes.has(k)) add(`/dispositions/offered/${i}`, 'unknown_disposition', { definition: key, key: k });
      });
      (task.rules ?? []).forEach((rule, i) => {
        if (!rule.disposition) return;
        const outcome = outcomes.get(rule.disposition);
        if (!outcome) add(`/rules/${i}/disposition`, 'unknown_disposition', { definition: key, key: rule.disposition });
        else if (rule.action === 'callback' && !outcome.asksContactPlan) add(`/rules/${i}/action`, 'callback_without_time', { key: rule.disposition });
      });
    }
  }

  const agents = await resolveAgents(db, store, task.agents ?? []);
  agents.missing.forEach((i) => add(`/agents/${i}`, 'unknown_principal', { type: task.agents![i]!.type, ref: task.agents![i]!.ref }));
  const ratio = task.ratio ?? 1;
  const lines = Math.ceil(agents.users.size * ratio);
  if (task.dialMode === 'progressive' && task.maxConcurrent < lines) {
    add('/maxConcurrent', 'concurrency_below_agents', { lines, agents: agents.users.size, ratio });
  }
  return out;
}

/** The enabled users a task's principals name (a team with the teams below it), and which principals name nothing. */
async function resolveAgents(db: Db, store: DefinitionStore, principals: Principal[]): Promise<{ users: Set<string>; missing: number[] }> {
  const users = new Set<string>();
  const missing: number[] = [];
  const enabled = { disabled: { $ne: true } };
  for (const [i, p] of principals.entries()) {
    let found: { _id: string }[] = [];
    if (p.type === 'user') found = await usersCollection(db).find({ _id: p.ref, ...enabled }, { projection: { _id: 1 } }).toArray();
    else if (p.type === 'team') {
      const teams = await teamsCollection(db).find({ path: p.ref }, { projection: { _id: 1 } }).toArray();
      if (!teams.length) { missing.push(i); continue; }
      found = await usersCollection(db).find({ teamId: { $in: teams.map((t) => t._id) }, ...enabled }, { projection: { _id: 1 } }).toArray();
    } else {
      if (!(await store.getPublished('role', p.ref))) { missing.push(i); continue; }
      found = await usersCollection(db).find({ role: p.ref, ...enabled }, { projection: { _id: 1 } }).toArray();
    }
    // A team or role with nobody in it yet is not an error; a named user who is gone is.
    if (p.type === 'user' && !found.length) missing.push(i);
    for (const u of found) users.add(u._id);
  }
  return { users, missing };
}
