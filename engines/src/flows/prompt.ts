import type { Prompt } from '@telesales/schemas';
import type { Command, Language } from './types.js';

/**
 * The play command for the call's language: the audio file when there is one (it wins over text, which
 * comes along as its fallback), else the TTS text; a language the prompt lacks falls back to the flow's
 * default (publish checks should prevent it).
 */
export function playCommand(prompt: Prompt | undefined, language: Language, fallback: Language, bargeIn: boolean): Command {
  const pick = (lang: Language) => {
    const audio = prompt?.audio?.[lang];
    const text = prompt?.text?.[lang];
    // The text rides along with the audio: the SIP side reads it out when the audio file is missing.
    if (audio) return text ? { audio, text } : { audio };
    return text ? { text } : null;
  };
  return { type: 'play', prompt: pick(language) ?? pick(fallback) ?? {}, language, bargeIn };
}

export function hasPrompt(prompt: Prompt | undefined): boolean {
  return Boolean(prompt && (Object.keys(prompt.audio ?? {}).length || Object.keys(prompt.text ?? {}).length));
}
