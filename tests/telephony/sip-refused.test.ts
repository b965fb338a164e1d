// A click-to-call the trunk refuses says why: busy (486) and an empty number (404) reach the call record as the
// cause the agent sees, with the SIP status. Kamailio, the runtime and sip.js UAs in a network namespace that holds
// only loopback (`unshare -n`). See support/sip-refused-run.mjs.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest();
if (missing) console.warn(`Skipping the SIP refused click-to-call test: ${missing}`);

describe.skipIf(!!missing)('click-to-call refused by the far end over SIP', () => {
  it('486 is busy, 404 an empty number, on the call record and its JSON', { timeout: 90_000 }, () => {
    const result = runInNamespace('sip-refused-run.mjs', 75_000);
    expect(result.error, `${result.error}\n${result.log ?? ''}`).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);
    expect(result.calls).toEqual([
      { answered: 486, rang: 1, agentGot: 486, status: 'wrapup', outcome: 'busy', failure: { cause: 'busy', sipStatus: 486 } },
      { answered: 404, rang: 1, agentGot: 480, status: 'wrapup', outcome: 'failed', failure: { cause: 'emptyNumber', sipStatus: 404 } },
    ]);
  });
});
