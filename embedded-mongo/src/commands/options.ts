// Options that change what a command returns or stores must either work or be refused with mongod's error:
// never accepted and ignored. This module holds the checks shared by several commands (collation, find's
// cursor options, read concerns) and the collection options of create / collMod.
import type { Document } from 'bson';
import { ErrorCodes, ServerError } from '../errors.js';
import { asObject } from './context.js';

/** Fields any command may carry that say nothing about what it does (sessions, concerns, API version...). */
const GENERIC_FIELDS = new Set([
  '$db', 'lsid', 'txnNumber', 'autocommit', 'startTransaction', '$clusterTime', '$readPreference', 'readConcern', 'writeConcern',
  'maxTimeMS', 'comment', 'apiVersion', 'apiStrict', 'apiDeprecationErrors', '$client', '$audit', 'mayBypassWriteBlocking',
]);

function notImplemented(what: string): ServerError {
  return new ServerError(ErrorCodes.NotImplemented, `${what} is not supported by the embedded server`);
}

/** The simple collation (binary comparison) is what the server does; any locale-aware one is refused. */
export function checkCollation(value: unknown, path = 'collation'): void {
  if (value === undefined || value === null) return;
  const spec = asObject(value, path)!;
  if (typeof spec.locale !== 'string') throw new ServerError(ErrorCodes.FailedToParse, `BSON field '${path}.locale' is missing but a required field`);
  if (spec.locale !== 'simple') throw notImplemented(`${path} with locale '${spec.locale}' (only the simple collation)`);
}

/** find's options that change which documents or fields come back and that the server does not have. */
const FIND_REFUSED = ['returnKey', 'showRecordId', 'min', 'max', 'tailable', 'oplogReplay', 'awaitData'] as const;

/** Checks done before any command runs. */
export function checkCommandOptions(name: string, cmd: Document, inTransaction: boolean): void {
  checkCollation(cmd.collation);
  if (name === 'find') {
    for (const option of FIND_REFUSED) {
      const value = cmd[option];
      if (value === undefined || value === false || (typeof value === 'object' && value !== null && Object.keys(value).length === 0)) continue;
      if (option === 'tailable' || option === 'awaitData') throw new ServerError(ErrorCodes.BadValue, 'error processing query: tailable cursors need a capped collection, and the embedded server has no tailable cursors; use a change stream');
      throw notImplemented(`find option '${option}'`);
    }
  }
  const readConcern = asObject(cmd.readConcern, 'readConcern');
  if (readConcern?.level === 'snapshot' && !inTransaction && !['find', 'aggregate', 'distinct', 'getMore', 'killCursors'].includes(name)) {
    throw new ServerError(ErrorCodes.InvalidOptions, `readConcern level snapshot is only valid in a transaction or for find, aggregate and distinct, not for ${name}`);
  }
}

// --- collection options ----------------------------------------------------------------------------------

/** create's options the server implements (validated and stored) or that change nothing it returns. */
const CREATE_OPTIONS = new Set([
  'capped', 'size', 'max', 'validator', 'validationLevel', 'validationAction', 'viewOn', 'pipeline', 'changeStreamPreAndPostImages',
  'collation', 'idIndex', 'storageEngine', 'indexOptionDefaults', 'autoIndexId', 'flags',
]);
const CREATE_REFUSED = ['timeseries', 'expireAfterSeconds', 'clusteredIndex', 'encryptedFields'];

/** The options of `create`, checked; what is returned is stored with the collection (and listed). */
export function createOptions(cmd: Document): Document {
  const options: Document = {};
  for (const [key, value] of Object.entries(cmd)) {
    if (key === 'create' || GENERIC_FIELDS.has(key)) continue;
    if (CREATE_REFUSED.includes(key)) throw notImplemented(`create option '${key}' (${key === 'timeseries' || key === 'expireAfterSeconds' ? 'time-series collections' : key === 'clusteredIndex' ? 'clustered collections' : 'queryable encryption'})`);
    if (!CREATE_OPTIONS.has(key)) throw new ServerError(ErrorCodes.Location40415, `BSON field 'create.${key}' is an unknown field.`);
    options[key] = value;
  }
  checkCollation(options.collation);
  delete options.collation; // simple: the default
  if (options.autoIndexId === false) throw notImplemented('create with autoIndexId: false (every collection has its _id index)');
  delete options.autoIndexId;
  delete options.idIndex;
  delete options.storageEngine;
  delete options.indexOptionDefaults;
  delete options.flags;
  if (options.viewOn !== undefined || options.pipeline !== undefined) checkViewOptions(options);
  else if (options.capped) checkCappedOptions(options);
  else if (options.size !== undefined || options.max !== undefined) {
    throw new ServerError(ErrorCodes.InvalidOptions, "the 'size' and 'max' options are for capped collections only ('capped: true')");
  }
  checkValidationOptions(options);
  checkImagesOption(options.changeStreamPreAndPostImages, 'create');
  return options;
}

