import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallJson } from '@telesales/schemas';
import type {} from '@telesales/runtime/calls/plugin';
import type { ConsolePage } from './pages/console-page.js';
import { useSession } from './support/session.js';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';

/** A valid Chinese mobile number no demo customer has. */
const NUMBER = '13912345678';
const CALL_TIMEOUT = 30_000;

interface TypedDial {
  user: { login: string };
  number: string | null;
  outcome: 'placed' | 'refused';
  callId: string | null;
}

/**
 * The phone bar's dial pad: a supervisor (whose role has dialNumbers) opens it, a wrong number is refused with the
 * server's reason, then a number pasted with its punctuation is called with Enter; the call takes the usual path
 * (calling, talking, hang up, outcome) and is in the typed-dials log. An agent, who may only call records, has no pad.
 */
describe('the dial pad in the phone bar', () => {
  const session = useSession();
  let lead: ConsolePage;
  let callId = '';

  it('an agent who may only call records has no dial pad', async () => {
    const agent = await session.consoleAs('agent1', 'agent123');
    await agent.waitForPhone();
    await agent.page.getByTestId('mic-toggle').waitFor();
    expect(await agent.page.getByTestId('dial-pad-toggle').count()).toBe(0);
  }, 60_000);

  it('a supervisor opens the pad; a number keyed in that is no number of the country is refused, saying why', async () => {
    lead = await session.consoleAs('lead', 'lead123');
    await lead.waitForPhone();
    await lead.page.getByTestId('dial-pad-toggle').click();
    const pad = lead.page.getByTestId('dial-pad');
    await pad.waitFor();
    // the text box has the focus: the keyboard types into it
    expect(await pad.getByTestId('dial-pad-number').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await pad.getByTestId('dial-pad-call').isDisabled()).toBe(true);
    for (const key of ['1', '2', '3', '4', '5', '6']) await pad.getByTestId(`dial-pad-key-${key}`).click();
    await pad.getByTestId('dial-pad-backspace').click();
    expect(await pad.getByTestId('dial-pad-number').inputValue()).toBe('12345');
    await pad.getByTestId('dial-pad-call').click();
    const error = pad.getByTestId('dial-pad-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Invalid number: not a number that can be dialled in CN/);
    // nothing was placed
    expect(await lead.page.locator('[data-testid=call-panel]').count()).toBe(0);
  });

  it('a number pasted with its punctuation is called with Enter, like click-to-call', async () => {
    simulatedCarrierOf(session.product.app.calls)!.script(NUMBER, { outcome: 'answer', ringSec: 1, talkSec: 600 });
    const box = lead.page.getByTestId('dial-pad-number');
    await box.fill('');
    // a real paste (Ctrl+V from the clipboard): the box keeps what a number is made of
    await lead.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.product.baseUrl });
    await lead.page.evaluate((text) => navigator.clipboard.writeText(text), 'Tel: +86 139-1234-5678');
    await box.focus();
    await lead.page.keyboard.press('Control+V');
    expect(await box.inputValue()).toBe('+86 139-1234-5678');
    await lead.page.keyboard.press('Enter');
    // the pad closes and the call shows at once as calling
    const panel = lead.page.locator('[data-testid=call-panel][data-direction=out]');
    await panel.waitFor({ timeout: CALL_TIMEOUT });
    await lead.page.getByTestId('dial-pad').waitFor({ state: 'detached' });
    callId = (await panel.getAttribute('data-call')) ?? '';
    // the supervisor may not unmask phones: the panel shows the number as their role sees numbers
    expect(await lead.page.getByTestId('call-party').textContent()).toBe('*******5678');
    await lead.waitForTalking();
    const call = await lead.api<CallJson>('GET', `/api/calls/${callId}`);
    expect(call.body).toMatchObject({ direction: 'out', status: 'talking', agentName: expect.any(String), customer: null });
  }, 60_000);

  it('while a call is up, the pad says to finish it first and does not call', async () => {
    await lead.page.getByTestId('dial-pad-toggle').click();
    const pad = lead.page.getByTestId('dial-pad');
    await pad.getByTestId('dial-pad-number').fill('13700001111');
    expect(await pad.getByTestId('dial-pad-call').isDisabled()).toBe(true);
    expect(await pad.getByTestId('dial-pad-hint').textContent()).toBe('Finish the current call first');
    await lead.page.keyboard.press('Escape');
    await pad.waitFor({ state: 'detached' });
  });

  it('hang up and give the outcome; the call is in the typed-dials log with who dialled it', async () => {
    await lead.hangUp();
    await lead.dispose('interested');
    const admin = await session.consoleAs('admin', 'admin123');
    const log = await admin.api<{ items: TypedDial[] }>('GET', '/api/calls/typed-dials');
    expect(log.body.items[0]).toMatchObject({ user: { login: 'lead' }, number: `+86${NUMBER}`, outcome: 'placed', callId });
  }, 60_000);

  it('in Chinese the pad speaks Chinese', async () => {
    await lead.setLanguage('zh');
    await lead.page.getByTestId('dial-pad-toggle').click();
    const pad = lead.page.getByTestId('dial-pad');
    expect(await lead.page.getByTestId('dial-pad-toggle').textContent()).toBe('拨号盘');
    expect(await pad.getByTestId('dial-pad-call').textContent()).toContain('呼叫');
    expect(await pad.getByTestId('dial-pad-number').getAttribute('placeholder')).toBe('输入或粘贴号码');
    // SHOTS=<dir> keeps a picture of the open pad
    if (process.env.SHOTS) await lead.page.screenshot({ path: join(process.env.SHOTS, 'dial-pad-zh.png'), clip: { x: 200, y: 0, width: 1166, height: 420 } });
  });
});
