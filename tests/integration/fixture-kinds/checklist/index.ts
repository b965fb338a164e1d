// A definition kind that lives only in the tests, laid out as the kinds in schemas/src/kinds/<kind>/ are:
// adding it takes this folder and one line (registerDefinitionKind(checklistKind), in place of a line in
// the table), nothing else.
import type { FromSchema } from 'json-schema-to-ts';
import type { DefinitionKindSpec } from '@telesales/schemas';
import { checkChecklist } from './checks.js';
import { checklistSchema } from './schema.js';
import { texts } from './texts.js';

export type ChecklistDefinition = FromSchema<typeof checklistSchema>;

export const checklistKind: DefinitionKindSpec<'checklist', ChecklistDefinition> = {
  kind: 'checklist', slug: 'checklists', schema: checklistSchema, texts,
  check: (def, { locale }) => checkChecklist(def, locale),
};
