import { api, apiUpload } from './client';

/** An uploaded audio prompt (GET /api/audio-prompts): kept by the runtime as 8 kHz mu-law WAV. */
export interface AudioPrompt {
  id: string;
  name: string;
  durationSec: number;
  bytes: number;
  uploadedBy: { id: string; name: string };
  at: string;
}

let cached: Promise<AudioPrompt[]> | null = null;
const listeners = new Set<() => void>();

/** One list for all pickers on the page; an upload refreshes it for every picker. */
export function listAudioPrompts(): Promise<AudioPrompt[]> {
  cached ??= api<AudioPrompt[]>('GET', '/api/audio-prompts').catch((e: unknown) => {
    cached = null;
    throw e;
  });
  return cached;
}

export function onAudioPromptsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function uploadAudioPrompt(file: File): Promise<AudioPrompt> {
  const created = await apiUpload<AudioPrompt>('/api/audio-prompts', file);
  cached = null;
  listeners.forEach((l) => l());
  return created;
}

export const audioPromptUrl = (id: string) => `/api/audio-prompts/${encodeURIComponent(id)}/audio`;
