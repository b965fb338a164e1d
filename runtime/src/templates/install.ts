import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance } from 'fastify';
import {
  createRecordValidator, defaultValues, normalizePhoneValues, validateDefinition,
  type AnyDefinition, type DefinitionKind, type EntityDefinition, type TemplateManifest,
} from '@telesales/schemas';
import { hashPassword } from '../auth/passwords.js';
import { teamsCollection, type TeamDoc } from '../org/teams.js';
import { skillGroupsCollection } from '../flows/skill-groups.js';
import { usersCollection } from '../org/users.js';

export interface InstallReport {
  template: string;
  version: string;
  published: string[];
  unchanged: string[];
  teams: number;
  users: number;
  records: number;
}

interface DemoRecord {
  id: string;
  owner?: string;
  /** The pool an unowned record waits in; the entity's default pool when absent. */
  pool?: string;
  values: Record<string, unknown>;
}

/** The folder of a template shipped in the `templates/` workspace. */
export function templateDir(key: string): string {
  const pkg = createRequire(import.meta.url).resolve('@telesales/templates/package.json');
  return join(dirname(pkg), key);
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

function fail(file: string, issues: { path: string; message: string }[]): never {
  throw new Error(`${file}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
}

/**
 * Installs a template: publishes its definitions, creates its teams, demo users and demo records.
 * Everything is keyed by the template's stable ids, so installing again (or a newer version of the same
 * template) publishes only what changed and never duplicates a team, a user or a record.
 */
export async function installTemplate(app: FastifyInstance, dir: string): Promise<InstallReport> {
  const manifestFile = join(dir, 'template.json');
  const { $schema: _s, ...manifest } = await readJson<TemplateManifest & { $schema?: string }>(manifestFile);
  void _s;
  const manifestIssues = validateDefinition(manifest);
  if (manifestIssues.length) fail(manifestFile, manifestIssues);
  const by = { id: 'system', name: `Template ${manifest.key} ${manifest.version}` };
  const report: InstallReport = { template: manifest.key, version: manifest.version, published: [], unchanged: [], teams: 0, users: 0, records: 0 };

  // Read and check every definition before publishing any, so a broken template installs nothing.
  const definitions: AnyDefinition[] = [];
  for (const rel of manifest.definitions) {
    const file = join(dir, rel);
    const { $schema: _d, ...def } = await readJson<AnyDefinition & { $schema?: string }>(file);
    void _d;
    const issues = validateDefinition(def);
    if (issues.length) fail(file, issues);
    const head = await app.definitions.head(def.kind, def.key);
    if (head && head.id !== def.id) throw new Error(`${file}: a different ${def.kind} "${def.key}" (id ${head.id}) already exists`);
    definitions.push(def as AnyDefinition);
  }
  // Skill groups first: publishing a flow checks that the groups it queues to exist.
  await installSkillGroups(app, manifest, manifestFile);
  for (const def of definitions) {
    const kind = def.kind as DefinitionKind;
    const head = await app.definitions.head(kind, def.key);
    if (head && isDeepStrictEqual(head.published, def)) {
      report.unchanged.push(`${kind}:${def.key}`);
      continue;
    }
    // An admin's unpublished draft of this definition is left as it is (publish keeps other drafts).
    if (!head) await app.definitions.create(def, by, 'en');
    await app.definitions.publish(kind, def.key, def, by.name, by, 'en');
    report.published.push(`${kind}:${def.key}`);
  }

  const teamIds = new Map<string, string>();
  const paths = new Map<string, string[]>();
  for (const team of manifest.teams ?? []) {
    const parentId = team.parent ? teamIds.get(team.parent) : null;
    if (team.parent && !parentId) throw new Error(`${manifestFile}: team "${team.key}" names parent "${team.parent}" before it is defined`);
    const path = [...(parentId ? paths.get(parentId)! : []), team.id];
    teamIds.set(team.key, team.id);
    paths.set(team.id, path);
    const doc: TeamDoc = { _id: team.id, key: team.key, name: team.name, parentId: parentId ?? null, path };
    await teamsCollection(app.db).replaceOne({ _id: team.id }, doc, { upsert: true });
    report.teams++;
  }

  const userIds = new Map<string, string>();
  for (const user of manifest.users ?? []) {
    userIds.set(user.login, user.id);
    const existing = await usersCollection(app.db).findOne({ _id: user.id });
    if (existing) continue; // never reset a password or a role someone has changed since
    await usersCollection(app.db).insertOne({
      _id: user.id, login: user.login, name: user.name, passwordHash: await hashPassword(user.password),
      role: user.role, teamId: user.team ? (teamIds.get(user.team) ?? null) : null, locale: user.locale ?? 'zh', createdAt: new Date(),
    });
    report.users++;
  }

  for (const { entity: key, file: rel } of manifest.demoData ?? []) {
    const entity = (await app.definitions.getPublishedEntity(key)) as EntityDefinition | null;
    if (!entity) throw new Error(`${manifestFile}: demo data for unknown entity "${key}"`);
    const validate = createRecordValidator(entity);
    const records = app.records.system(key);
    const defaultPool = entity.owned === false ? null : await app.definitions.defaultPoolOf(key);
    for (const [i, record] of (await readJson<DemoRecord[]>(join(dir, rel))).entries()) {
      const values = normalizePhoneValues(entity, { ...defaultValues(entity), ...record.values });
      const issues = validate(values, { mode: 'create' });
      if (issues.length) fail(`${join(dir, rel)} [${i}]`, issues);
      const ownerId = record.owner ? (userIds.get(record.owner) ?? null) : null;
      const now = new Date();
      const ownership = entity.owned === false ? {} : {
        poolKey: ownerId ? null : (record.pool ?? defaultPool), fromPool: null,
        ownedSince: ownerId ? now : null, followedUpAt: ownerId ? now : null, request: null,
      };
      const inserted = await records.insertIfMissing({
        _id: record.id, version: 1, ownerId, ...ownership, createdAt: now, createdBy: by.id, updatedAt: now, updatedBy: by.id, deletedAt: null, deletedBy: null, values,
      });
      if (inserted) report.records += 1;
    }
  }
  return report;
}

/**
 * Creates the template's skill groups that do not exist yet (by stable id); a group that exists keeps
 * the name and members people gave it since. Members are logins: the template's users (by their stable
 * ids, created later in the install) or people already in the workspace.
 */
async function installSkillGroups(app: FastifyInstance, manifest: TemplateManifest, manifestFile: string) {
  const templateUsers = new Map((manifest.users ?? []).map((u) => [u.login, u.id]));
  const groups = skillGroupsCollection(app.db);
  for (const group of manifest.skillGroups ?? []) {
    const sameKey = await groups.findOne({ key: group.key });
    if (sameKey && sameKey._id !== group.id) throw new Error(`${manifestFile}: a different skill group "${group.key}" (id ${sameKey._id}) already exists`);
    if (sameKey) continue;
    const members: string[] = [];
    for (const login of group.members ?? []) {
      const id = templateUsers.get(login) ?? (await usersCollection(app.db).findOne({ login }, { projection: { _id: 1 } }))?._id;
      if (!id) throw new Error(`${manifestFile}: skill group "${group.key}" names unknown user "${login}"`);
      members.push(id);
    }
    await groups.insertOne({ _id: group.id, key: group.key, name: group.name, members, updatedAt: new Date() });
  }
}

/** True when nothing has been installed yet (a new workspace). */
export async function isEmptyWorkspace(app: FastifyInstance): Promise<boolean> {
  return (await app.definitions.heads.countDocuments({}, { limit: 1 })) === 0;
}
