// commitTransaction / abortTransaction (sent to the admin database with the session's lsid and txnNumber).
import type { Handler } from './context.js';

export const commitTransaction: Handler = async (ctx) => {
  await ctx.engine.commitTransaction(ctx.cmd);
  return {};
};

export const abortTransaction: Handler = (ctx) => {
  ctx.engine.abortTransaction(ctx.cmd);
  return {};
};
