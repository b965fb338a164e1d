// Restarting the SIP server must not leave the runtime deaf: its endpoint reconnects and registers again on its own
// (1 s doubling to 30 s), says so in GET /api/health and the log, and inbound calls reach the IVR again. Kamailio,
// the runtime and a customer's sip.js UA in a network namespace that holds only loopback (`unshare -n`). See
// support/sip-reconnect-run.mjs.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest();
if (missing) console.warn(`Skipping the SIP reconnect test: ${missing}`);

describe.skipIf(!!missing)('the runtime\'s SIP endpoint after Kamailio restarts', () => {
  it('reports the lost registration in /api/health, registers again once Kamailio is back, and calls reach the IVR', { timeout: 120_000 }, () => {
    const result = runInNamespace('sip-reconnect-run.mjs', 100_000);
    expect(result.error, `${result.error}\n${result.log ?? ''}`).toBeUndefined();
    expect(result.interfaces).toEqual(['lo']);

    expect(result.before).toMatchObject({ mode: 'sip', registered: true, aor: expect.stringMatching(/^sip:runtime@/), server: 'ws://127.0.0.1:8080', lastError: null });
    // Kamailio gone: not registered, since when, and why (the connection dropped, then reconnecting fails).
    expect(result.down).toMatchObject({ mode: 'sip', registered: false, lastError: expect.stringMatching(/connection to ws:\/\/127\.0\.0\.1:8080 lost|cannot reach 127\.0\.0\.1:8080/) });
    expect(Date.parse(result.down.since)).toBeGreaterThan(Date.parse(result.before.since));
    expect(result.stillDown).toMatchObject({ registered: false, since: result.down.since, lastError: expect.stringContaining('cannot reach 127.0.0.1:8080') });

    // Back within a few seconds of Kamailio (the retries wait 1, 2, 4 s ...), and calls are answered again.
    expect(result.up).toMatchObject({ registered: true, lastError: null });
    expect(result.marks.registeredAgain - result.marks.kamailioStarted).toBeLessThan(20_000);
    expect(result.rejected).toBeUndefined();
    expect(result.call).toEqual({ direction: 'in', greetingHeard: true });

    // The loss is a warning (seen at the default level), the recovery is info.
    expect(result.logged).toEqual([
      { level: 'warn', message: 'sip endpoint not registered: retrying' },
      { level: 'info', message: 'sip endpoint registered again' },
    ]);
  });
});
