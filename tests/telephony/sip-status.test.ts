// What a trunk's final answer means for a call (runtime/src/carriers/sip/sip-status.ts): the one mapping that
// click-to-call and outbound tasks share.
import { describe, expect, it } from 'vitest';
import { failureOfRefusal, failureOfSipStatus } from '@telesales/runtime/carriers/sip/sip-status';

describe("a trunk's refusal as the call's failure cause", () => {
  it('the status decides when no Q.850 cause says more', () => {
    expect(failureOfSipStatus(486)).toEqual({ cause: 'busy', sipStatus: 486 });
    expect(failureOfSipStatus(600)).toEqual({ cause: 'busy', sipStatus: 600 });
    expect(failureOfSipStatus(404)).toEqual({ cause: 'emptyNumber', sipStatus: 404 });
    expect(failureOfSipStatus(484)).toEqual({ cause: 'emptyNumber', sipStatus: 484 });
    expect(failureOfSipStatus(480)).toEqual({ cause: 'switchedOff', sipStatus: 480 });
    expect(failureOfSipStatus(410)).toEqual({ cause: 'suspended', sipStatus: 410 });
    expect(failureOfSipStatus(408)).toEqual({ cause: 'noAnswer', sipStatus: 408 });
    expect(failureOfSipStatus(603)).toEqual({ cause: 'rejected', sipStatus: 603 });
    expect(failureOfSipStatus(488)).toEqual({ cause: 'noCodec', sipStatus: 488 });
    expect(failureOfSipStatus(503)).toEqual({ cause: 'failed', sipStatus: 503 });
    expect(failureOfSipStatus(0)).toEqual({ cause: 'noAnswer' });
  });

  it('a Q.850 cause in the Reason header wins over the status; an unknown one leaves it to the status', () => {
    expect(failureOfSipStatus(480, 'Q.850;cause=19;text="No answer from user"')).toEqual({ cause: 'noAnswer', sipStatus: 480 });
    expect(failureOfSipStatus(480, 'Q.850;cause=20')).toEqual({ cause: 'switchedOff', sipStatus: 480 });
    expect(failureOfSipStatus(503, 'Q.850 ; cause=1')).toEqual({ cause: 'emptyNumber', sipStatus: 503 });
    expect(failureOfSipStatus(486, 'SIP;cause=480, Q.850;cause=17')).toEqual({ cause: 'busy', sipStatus: 486 });
    expect(failureOfSipStatus(410, 'Q.850;cause=127')).toEqual({ cause: 'suspended', sipStatus: 410 });
    expect(failureOfSipStatus(486, 'SIP;cause=200;text="Call completed elsewhere"')).toEqual({ cause: 'busy', sipStatus: 486 });
  });

  it('a dial the endpoint cancelled after its ring time is no answer, whatever the 487 says', () => {
    expect(failureOfRefusal(Object.assign(new Error('refused: 487'), { status: 487, timedOut: true }))).toEqual({ cause: 'noAnswer' });
    expect(failureOfRefusal(Object.assign(new Error('refused: 486'), { status: 486, reason: 'Q.850;cause=17', timedOut: false }))).toEqual({ cause: 'busy', sipStatus: 486 });
    expect(failureOfRefusal(new Error('refused: 404'))).toEqual({ cause: 'emptyNumber', sipStatus: 404 });
    // Ended before any final answer came (the far end's network dropped it): no answer; never sent: failed.
    expect(failureOfRefusal(Object.assign(new Error('the call ended before it was answered'), { status: 0, timedOut: false }))).toEqual({ cause: 'noAnswer' });
    expect(failureOfRefusal(new Error('cannot dial sip:8613912345678@127.0.0.1'))).toEqual({ cause: 'failed' });
  });
});
