/**
 * The agents' script (话术) names data in double braces: `{{name}}` or `{{values.name}}` is a field of the task's
 * entity (the number's list data, or the matched customer's), and a few words name what every call has. The
 * console fills them in; publish checks refuse a field the entity does not have, so a typo never reaches an
 * agent as raw braces.
 */
export const SCRIPT_BUILTIN_TOKENS = ['agent', 'phone', 'task'] as const;

export interface ScriptToken {
  /** What is inside the braces, trimmed. */
  text: string;
  /** The field key it names, or null for a built-in token or one that does not parse. */
  field: string | null;
  /** False when the text is neither a built-in nor a field key. */
  valid: boolean;
}

const FIELD = /^(?:values\.)?([a-z][a-z0-9_]*)$/;

/** The tokens of a script, in order (an unclosed `{{` is not a token: it shows as typed). */
export function scriptTokens(script: string): ScriptToken[] {
  const out: ScriptToken[] = [];
  for (const m of script.matchAll(/\{\{([^{}]*)\}\}/g)) {
    const text = m[1]!.trim();
    if ((SCRIPT_BUILTIN_TOKENS as readonly string[]).includes(text)) out.push({ text, field: null, valid: true });
    else {
      const field = FIELD.exec(text)?.[1] ?? null;
      out.push({ text, field, valid: field !== null });
    }
  }
  return out;
}

/** The token an editor inserts for a field. */
export const fieldToken = (key: string) => `{{${key}}}`;
