// Document validation (create / collMod `validator`, `validationLevel`, `validationAction`): a write whose new
// document fails the validator is refused with DocumentValidationFailure (121), or logged when the action is
// 'warn'; 'moderate' leaves alone updates to documents that were already invalid; bypassDocumentValidation
// skips it, as in mongod.
import { deserialize, type Document } from 'bson';
import { Query } from 'mingo';
import { ErrorCodes, ServerError } from '../errors.js';
import { MINGO_OPTIONS, withBsonTypes } from '../mingo-options.js';
import type { Collection, Doc } from '../storage/collection.js';
import { compileSchema, type SchemaTest } from './json-schema.js';

interface CompiledValidator {
  source: Document;
  schema?: SchemaTest;
  query?: Query;
}

const compiled = new WeakMap<Document, CompiledValidator>();

/** Compiles a validator (throwing mongod's parse errors), cached per stored options object. */
export function compileValidator(validator: Document): CompiledValidator {
  let v = compiled.get(validator);
  if (v) return v;
  const { $jsonSchema, ...rest } = validator;
  for (const op of ['$near', '$nearSphere', '$text', '$where']) {
    if (op in rest) throw new ServerError(ErrorCodes.BadValue, `${op} is not allowed in collection validators`);
  }
  v = {
    source: validator,
    ...($jsonSchema !== undefined ? { schema: compileSchema($jsonSchema) } : {}),
    ...(Object.keys(rest).length ? { query: new Query(withBsonTypes(rest) as Document, MINGO_OPTIONS) } : {}),
  };
  compiled.set(validator, v);
  return v;
}

/** Why `raw` fails the collection's validator, or undefined when it passes (or there is none). */
function failure(coll: Collection, raw: Uint8Array, doc: Doc): string | undefined {
  const validator = coll.options.validator as Document | undefined;
  if (!validator || Object.keys(validator).length === 0) return undefined;
  const v = compileValidator(validator);
  if (v.schema) {
    // The schema sees exact BSON types (bsonType 'double' vs 'int' vs 'long').
    const why = v.schema(deserialize(raw, { promoteValues: false }));
    if (why) return why;
  }
  if (v.query && !v.query.test(doc)) return 'the document does not match the validator query';
  return undefined;
}

export interface ValidationContext {
  bypass: boolean;
  log: (message: string) => void;
}

/** Checks a new version of a document (`previous`: the one it replaces, for validationLevel 'moderate'). */
export function validateWrite(coll: Collection, raw: Uint8Array, doc: Doc, previous: Uint8Array | undefined, context: ValidationContext): void {
  if (context.bypass || !coll.options.validator) return;
  const level = (coll.options.validationLevel as string | undefined) ?? 'strict';
  if (level === 'off') return;
  const why = failure(coll, raw, doc);
  if (!why) return;
  if (level === 'moderate' && previous && failure(coll, previous, deserialize(previous))) return;
  if (coll.options.validationAction === 'warn') {
    context.log(`document validation warning on ${coll.ns} for _id ${JSON.stringify(doc._id)}: ${why}`);
    return;
  }
  throw new ServerError(ErrorCodes.DocumentValidationFailure, 'Document failed validation', {
    errInfo: { failingDocumentId: doc._id, details: { operatorName: coll.options.validator && '$jsonSchema' in (coll.options.validator as Document) ? '$jsonSchema' : '$and', reason: why } },
  });
}
