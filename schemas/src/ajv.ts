import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isIsoDate, isIsoDateTime } from './calendar.js';

// ajv and ajv-formats are CommonJS with a `default` export; Node and bundlers disagree on which one
// `import x from` gives, so take whichever is the function.
const Ajv2020 = ((Ajv2020Module as any).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as typeof addFormatsModule.default;

export type Ajv = InstanceType<typeof Ajv2020>;
export type { ErrorObject } from 'ajv';

/**
 * One Ajv configuration for definitions, records and filters: all errors, formats, strict schemas, and
 * `discriminator` (flow nodes pick their branch by `type`, so errors point inside that branch).
 */
export function createAjv(): Ajv {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, discriminator: true });
  addFormats(ajv, { mode: 'fast', keywords: true });
  // Fast mode checks dates by regex alone (2026-02-30 and 2023-13-01 pass): dates are checked against the
  // calendar, keeping fast mode's comparison for formatMinimum/formatMaximum.
  for (const [name, validate] of [['date', isIsoDate], ['date-time', isIsoDateTime]] as const) {
    ajv.addFormat(name, { type: 'string', validate, compare: (ajv.formats[name] as { compare: (a: string, b: string) => number | undefined }).compare });
  }
  return ajv;
}
