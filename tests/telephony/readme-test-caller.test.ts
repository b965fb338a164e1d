// The README's test caller works as pasted: its three commands (Kamailio with SIP_TRUNK_SOURCES, the runtime with
// TELEPHONY=sip, sipp with telephony/sipp/test-caller.xml), read from the README itself, run in a network namespace
// holding only loopback (`unshare -n`); see support/readme-test-caller-run.mjs.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest({ sipp: true });
if (missing) console.warn(`Skipping the README test-caller test: ${missing}`);

interface RunResult {
  interfaces: string[];
  marks: Record<string, number>;
  readme?: { kamailio: string; runtime: string; sipp: string };
  telephony?: { mode: string; registered: boolean };
  sippExit?: number | string;
  sippOutput?: string;
  call?: { direction: string; from: string; to: string; status: string; hangupBy: string | null; flow: string | null; queue: string | null };
  trace?: { node: string; type: string; event?: string; port?: string }[];
  error?: string;
  log?: string;
}

describe.skipIf(!!missing)('the README\'s test caller (npm run sip, TELEPHONY=sip npm start, sipp; loopback-only namespace)', () => {
  it('runs as written: sipp\'s call reaches the demo flow, its keys move the menus when open, and its BYE is answered', { timeout: 180_000 }, () => {
    const r = runInNamespace('readme-test-caller-run.mjs', 170_000) as RunResult;
    expect(r.error, `${r.error}\n${r.log ?? ''}`).toBeUndefined();
    expect(r.interfaces).toEqual(['lo']);
    expect(r.readme!.kamailio).toMatch(/^SIP_TRUNK_SOURCES=127\.0\.0\.1 npm run sip$/);
    expect(r.readme!.runtime).toMatch(/TELEPHONY=sip npm start$/);
    expect(r.readme!.sipp).toContain('-sf telephony/sipp/test-caller.xml -s 4008001234');
    expect(r.telephony).toEqual({ mode: 'sip', registered: true });
    // 0: every message of the scenario went as written, the BYE's 200 included (the built-in uac gets 404 there)
    expect(r.sippExit, r.sippOutput).toBe(0);
    expect(r.call).toMatchObject({ direction: 'in', from: 'sipp', to: '4008001234', status: 'ended', hangupBy: 'caller', flow: 'inbound' });
    const trace = r.trace!;
    expect(trace.slice(0, 2)).toEqual([{ node: 'entry', type: 'entry', port: 'next' }, expect.objectContaining({ node: 'hours', type: 'hours' })]);
    // The runtime's clock is the real one: outside the hotline's hours the flow takes the closed branch, as the README says.
    if (trace[1]!.port === 'open') {
      expect(trace).toContainEqual({ node: 'language', type: 'language', event: 'digits', port: 'next' });
      expect(trace).toContainEqual({ node: 'main_menu', type: 'menu', event: 'digits', port: '2' });
      expect(trace.map((s) => s.node)).toContain('service_queue');
    } else {
      expect(trace[1]).toMatchObject({ port: 'closed' });
      expect(trace.map((s) => s.node)).toContain('closed_message');
    }
  });
});
