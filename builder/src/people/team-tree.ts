import type { Locale } from '@telesales/schemas';
import { localize } from '@telesales/schemas';
import type { TeamJson } from '../api/org';

export interface TeamNode {
  team: TeamJson;
  depth: number;
}

/**
 * Teams in tree order (each parent followed by its children), with their depth for indentation. A team whose
 * parent is unknown is shown at the top; a visited set keeps a corrupt cycle from looping forever.
 */
export function flattenTeams(teams: readonly TeamJson[], locale: Locale): TeamNode[] {
  const ids = new Set(teams.map((t) => t.id));
  const byName = (a: TeamJson, b: TeamJson) => localize(a.name, locale).localeCompare(localize(b.name, locale), locale === 'zh' ? 'zh-CN' : 'en') || a.key.localeCompare(b.key);
  const children = new Map<string | null, TeamJson[]>();
  for (const team of teams) {
    const parent = team.parentId && ids.has(team.parentId) ? team.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), team]);
  }
  const out: TeamNode[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const team of [...(children.get(parent) ?? [])].sort(byName)) {
      if (seen.has(team.id)) continue;
      seen.add(team.id);
      out.push({ team, depth });
      walk(team.id, depth + 1);
    }
  };
  walk(null, 0);
  // Teams only reachable through a cycle (the server refuses those, but stay safe): list them at the end.
  for (const team of teams) if (!seen.has(team.id)) out.push({ team, depth: 0 });
  return out;
}

/** "Sales › Sales A": the team's place in the tree, for the users table. */
export function teamPath(teams: readonly TeamJson[], id: string | null, locale: Locale): string {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const names: string[] = [];
  let current = id ? byId.get(id) : undefined;
  while (current && names.length < 20) {
    names.unshift(localize(current.name, locale) || current.key);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return names.join(' › ');
}

/** Indented option text for a team select. */
export const indentedName = (node: TeamNode, locale: Locale) => `${'\u00a0\u00a0\u00a0'.repeat(node.depth)}${localize(node.team.name, locale) || node.team.key}`;
