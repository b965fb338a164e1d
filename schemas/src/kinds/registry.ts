import { DEFINITION_KINDS } from './index.js';
import type { DefinitionKindSpec } from './kind.js';

// The table's kinds, plus any registered at run time (before the runtime is built: its routes read the list once).
const registry = new Map<string, DefinitionKindSpec>(DEFINITION_KINDS.map((spec) => [spec.kind, spec]));

const NAME = /^[a-z][a-z-]{0,39}$/;

/**
 * Adds a kind that is not in the table: a plugin's own kind, or a test's throwaway one. Its definitions are
 * then validated, stored, published, versioned and diffed like any other.
 */
export function registerDefinitionKind(spec: DefinitionKindSpec): void {
  if (!NAME.test(spec.kind)) throw new Error(`A definition kind is named like "pool" or "agent-states", not "${spec.kind}"`);
  const clash = [...registry.values()].find((k) => k.kind === spec.kind || k.slug === spec.slug);
  if (clash) throw new Error(`The definition kind "${spec.kind}" (slug "${spec.slug}") clashes with "${clash.kind}"`);
  registry.set(spec.kind, spec);
}

/** Every kind, the table's first and in its order. */
export function definitionKinds(): DefinitionKindSpec[] {
  return [...registry.values()];
}

/** The kinds the definitions API stores (not the template manifest, which is installed from files). */
export function storedKinds(): DefinitionKindSpec[] {
  return definitionKinds().filter((spec) => spec.stored !== false);
}

export function kindSpec(kind: unknown): DefinitionKindSpec | undefined {
  return typeof kind === 'string' ? registry.get(kind) : undefined;
}
