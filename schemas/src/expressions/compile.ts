import jsonataModule from 'jsonata';
import { boundHooks, cappedFunctions, type ExpressionError } from './bounds.js';
import { EXPRESSION_LIMITS, type CooperativeLimits } from './limits.js';
import { compileLinear, LinearRegex } from './linear-regex.js';

// jsonata is CommonJS with its function as the export; some loaders wrap it in `default`.
const jsonata = ((jsonataModule as unknown as { default?: typeof jsonataModule }).default ?? jsonataModule) as typeof jsonataModule;

export type Expression = jsonataModule.Expression;

const ENTRY_HOOK = Symbol.for('jsonata.__evaluate_entry') as unknown as string;
const EXIT_HOOK = Symbol.for('jsonata.__evaluate_exit') as unknown as string;

/**
 * Compiles `source` with every bound in place: jsonata's guardrails, the step and size hooks, the capped
 * built-ins and the linear-time regular expressions. Throws an ExpressionError (code, message, position) for
 * a syntax error or a regular expression RE2 cannot run.
 */
export function compileExpression(source: string, limits: CooperativeLimits = EXPRESSION_LIMITS): Expression {
  const { timeout, stack, sequence } = limits;
  const expression = jsonata(source, { timeout, stack, sequence, RegexEngine: LinearRegex as unknown as RegExpConstructor });
  const problem = regexProblem(expression.ast());
  if (problem) throw problem;
  const hooks = boundHooks(limits);
  expression.assign(ENTRY_HOOK, hooks.entry);
  expression.assign(EXIT_HOOK, hooks.exit);
  for (const [name, f] of Object.entries(cappedFunctions(limits))) expression.registerFunction(name, f.implementation as never, f.signature);
  return expression;
}

/** What publish checks report: null when the expression compiles, else its error with a position. */
export function checkExpression(source: string): ExpressionError | null {
  try {
    compileExpression(source);
    return null;
  } catch (e) {
    const err = e as Partial<ExpressionError>;
    return { code: err.code ?? 'error', message: err.message ?? String(e), position: err.position ?? 0 };
  }
}

/** The first regular expression literal that RE2 refuses (a backreference, a lookaround), found in the parsed tree. */
function regexProblem(ast: unknown): ExpressionError | null {
  const seen = new Set<object>();
  const visit = (node: unknown, position: number | undefined): ExpressionError | null => {
    if (node instanceof RegExp) {
      try {
        compileLinear(node);
        return null;
      } catch (e) {
        return { code: 'S0900', message: `The regular expression /${node.source}/ is not supported (${(e as Error).message}): backreferences and lookarounds cannot be matched in bounded time`, position: position ?? 0 };
      }
    }
    if (!node || typeof node !== 'object' || seen.has(node)) return null;
    seen.add(node);
    const own = (node as { position?: number }).position;
    for (const child of Object.values(node)) {
      const found = visit(child, typeof own === 'number' ? own : position);
      if (found) return found;
    }
    return null;
  };
  return visit(ast, undefined);
}
