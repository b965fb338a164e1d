// The development SIP server with ephemeral credentials, for real: Kamailio and two sip.js user agents run in a
// network namespace that holds only loopback (`unshare -n`), so no packet can leave the machine.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest();
if (missing) console.warn(`Skipping the SIP registration test: ${missing}`);

interface RunResult {
  interfaces: string[];
  registrations: Record<'valid' | 'wrongPassword' | 'expired' | 'someoneElses' | 'callee', number>;
  call: { established?: boolean; bothEnded?: boolean; states?: string[]; calleeSawFrom?: string; calleeSawSdp?: boolean; unknownUser?: number };
  bareInvite?: { untrusted: number; trunk: number };
  endpointCall?: { registered: number; established: boolean; to: string; from: string };
  refusals?: string[];
  error?: string;
  log?: string;
}

describe.skipIf(!!missing)('SIP server with ephemeral credentials (Kamailio in a loopback-only namespace)', () => {
  it('registers valid credentials, refuses wrong, expired and borrowed ones, and relays calls between users and to the runtime\'s endpoint', { timeout: 90_000 }, () => {
    const result = runInNamespace('sip-register-run.mjs', 60_000) as RunResult;
    expect(result.error, `${result.error}\n${result.log ?? ''}`).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);
    expect(result.registrations).toEqual({ valid: 200, wrongPassword: 403, expired: 403, someoneElses: 403, callee: 200 });
    // Kamailio's own reasons: -2 is a wrong password, -7 an expired username.
    expect(result.refusals).toEqual([expect.stringMatching(/REGISTER .* user mallory code -2$/), expect.stringMatching(/REGISTER .* user carol code -7$/)]);
    expect(result.call).toMatchObject({
      established: true, bothEnded: true, calleeSawFrom: 'alice', calleeSawSdp: true,
      states: ['Establishing', 'Established', 'Terminated'],
      unknownUser: 480,
    });
    // Without credentials a call is challenged (407), unless it comes from a trusted trunk address.
    expect(result.bareInvite).toEqual({ untrusted: 407, trunk: 480 });
    // Once the runtime's endpoint has registered as `runtime`, calls to unregistered numbers reach it.
    expect(result.endpointCall).toEqual({ registered: 200, established: true, to: '4008001234', from: 'alice' });
  });
});
