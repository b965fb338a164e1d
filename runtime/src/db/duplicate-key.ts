import { MongoServerError } from 'mongodb';

/** A unique index refused the write (any collection). */
export function isDuplicateKeyError(error: unknown): error is MongoServerError {
  return error instanceof MongoServerError && error.code === 11000;
}
