import type { NodeHandler } from './handler.js';

/** Ends a sub-flow (back to its caller); in a top-level flow it ends the call. */
export const returnNode: NodeHandler<'return'> = {
  enter: () => ({ return: true }),
};
