// MongoDB's `$jsonSchema` (JSON Schema draft 4 with `bsonType`, as mongod implements it) for validators and
// queries. A schema is compiled once into a test; keywords mongod does not support are refused at compile time
// with its error, so a validator is never stored and then half-applied.
import { ErrorCodes, ServerError } from '../errors.js';
import { bsonTypeOf } from '../mingo-options.js';
import { compareValues } from '../storage/bson-order.js';

type Schema = Record<string, unknown>;
export type SchemaTest = (value: unknown) => string | undefined;

const ANNOTATIONS = new Set(['title', 'description']);
const UNSUPPORTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id']);
const JSON_TYPES: Record<string, (v: unknown) => boolean> = {
  object: (v) => bsonTypeOf(v) === 'object',
  array: (v) => Array.isArray(v),
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  number: (v) => ['double', 'int', 'long', 'decimal'].includes(bsonTypeOf(v)),
};

function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  const t = bsonTypeOf(v);
  return ['double', 'int', 'long', 'decimal'].includes(t) ? Number((v as { toString(): string }).toString()) : undefined;
}

function fail(keyword: string, message: string): ServerError {
  return new ServerError(ErrorCodes.FailedToParse, `$jsonSchema keyword '${keyword}' ${message}`);
}

/** Compiles a schema; the test returns why a value fails it, or undefined when it passes. */
export function compileSchema(schema: unknown, path = '$jsonSchema'): SchemaTest {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) throw new ServerError(ErrorCodes.TypeMismatch, `${path} must be an object`);
  const s = schema as Schema;
  const tests: SchemaTest[] = [];
  for (const [keyword, arg] of Object.entries(s)) {
    if (ANNOTATIONS.has(keyword)) continue;
    if (UNSUPPORTED.has(keyword)) throw fail(keyword, 'is not currently supported');
    const test = compileKeyword(keyword, arg, s, path);
    if (test) tests.push(test);
  }
  return (value) => {
    for (const t of tests) {
      const why = t(value);
      if (why) return why;
    }
    return undefined;
  };
}

