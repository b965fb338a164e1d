import type { NodeHandler } from './handler.js';

/** Where a call comes in; which numbers lead here matters to the telephony side, not to the call itself. */
export const entry: NodeHandler<'entry'> = {
  enter: () => ({ port: 'next' }),
};