function checkViewOptions(options: Document): void {
  if (typeof options.viewOn !== 'string' || options.viewOn === '') throw new ServerError(ErrorCodes.InvalidOptions, "'viewOn' must be a non-empty string");
  if (options.pipeline === undefined) options.pipeline = [];
  if (!Array.isArray(options.pipeline)) throw new ServerError(ErrorCodes.TypeMismatch, "'pipeline' must be an array");
  for (const key of Object.keys(options)) {
    if (!['viewOn', 'pipeline'].includes(key)) throw new ServerError(ErrorCodes.InvalidOptions, `option '${key}' is not valid for a view`);
  }
  for (const stage of options.pipeline as Document[]) {
    const name = Object.keys(stage ?? {})[0];
    if (['$out', '$merge', '$changeStream'].includes(name)) throw new ServerError(ErrorCodes.OptionNotSupportedOnView, `${name} cannot be used in a view definition`);
  }
}

function checkCappedOptions(options: Document): void {
  if (typeof options.size !== 'number' || options.size <= 0) throw new ServerError(ErrorCodes.InvalidOptions, "the 'size' field is required when 'capped' is true");
  // mongod rounds the size up to a multiple of 256 bytes.
  options.size = Math.ceil(options.size / 256) * 256;
  if (options.max !== undefined && (typeof options.max !== 'number' || options.max < 0)) throw new ServerError(ErrorCodes.BadValue, "'max' must be a non-negative number");
  if (options.max === 0) delete options.max;
}

const LEVELS = ['off', 'strict', 'moderate'];
const ACTIONS = ['error', 'warn'];

function checkValidationOptions(options: Document): void {
  if (options.validator !== undefined) asObject(options.validator, 'validator');
  if (options.validationLevel !== undefined && !LEVELS.includes(options.validationLevel as string)) {
    throw new ServerError(ErrorCodes.BadValue, `Enumeration value '${String(options.validationLevel)}' for field 'validationLevel' is not a valid value.`);
  }
  if (options.validationAction !== undefined && !ACTIONS.includes(options.validationAction as string)) {
    throw new ServerError(ErrorCodes.BadValue, `Enumeration value '${String(options.validationAction)}' for field 'validationAction' is not a valid value.`);
  }
}

function checkImagesOption(value: unknown, command: string): void {
  if (value === undefined) return;
  const spec = asObject(value, `${command}.changeStreamPreAndPostImages`)!;
  if (typeof spec.enabled !== 'boolean') throw new ServerError(ErrorCodes.FailedToParse, `BSON field '${command}.changeStreamPreAndPostImages.enabled' is missing but a required field`);
}

const COLLMOD_OPTIONS = new Set(['validator', 'validationLevel', 'validationAction', 'changeStreamPreAndPostImages', 'viewOn', 'pipeline', 'index']);

/** collMod: the collection's new options, or the refusal mongod gives. */
export function collModOptions(cmd: Document, current: Document): Document {
  const next: Document = { ...current };
  for (const [key, value] of Object.entries(cmd)) {
    if (key === 'collMod' || GENERIC_FIELDS.has(key)) continue;
    if (key === 'expireAfterSeconds' || key === 'timeseries' || key === 'cappedSize' || key === 'cappedMax') throw notImplemented(`collMod option '${key}'`);
    if (!COLLMOD_OPTIONS.has(key)) throw new ServerError(ErrorCodes.Location40415, `BSON field 'collMod.${key}' is an unknown field.`);
    if (key === 'index') throw notImplemented("collMod option 'index' (drop and create the index instead)");
    next[key] = value;
  }
  const isView = current.viewOn !== undefined;
  if (isView && Object.keys(cmd).some((k) => !['collMod', 'viewOn', 'pipeline'].includes(k) && !GENERIC_FIELDS.has(k))) {
    throw new ServerError(ErrorCodes.InvalidOptions, 'a view can only be modified with viewOn and pipeline');
  }
  if (!isView && (cmd.viewOn !== undefined || cmd.pipeline !== undefined)) throw new ServerError(ErrorCodes.InvalidOptions, `'viewOn' and 'pipeline' are options of views; ${String(cmd.collMod)} is a collection`);
  if (isView) checkViewOptions(next);
  checkValidationOptions(next);
  checkImagesOption(next.changeStreamPreAndPostImages, 'collMod');
  return next;
}
