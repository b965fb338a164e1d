// play, menu, gather, survey and language: prompts in the call's language, digit buffers, timeouts, retries.
import { describe, expect, it } from 'vitest';
import { drive, ev, flow, node, path, say, start } from './support.js';

const bye = node('bye', 'hangup');

describe('play', () => {
  const f = flow([node('hello', 'play', { prompt: say('Hello', '你好') }, { next: 'bye' }), bye]);

  it('plays the prompt in the call language and waits for it to finish', async () => {
    const { state, last } = await drive(f, [start()]);
    expect(last).toEqual([{ type: 'play', prompt: { text: 'Hello' }, language: 'en', bargeIn: false }]);
    expect(state.waiting).toMatchObject({ for: ['promptDone'] });
    const done = await drive(f, [ev.done(1000)], { state });
    expect(done.state).toMatchObject({ ended: true, endReason: 'completed' });
    expect(done.last).toEqual([{ type: 'hangup' }]);
    expect(path(done.state)).toEqual(['entry:next', 'hello:next']);
  });

  it('ignores keys without barge-in, moves on with it', async () => {
    const ignored = await drive(f, [start(), ev.keys('5', 100)]);
    expect(ignored.state.node).toBe('hello');
    const barge = flow([node('hello', 'play', { prompt: say('Hello'), bargeIn: true }, { next: 'bye' }), bye]);
    const cut = await drive(barge, [start(), ev.keys('5', 100)]);
    expect(cut.state.endReason).toBe('completed');
    expect(cut.state.trace.find((t) => t.node === 'hello' && t.port)?.note).toBe('barge-in');
  });

  it('prefers audio over text and falls back to the default language', async () => {
    const f2 = flow([node('hello', 'play', { prompt: { text: { en: 'Hi' }, audio: { zh: 'zh.wav' } } }, { next: 'bye' }), bye], { defaultLanguage: 'zh' });
    const { last } = await drive(f2, [start()]);
    expect(last[0]).toMatchObject({ prompt: { audio: 'zh.wav' }, language: 'zh' });
  });
});

describe('menu', () => {
  const f = flow([
    node('menu', 'menu', { prompt: say('Press 1 or 2'), retryPrompt: say('Sorry, press 1 or 2'), options: ['1', '2'], timeoutSec: 4, retries: 1 },
      { 1: 'one', 2: 'bye', noInput: 'bye', invalid: 'bye' }),
    node('one', 'hangup'), bye,
  ]);

  it('asks, then gathers one key with the timeout, and takes the port of the key', async () => {
    const a = await drive(f, [start(), ev.done(500)]);
    expect(a.last).toEqual([{ type: 'gather', minDigits: 1, maxDigits: 1, timeoutMs: 4000 }]);
    const b = await drive(f, [ev.keys('1', 900)], { state: a.state });
    expect(path(b.state)).toEqual(['entry:next', 'menu:1']);
    expect(b.state.node).toBe('one');
  });

  it('takes a key pressed while the prompt plays (first key of several)', async () => {
    const { state } = await drive(f, [start(), ev.keys('21', 200)]);
    expect(path(state)).toEqual(['entry:next', 'menu:2']);
  });

  it('re-prompts after an invalid key, then leaves by invalid when retries are used up', async () => {
    const a = await drive(f, [start(), ev.done(500), ev.keys('9', 900)]);
    expect(a.last[0]).toMatchObject({ type: 'play', prompt: { text: 'Sorry, press 1 or 2' } });
    expect(a.state.retries).toBe(1);
    const b = await drive(f, [ev.done(1500), ev.keys('7', 1800)], { state: a.state });
    expect(path(b.state)).toEqual(['entry:next', 'menu:invalid']);
  });

  it('leaves by noInput after timeouts', async () => {
    const { state } = await drive(f, [start(), ev.done(500), ev.timeout(4500), ev.done(5000), ev.timeout(9000)]);
    expect(path(state)).toEqual(['entry:next', 'menu:noInput']);
    expect(state.trace.some((t) => t.note === 'noInput, retry 1')).toBe(true);
  });

  it('ignores a timeout while the prompt still plays', async () => {
    const a = await drive(f, [start()]);
    const b = await drive(f, [ev.timeout(100)], { state: a.state });
    expect(b.state).toBe(a.state);
    expect(b.last).toEqual([]);
  });
});

