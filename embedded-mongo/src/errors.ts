// Errors carry MongoDB's numeric code and codeName so the driver raises the same MongoServerError it would
// against mongod.
export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  CursorNotFound: 43,
  MaxTimeMSExpired: 50,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  WriteConflict: 112,
  InvalidPipelineOperator: 168,
  NoSuchTransaction: 251,
  OperationNotSupportedInTransaction: 263,
  CommandNotSupported: 115,
  NotImplemented: 238,
  SnapshotTooOld: 239,
  DocumentValidationFailure: 121,
  CommandNotSupportedOnView: 166,
  OptionNotSupportedOnView: 167,
  InvalidViewDefinition: 182,
  ViewDepthLimitExceeded: 165,
  InvalidResumeToken: 260,
  ChangeStreamFatalError: 280,
  ChangeStreamHistoryLost: 286,
  NoMatchingDocument: 47,
  Location40415: 40415,
  CappedPositionLost: 136,
  TransactionCommitted: 256,
  InvalidBSON: 22,
  InvalidIdField: 53,
  ConflictingUpdateOperators: 40,
  DuplicateKey: 11000,
  Location40323: 40323,
  Location40571: 40571,
  Location31254: 31254,
  Location51091: 51091,
  Location40324: 40324,
  Location40602: 40602,
} as const;

const names: Record<number, string> = Object.fromEntries(
  Object.entries(ErrorCodes).map(([name, code]) => [code, name]),
);

export class ServerError extends Error {
  readonly code: number;
  readonly codeName: string;
  /** Extra fields mongod puts on the error document (keyPattern, keyValue, errorLabels...). */
  readonly extra: Record<string, unknown>;

  constructor(code: number, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.codeName = names[code] ?? (code === 11000 ? 'DuplicateKey' : `Location${code}`);
    this.extra = extra;
  }
}

export function commandNotFound(name: string): ServerError {
  return new ServerError(ErrorCodes.CommandNotFound, `no such command: '${name}'`);
}

/** Maps anything thrown while running a command (mingo included) to a ServerError with mongod's code. */
export function toServerError(error: unknown): ServerError {
  if (process.env.EMBEDDED_MONGO_DEBUG && !(error instanceof ServerError)) console.error(error);
  if (error instanceof ServerError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // A defect of the server, not of the request: say so, and leave a trace in the server's log.
  if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError) {
    console.error('[embedded-mongo] internal error:', error);
    return new ServerError(ErrorCodes.InternalError, `internal error: ${message}`);
  }
  if (/immutable field/i.test(message)) return new ServerError(ErrorCodes.ImmutableField, message);
  if (/Invalid regular expression/.test(message)) return new ServerError(ErrorCodes.Location51091, message);
  if (/exclusion and inclusion|inclusion and exclusion/i.test(message)) return new ServerError(ErrorCodes.Location31254, message);
  if (/^accumulator .* not registered|expression .* not registered/i.test(message)) return new ServerError(ErrorCodes.InvalidPipelineOperator, message);
  if (/unknown query operator|unsupported query operator|\$where|query operator/i.test(message)) {
    return new ServerError(ErrorCodes.BadValue, message);
  }
  if (/pipeline operator|pipeline stage/i.test(message)) {
    return new ServerError(ErrorCodes.Location40324, message);
  }
  if (/update operator|modifier/i.test(message)) {
    return new ServerError(ErrorCodes.FailedToParse, message);
  }
  if (/expression operator|unregistered .*operator|operator/i.test(message)) {
    return new ServerError(ErrorCodes.InvalidPipelineOperator, message);
  }
  return new ServerError(ErrorCodes.BadValue, message);
}