function compileKeyword(keyword: string, arg: unknown, s: Schema, path: string): SchemaTest | undefined {
  const isObject = (v: unknown): v is Record<string, unknown> => bsonTypeOf(v) === 'object';
  switch (keyword) {
    case 'bsonType':
    case 'type': {
      const names = (Array.isArray(arg) ? arg : [arg]) as string[];
      const matchers = names.map((n) => (keyword === 'type' ? JSON_TYPES[n] : (v: unknown) => (n === 'number' ? JSON_TYPES.number(v) : bsonTypeOf(v) === n)));
      if (keyword === 'type' && matchers.some((m) => !m)) throw fail('type', `must name JSON types (${names.join(', ')})`);
      return (v) => (matchers.some((m) => m(v)) ? undefined : `${path}: type is not ${names.join(' or ')}`);
    }
    case 'required': {
      const fields = arg as string[];
      if (!Array.isArray(fields) || fields.length === 0) throw fail('required', 'must be a non-empty array of field names');
      return (v) => {
        if (!isObject(v)) return undefined;
        const missing = fields.filter((f) => v[f] === undefined);
        return missing.length ? `${path}: required field(s) missing: ${missing.join(', ')}` : undefined;
      };
    }
    case 'properties': {
      const props = Object.entries(arg as Schema).map(([name, sub]) => [name, compileSchema(sub, `${path}.${name}`)] as const);
      return (v) => {
        if (!isObject(v)) return undefined;
        for (const [name, test] of props) if (v[name] !== undefined) {
          const why = test(v[name]);
          if (why) return why;
        }
        return undefined;
      };
    }
    case 'patternProperties':
    case 'additionalProperties': {
      if (keyword === 'patternProperties' && s.additionalProperties !== undefined) return undefined; // handled below
      const patterns = Object.entries((s.patternProperties ?? {}) as Schema).map(([re, sub]) => [new RegExp(re, 'u'), compileSchema(sub, `${path}.${re}`)] as const);
      const named = new Set(Object.keys((s.properties ?? {}) as Schema));
      const extra = s.additionalProperties;
      const extraTest = extra === undefined || typeof extra === 'boolean' ? undefined : compileSchema(extra, `${path}.additionalProperties`);
      return (v) => {
        if (!isObject(v)) return undefined;
        for (const [field, value] of Object.entries(v)) {
          const matching = patterns.filter(([re]) => re.test(field));
          for (const [, test] of matching) {
            const why = test(value);
            if (why) return why;
          }
          if (named.has(field) || matching.length) continue;
          if (extra === false) return `${path}: additional property '${field}' not allowed`;
          const why = extraTest?.(value);
          if (why) return why;
        }
        return undefined;
      };
    }
    case 'minProperties':
    case 'maxProperties':
      return (v) => {
        if (!isObject(v)) return undefined;
        const n = Object.keys(v).length;
        return (keyword === 'minProperties' ? n >= (arg as number) : n <= (arg as number)) ? undefined : `${path}: ${keyword} ${String(arg)}`;
      };
    case 'minimum':
    case 'maximum': {
      const exclusive = s[keyword === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum'] === true;
      return (v) => {
        const n = numberOf(v);
        if (n === undefined) return undefined;
        const c = compareValues(n, arg);
        const ok = keyword === 'minimum' ? (exclusive ? c > 0 : c >= 0) : exclusive ? c < 0 : c <= 0;
        return ok ? undefined : `${path}: ${String(n)} is not ${keyword === 'minimum' ? '>' : '<'}${exclusive ? '' : '='} ${String(arg)}`;
      };
    }
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      if (typeof arg !== 'boolean') throw fail(keyword, 'must be a boolean');
      return undefined; // read with minimum / maximum
    case 'multipleOf':
      return (v) => {
        const n = numberOf(v);
        return n === undefined || n % (arg as number) === 0 ? undefined : `${path}: ${n} is not a multiple of ${String(arg)}`;
      };
    case 'minLength':
    case 'maxLength':
      return (v) => {
        if (typeof v !== 'string') return undefined;
        const n = [...v].length;
        return (keyword === 'minLength' ? n >= (arg as number) : n <= (arg as number)) ? undefined : `${path}: ${keyword} ${String(arg)}`;
      };
    case 'pattern': {
      const re = new RegExp(arg as string, 'u');
      return (v) => (typeof v !== 'string' || re.test(v) ? undefined : `${path}: does not match ${String(arg)}`);
    }
    case 'enum': {
      if (!Array.isArray(arg) || arg.length === 0) throw fail('enum', 'must be a non-empty array');
      return (v) => (arg.some((e) => sameValue(e, v)) ? undefined : `${path}: not one of the enum values`);
    }
    case 'items': {
      if (Array.isArray(arg)) {
        const tests = arg.map((sub, i) => compileSchema(sub, `${path}.${i}`));
        const extra = s.additionalItems;
        const extraTest = extra === undefined || typeof extra === 'boolean' ? undefined : compileSchema(extra, `${path}.additionalItems`);
        return (v) => {
          if (!Array.isArray(v)) return undefined;
          for (let i = 0; i < v.length; i++) {
            if (i < tests.length) {
              const why = tests[i](v[i]);
              if (why) return why;
            } else if (extra === false) return `${path}: additional items not allowed`;
            else {
              const why = extraTest?.(v[i]);
              if (why) return why;
            }
          }
          return undefined;
        };
      }
      const test = compileSchema(arg, `${path}.items`);
      return (v) => (Array.isArray(v) ? v.map(test).find(Boolean) : undefined);
    }
    case 'additionalItems':
      return undefined; // read with items
    case 'minItems':
    case 'maxItems':
      return (v) => (!Array.isArray(v) || (keyword === 'minItems' ? v.length >= (arg as number) : v.length <= (arg as number)) ? undefined : `${path}: ${keyword} ${String(arg)}`);
    case 'uniqueItems':
      return (v) => (!arg || !Array.isArray(v) || v.every((a, i) => v.findIndex((b) => sameValue(a, b)) === i) ? undefined : `${path}: items are not unique`);
    case 'allOf':
    case 'anyOf':
    case 'oneOf': {
      if (!Array.isArray(arg) || arg.length === 0) throw fail(keyword, 'must be a non-empty array');
      const tests = arg.map((sub, i) => compileSchema(sub, `${path}.${keyword}.${i}`));
      return (v) => {
        const passed = tests.filter((t) => !t(v)).length;
        const ok = keyword === 'allOf' ? passed === tests.length : keyword === 'anyOf' ? passed > 0 : passed === 1;
        return ok ? undefined : `${path}: ${keyword} not satisfied`;
      };
    }
    case 'not': {
      const test = compileSchema(arg, `${path}.not`);
      return (v) => (test(v) ? undefined : `${path}: matches a schema it must not`);
    }
    case 'dependencies': {
      const deps = Object.entries(arg as Schema).map(([field, dep]) => [field, Array.isArray(dep) ? (dep as string[]) : compileSchema(dep, `${path}.dependencies.${field}`)] as const);
      return (v) => {
        if (!isObject(v)) return undefined;
        for (const [field, dep] of deps) {
          if (v[field] === undefined) continue;
          if (Array.isArray(dep)) {
            const missing = dep.filter((f) => v[f] === undefined);
            if (missing.length) return `${path}: ${field} requires ${missing.join(', ')}`;
          } else {
            const why = dep(v);
            if (why) return why;
          }
        }
        return undefined;
      };
    }
    default:
      throw new ServerError(ErrorCodes.FailedToParse, `Unknown $jsonSchema keyword: ${keyword}`);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (bsonTypeOf(a) === 'object' && bsonTypeOf(b) === 'object') {
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return bsonTypeOf(a) === bsonTypeOf(b) ? compareValues(a, b) === 0 : numberOf(a) !== undefined && numberOf(a) === numberOf(b);
}
