import type { validateDefinition } from '@telesales/schemas';

/** A validation issue as @telesales/schemas reports it (JSON pointer path); the server uses the same shape. */
export type Issue = ReturnType<typeof validateDefinition>[number];

/** Issues exactly at a pointer. */
export const issuesAt = (issues: readonly Issue[], pointer: string): Issue[] =>
  issues.filter((i) => i.path === pointer);

/** Issues at a pointer or anywhere below it. */
export const issuesUnder = (issues: readonly Issue[], pointer: string): Issue[] =>
  issues.filter((i) => i.path === pointer || i.path.startsWith(`${pointer}/`));
