import { kindSpec, localize, type KindTexts, type Locale } from '@telesales/schemas';
import type { DefinitionKind } from '../api/definitions';
import { slugOf } from '../app/use-hash-route';

/** The i18n section of a kind's list and create texts (title, new, empty, keyExists...): its slug in camel case. */
export const listTexts = (kind: DefinitionKind) => slugOf(kind).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** A kind's own words from the table of kinds (schemas/src/kinds/<kind>/texts.ts): its label, plural or description. */
export const kindText = (kind: DefinitionKind, text: keyof KindTexts, locale: Locale) => localize(kindSpec(kind)?.texts[text], locale);
