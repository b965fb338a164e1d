import { EXPRESSION_LIMITS, type CooperativeLimits } from './limits.js';

/** An error as jsonata throws them: a code, a message, and where known the position in the source. */
export interface ExpressionError {
  code: string;
  message: string;
  position?: number;
}

const fail = (code: string, message: string): never => {
  throw { code, message } satisfies ExpressionError;
};

type Environment = { base: { steps?: number } };

/**
 * Hooks jsonata calls on entering and leaving every node it evaluates. Entering counts steps on the
 * evaluation's own root frame (`base`), so concurrent evaluations never share a count; leaving refuses any
 * string or array above the caps, so doubling a value in a loop (`$s & $s`, `$append($a, $a)`) stops at the
 * cap instead of filling memory. Both checks are O(1): a string's length is known without flattening it.
 */
export function boundHooks(limits: CooperativeLimits = EXPRESSION_LIMITS) {
  return {
    entry(_expr: unknown, _input: unknown, environment: Environment): void {
      const base = environment.base;
      base.steps = (base.steps ?? 0) + 1;
      if (base.steps > limits.steps) fail('F1001', `Evaluation took more than ${limits.steps} steps. Check for an endless loop`);
    },
    exit(_expr: unknown, _input: unknown, _environment: Environment, result: unknown): void {
      if (typeof result === 'string' && result.length > limits.string) tooLong(limits);
      if (Array.isArray(result) && result.length > limits.sequence) {
        fail('L1002', `A list would hold more than ${limits.sequence} items`);
      }
    },
  };
}

function tooLong(limits: CooperativeLimits): never {
  return fail('L1001', `A text would be longer than ${limits.string} characters`);
}

/**
 * Built-ins whose single call could build a huge string before any hook sees it, replaced by versions that
 * check the size first. Same signatures and results as jsonata's own.
 */
export function cappedFunctions(limits: CooperativeLimits = EXPRESSION_LIMITS) {
  return {
    pad: {
      signature: '<s-ns?:s>',
      implementation(text: string | undefined, width: number, char?: string): string | undefined {
        if (text === undefined) return undefined;
        if (Math.abs(width) > limits.string) tooLong(limits);
        const fill = char === undefined || char === '' ? ' ' : char;
        const missing = Math.abs(width) - Array.from(text).length;
        if (missing <= 0) return text;
        const padding = Array.from(fill.repeat(Math.ceil(missing / Array.from(fill).length))).slice(0, missing).join('');
        return width > 0 ? text + padding : padding + text;
      },
    },
    join: {
      signature: '<a<s>s?:s>',
      implementation(texts: string[] | undefined, separator?: string): string | undefined {
        if (texts === undefined) return undefined;
        const sep = separator ?? '';
        const total = texts.reduce((n, t) => n + t.length, 0) + sep.length * Math.max(0, texts.length - 1);
        if (total > limits.string) tooLong(limits);
        return texts.join(sep);
      },
    },
  };
}
