import type { Ajv } from '../ajv.js';
import type { Locale, LocalText, ValidationIssue } from '../types.js';

/** The words people read for a kind, in both languages (the builder's navigation, lists and diffs). */
export interface KindTexts {
  /** One definition of the kind: "Pool". */
  label: LocalText;
  /** The kind's list: "Pools". */
  plural: LocalText;
  /** What the kind's definitions say, in a sentence (the list page's introduction). */
  description: LocalText;
}

/** What a kind's semantic checks get besides the definition: the shared Ajv (to compile sub-schemas) and the reader's language. */
export interface CheckContext {
  ajv: Ajv;
  locale: Locale;
}

/**
 * One definition kind: everything the validator, the definitions API and the builder need to know about it.
 * `D` is the TypeScript type of its definitions (derived from `schema` with json-schema-to-ts, in types.ts).
 */
export interface DefinitionKindSpec<K extends string = string, D = any> {
  kind: K;
  /** The JSON Schema (draft 2020-12); also written to schemas/json/<kind>.schema.json for editors' `$schema`. */
  schema: { $id: string } & Record<string, unknown>;
  /** What the schema cannot say, checked once the schema passes; a definition with any issue cannot be published. */
  check?: (def: D, ctx: CheckContext) => ValidationIssue[];
  texts: KindTexts;
  /** The kind's place in URLs: the builder's `#/<slug>/<key>`. */
  slug: string;
  /** Every signed-in person may read its published definitions (the phone bar needs the agent states and outcomes). */
  everyoneReads?: boolean;
  /** False for the template manifest: validated like a definition, but installed from files, never stored as one. */
  stored?: false;
}
