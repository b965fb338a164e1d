import type { TemplateManifest } from '../../types.js';
import type { DefinitionKindSpec } from '../kind.js';
import { templateSchema } from './schema.js';
import { texts } from './texts.js';

/** The manifest of an industry pack: validated like a definition, installed from its folder, never stored as one. */
export const templateKind: DefinitionKindSpec<'template', TemplateManifest> & { stored: false } = {
  kind: 'template', slug: 'templates', schema: templateSchema, texts, stored: false,
};
