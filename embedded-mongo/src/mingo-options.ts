// Options every mingo call of the server shares. Server-side JavaScript ($where, $function, $accumulator)
// is off, as with mongod's --noscripting: a filter from a client must never run code in this process.
export const MINGO_OPTIONS = { scriptEnabled: false } as const;
