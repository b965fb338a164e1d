import { MongoBulkWriteError, MongoServerError, type Collection, type Document, type OptionalUnlessRequiredId } from 'mongodb';

/** A unique index refused the write (any collection). */
export function isDuplicateKeyError(error: unknown): error is MongoServerError {
  return error instanceof MongoServerError && error.code === 11000;
}

/**
 * Inserts unordered: every good document goes in; the ones a unique index refuses come back by their index, with
 * the server's message (which names the index). Any other failure is thrown.
 */
export async function insertKeepingDuplicates<T extends Document>(collection: Collection<T>, docs: OptionalUnlessRequiredId<T>[]): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  if (!docs.length) return refused;
  try {
    await collection.insertMany(docs, { ordered: false });
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    for (const e of errors) {
      if (e.code !== 11000) throw error;
      refused.set(e.index, e.errmsg ?? '');
    }
  }
  return refused;
}
