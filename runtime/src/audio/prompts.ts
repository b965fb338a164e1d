import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Collection, Db } from 'mongodb';

/** An uploaded audio prompt: the file is `<promptsDir>/<_id>.wav`, 8 kHz mono mu-law (what the SIP endpoint plays). */
export interface AudioPromptDoc {
  _id: string;
  /** What the builder shows (the uploaded file's name without its extension, unless renamed). */
  name: string;
  durationSec: number;
  /** Bytes of the converted file. */
  bytes: number;
  uploadedBy: { id: string; name: string };
  at: Date;
}

export const audioPromptsCollection = (db: Db): Collection<AudioPromptDoc> => db.collection<AudioPromptDoc>('audio_prompts');

/** Read at each use (not at start): tests and the SIP stage set DATA_DIR per run. */
export function promptsDir(): string {
  return join(resolve(process.env.DATA_DIR ?? '.data'), 'prompts');
}

/** Ids come from us (UUIDs), but a path is only ever built from a checked one. */
const ID = /^[A-Za-z0-9_-]{1,100}$/;

export function promptFile(id: string): string | null {
  return ID.test(id) ? join(promptsDir(), `${id}.wav`) : null;
}

export function audioPromptJson(doc: AudioPromptDoc) {
  return { id: doc._id, name: doc.name, durationSec: doc.durationSec, bytes: doc.bytes, uploadedBy: doc.uploadedBy, at: doc.at.toISOString() };
}

/** The ids among `ids` that have no uploaded prompt. */
export async function missingAudioIds(db: Db, ids: Iterable<string>): Promise<Set<string>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Set();
  const found = await audioPromptsCollection(db).find({ _id: { $in: wanted } }, { projection: { _id: 1 } }).toArray();
  const have = new Set(found.map((d) => d._id));
  return new Set(wanted.filter((id) => !have.has(id)));
}

/** The converted file of an uploaded prompt, or null when it is not there (deleted, another machine's disk). */
export async function existingPromptFile(id: string): Promise<string | null> {
  const file = promptFile(id);
  if (!file) return null;
  return stat(file).then((s) => (s.size > 0 ? file : null), () => null);
}
