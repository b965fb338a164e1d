// An outbound task's dialer over real SIP: the runtime's own dialer (a published progressive task, agent1 joined and
// ready with a registered sip.js phone) dials five numbers through Kamailio to a trunk (one sipp whose callees behave
// by number: busy, empty, no answer, answers, answers and hangs up during the offer). The answered number is bridged
// to agent1's phone with audio both ways; the others end with their causes and the task's rules; the call records,
// the numbers, the dial log and the day's figures agree. Loopback-only namespace (`unshare -n`); see
// support/sip-dialer-run.mjs and telephony/sipp/trunk-by-number.xml.
import { describe, expect, it } from 'vitest';
import { missingForSipTest, runInNamespace } from './support/netns.js';

const missing = missingForSipTest({ sipp: true });
if (missing) console.warn(`Skipping the SIP dialer test: ${missing}`);

describe.skipIf(!!missing)("an outbound task's dialer on TELEPHONY=sip (sipp as the carrier)", () => {
  it('dials each number once, bridges the answered one to the agent, applies the task rules to the others', { timeout: 150_000 }, () => {
    const r = runInNamespace('sip-dialer-run.mjs', 130_000);
    expect(r.error, `${r.error}\n${r.log ?? ''}`).toBeUndefined();
    expect(r.interfaces).toEqual(['lo']);

    // sipp got the five INVITEs in the list's order, one at a time (one line), and every call ended as scripted.
    expect(r.trunk.exit, r.trunk.output).toBe(0);
    expect(r.trunk.requestUsers).toEqual(['8613900000486', '8613900000404', '8613900000408', '8613900000200', '8613900000201']);

    // The answered number was offered to agent1 (ringing, offeredTo: the shape an agent's answer goes through),
    // bridged with audio both ways: agent1 heard the callee and their own byte back from sipp's echo.
    expect(r.offer).toEqual({ status: 'ringing', offeredTo: true, answered: true });
    expect(r.audio.agentHeardCallee).toBeGreaterThanOrEqual(8000);
    expect(r.audio.agentHeardOwnEcho).toBeGreaterThanOrEqual(8000);
    expect(r.agentAfterTalk).toBe('wrapup');
    // The callee hung up while agent1's phone rang: the phone stopped ringing, the offer was taken back.
    expect(r.agentAfterOffer).toEqual({ kind: 'ready', offerCallId: null });

    const byNumber = Object.fromEntries(r.calls.map(({ id, ...c }: { id: string; number: string }) => [c.number, c]));
    const unanswered = { status: 'ended', hangupBy: 'system', answered: false, abandoned: false, agent: null, offeredTo: null, talkSec: 0, disposition: null, ended: true };
    expect(byNumber).toEqual({
      busy: { ...unanswered, number: 'busy', to: '+8613900000486', failure: { cause: 'busy', sipStatus: 486 }, outcome: 'busy' },
      empty: { ...unanswered, number: 'empty', to: '+8613900000404', failure: { cause: 'emptyNumber', sipStatus: 404 }, outcome: 'failed' },
      noAnswer: { ...unanswered, number: 'noAnswer', to: '+8613900000408', failure: { cause: 'noAnswer' }, outcome: 'noAnswer' },
      answered: {
        number: 'answered', to: '+8613900000200', status: 'ended', failure: null, outcome: null, hangupBy: 'agent', answered: true, abandoned: false,
        agent: 'agent1', offeredTo: null, talkSec: expect.any(Number), disposition: 'interested', ended: true,
      },
      hangsUpDuringOffer: {
        number: 'hangsUpDuringOffer', to: '+8613900000201', status: 'ended', failure: null, outcome: null, hangupBy: 'caller', answered: true,
        abandoned: true, agent: null, offeredTo: null, talkSec: 0, disposition: null, ended: true,
      },
    });
    expect(byNumber.answered.talkSec).toBeGreaterThanOrEqual(1);

    // The task's rules: busy again in 20 min, no answer in 60, an empty number finished, the answered one by its
    // outcome, the callee who hung up before an agent took the call again after the 72-hour cool-off.
    const carrier = (key: string) => ({ kind: 'carrier', key });
    expect(r.numbers).toEqual({
      busy: { state: 'scheduled', attempts: 1, lastOutcome: carrier('busy'), retryInMin: 20 },
      empty: { state: 'done', attempts: 1, lastOutcome: carrier('emptyNumber'), retryInMin: null },
      noAnswer: { state: 'scheduled', attempts: 1, lastOutcome: carrier('noAnswer'), retryInMin: 60 },
      answered: { state: 'done', attempts: 1, lastOutcome: { kind: 'disposition', key: 'interested' }, retryInMin: null },
      hangsUpDuringOffer: { state: 'scheduled', attempts: 1, lastOutcome: carrier('abandoned'), retryInMin: 72 * 60 },
    });

    // One dial-log entry per call record, same ids and numbers; the abandoned one marked in both.
    expect(r.dialLog).toEqual(r.calls.map((c: { id: string; number: string; to: string; abandoned: boolean }) => ({ id: c.id, number: c.number, phone: c.to, abandoned: c.abandoned })));
    expect(r.tally).toEqual({
      dialled: 5, answered: 2, connected: 1, abandoned: 1, talkSec: byNumber.answered.talkSec,
      outcomes: { busy: 1, emptyNumber: 1, noAnswer: 1, interested: 1, abandoned: 1 },
    });
    // Nothing left in flight; the task still runs (its retries are due later).
    expect(r.dialerLive).toBe(0);
    expect(r.taskStatus).toBe('running');
  });
});
