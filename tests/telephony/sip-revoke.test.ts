// Disabling a user revokes their SIP access at once, although the ephemeral credentials they hold stay valid until
// they expire: the runtime tells Kamailio over its JSON-RPC (block the user, drop their registration). Kamailio,
// the runtime and sip.js UAs in a network namespace that holds only loopback (`unshare -n`). See
// support/sip-revoke-run.mjs.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest();
if (missing) console.warn(`Skipping the SIP revocation test: ${missing}`);

describe.skipIf(!!missing)('disabling a user revokes their SIP access (Kamailio\'s blocked list and location table)', () => {
  it('drops the registration, refuses the still-valid credentials and calls both ways, and restores them on enable', { timeout: 90_000 }, () => {
    const result = runInNamespace('sip-revoke-run.mjs', 75_000);
    expect(result.error, `${result.error}\n${result.log ?? ''}`).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);
    const { agent2 } = result.ids;

    // Registered with the API's credentials; calls both ways reach the other phone (which answers busy).
    expect(result.before).toEqual({ register: { status: 200 }, registered: true, callToAgent: { status: 486, reason: 'Busy Here' }, callFromAgent: { status: 486, reason: 'Busy Here' } });

    // Disabled through the API: blocked, registration gone, the same credentials refused, nothing rings.
    expect(result.disabled).toEqual({
      response: { status: 200, disabled: true },
      blocked: true,
      registered: false,
      callToAgent: { status: 480, reason: 'Temporarily Unavailable' },
      register: { status: 403, reason: 'Forbidden: disabled' },
      callFromAgent: { status: 403, reason: 'Forbidden: disabled' },
      newCredentials: 403,
      agentRang: 0,
    });

    // Enabled again: the credentials issued before work again.
    expect(result.enabled).toEqual({
      response: { status: 200, disabled: false }, blocked: false, register: { status: 200 }, registered: true,
      callToAgent: { status: 486, reason: 'Busy Here' },
    });

    // A resync takes an enabled user off Kamailio's list; enabling one never blocked warns of nothing.
    expect(result.resync).toEqual({ ok: true, blocked: [], warnings: [] });

    // Kamailio down: the admin's request still succeeds at once; the retry blocks agent2 in the restarted Kamailio.
    expect(result.offline).toMatchObject({ status: 200, disabled: true, emptyAfterRestart: true, blockedByRetry: [agent2], register: { status: 403, reason: 'Forbidden: disabled' } });
    expect(result.offline.ms).toBeLessThan(3000);

    // A runtime that starts pushes the disabled users to a Kamailio whose list is empty.
    expect(result.restart).toEqual({ emptyBeforeStart: true, blockedOnStart: [agent2] });
  });
});