describe('gather', () => {
  const f = flow([
    node('ask', 'gather', { prompt: say('Your policy number, then hash'), minDigits: 3, maxDigits: 8, finishOnKey: '#', timeoutSec: 5, retries: 1, variable: 'policy' },
      { next: 'bye', noInput: 'bye', invalid: 'bye' }),
    bye,
  ]);

  it('buffers keys over several events until the finish key', async () => {
    const { state } = await drive(f, [start(), ev.done(500), ev.keys('12', 1000), ev.keys('34', 2000), ev.keys('#', 3000)]);
    expect(state.vars.policy).toBe('1234');
    expect(path(state)).toEqual(['entry:next', 'ask:next']);
    expect(state.trace.find((t) => t.port === 'next' && t.node === 'ask')?.vars).toEqual({ policy: '1234' });
  });

  it('completes at the maximum length', async () => {
    const { state } = await drive(f, [start(), ev.done(500), ev.keys('123456789', 1000)]);
    expect(state.vars.policy).toBe('12345678');
  });

  it('a timeout completes what is long enough; too short is invalid and re-prompted', async () => {
    const ok = await drive(f, [start(), ev.done(500), ev.keys('123', 1000), ev.timeout(6000)]);
    expect(ok.state.vars.policy).toBe('123');
    const short = await drive(f, [start(), ev.done(500), ev.keys('12', 1000), ev.timeout(6000)]);
    expect(short.state.waiting?.phase).toBe('prompt');
    expect(short.state.retries).toBe(1);
    const out = await drive(f, [ev.done(6500), ev.keys('1#', 7000)], { state: short.state });
    expect(path(out.state)).toEqual(['entry:next', 'ask:invalid']);
  });

  it('starts the gather when a key cuts the prompt short', async () => {
    const { last, state } = await drive(f, [start(), ev.keys('1', 200)]);
    expect(last).toEqual([{ type: 'gather', minDigits: 3, maxDigits: 8, finishOnKey: '#', timeoutMs: 5000 }]);
    expect(state.waiting).toEqual({ for: ['digits', 'timeout'], phase: 'gather', buffer: '1' });
  });
});

describe('survey', () => {
  const f = (max: 5 | 10) => flow([node('rate', 'survey', { prompt: say('Rate us'), min: 1, max }, { next: 'bye', noInput: 'bye' }), bye]);

  it('stores the score on the call and in the variable', async () => {
    const { state, commands } = await drive(f(5), [start(), ev.done(500), ev.keys('4', 900)]);
    expect(commands).toContainEqual({ type: 'storeSurvey', variable: 'satisfaction', score: 4 });
    expect(state.vars.satisfaction).toBe(4);
    expect(path(state)).toContain('rate:next');
  });

  it('reads 0 as 10 on a ten-point scale and refuses scores out of range', async () => {
    expect((await drive(f(10), [start(), ev.done(500), ev.keys('0', 900)])).state.vars.satisfaction).toBe(10);
    const bad = await drive(f(5), [start(), ev.done(500), ev.keys('7', 900)]);
    expect(path(bad.state)).toContain('rate:noInput');
    expect(bad.commands.some((c) => c.type === 'storeSurvey')).toBe(false);
  });
});

describe('language', () => {
  const f = flow([
    node('lang', 'language', { prompt: say('For English press 2', '普通话请按 1'), options: [{ digit: '1', language: 'zh' }, { digit: '2', language: 'en' }] },
      { next: 'hello', noInput: 'hello' }),
    node('hello', 'play', { prompt: say('Hello', '你好') }, { next: 'bye' }), bye,
  ], { defaultLanguage: 'en' });

  it('switches the call language for every later prompt', async () => {
    const { state, last, commands } = await drive(f, [start(), ev.done(500), ev.keys('1', 900)]);
    expect(commands).toContainEqual({ type: 'setLanguage', language: 'zh' });
    expect(state.language).toBe('zh');
    expect(last.at(-1)).toEqual({ type: 'play', prompt: { text: '你好' }, language: 'zh', bargeIn: false });
  });

  it('keeps the language on no input', async () => {
    const { state } = await drive(f, [start(), ev.done(500), ev.timeout(5500)]);
    expect(state.language).toBe('en');
    expect(path(state)).toContain('lang:noInput');
  });
});
