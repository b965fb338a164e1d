import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallJson, RecordJson } from '@telesales/schemas';
import type {} from '@telesales/runtime/calls/plugin';
import { ConsolePage } from './pages/console-page.js';
import { useOpenHoursClock } from './support/open-hours.js';
import { useSession } from './support/session.js';

/** The template's inbound flow answers this entry number (templates/insurance/flows/inbound.json). */
const ENTRY_NUMBER = '4008001234';

/** SHOTS=<dir> also saves screenshots of the workbench (its figures) and the help panel in each language. */
async function shot(agent: ConsolePage, testid: string, name: string) {
  if (process.env.SHOTS) await agent.page.getByTestId(testid).screenshot({ path: join(process.env.SHOTS, `${name}.png`) });
}

/**
 * An agent's day from the keyboard: `?` lists the phone's shortcuts; Alt+R makes the agent ready; a simulated
 * caller rings; Alt+A answers and Alt+H hangs up; the workbench's figures for today count the answered call.
 */
describe('the phone from the keyboard, and today\'s figures on the workbench', () => {
  let agent: ConsolePage;
  const session = useSession({ afterStart: useOpenHoursClock });

  it('the workbench shows today\'s four figures, none yet', async () => {
    agent = await session.consoleAs('agent1', 'agent123');
    await agent.openWorkbench();
    const figures = agent.page.getByTestId('today-figures');
    await figures.getByTestId('today-empty').waitFor();
    expect(await figures.locator('dt').allTextContents()).toEqual(['Outbound calls', 'Connected', 'Inbound answered', 'Talk time']);
    expect(await figures.locator('dd').allTextContents()).toEqual(['0', '0', '0', '0:00']);
  }, 60_000);

  it('? opens the help panel listing the shortcuts; Escape closes it', async () => {
    await agent.page.getByTestId('workbench').click();
    await agent.page.keyboard.press('Shift+Slash');
    const help = agent.page.getByTestId('shortcuts-help');
    await help.waitFor();
    const rows = (await help.locator('tr').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual([
      expect.stringMatching(/^Alt\+A ?Answer/),
      expect.stringMatching(/^Alt\+H ?Hang up/),
      expect.stringMatching(/^Alt\+O ?Hold/),
      expect.stringMatching(/^Alt\+M ?Mute/),
      expect.stringMatching(/^Alt\+R ?Ready/),
      expect.stringMatching(/^\? ?Show this list/),
    ]);
    await shot(agent, 'shortcuts-help', 'shortcuts-help-en');
    await agent.page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
  });

  it('? in a text field is a question mark, not the help panel', async () => {
    await agent.page.getByTestId('nav-customer').click();
    const search = agent.page.getByTestId('quick-search');
    await search.click();
    await agent.page.keyboard.press('Shift+Slash');
    expect(await search.inputValue()).toContain('?');
    expect(await agent.page.getByTestId('shortcuts-help').isVisible()).toBe(false);
    await search.fill('');
  });

  it('Alt+R makes the agent ready; a caller rings; Alt+A answers; Alt+H hangs up', async () => {
    await agent.waitForPhone();
    const state = agent.page.getByTestId('agent-state');
    const readyKey = await state.locator('option[data-kind="ready"]').first().getAttribute('value');
    await agent.page.keyboard.press('Alt+KeyR');
    await agent.page.locator(`[data-testid=agent-state][data-state="${readyKey}"]`).waitFor();

    const admin = await session.consoleAs('admin', 'admin123');
    const all = await admin.api<{ items: RecordJson[] }>('POST', '/api/records/customer/query', { pageSize: 200 });
    const agentId = (await agent.api<{ user: { id: string } }>('GET', '/api/auth/me')).body.user.id;
    const caller = all.body.items.find((r) => r.ownerId === agentId && typeof r.values.phone === 'string')!;
    const started = await admin.api<CallJson>('POST', '/api/calls/simulate-inbound', {
      from: String(caller.values.phone), to: ENTRY_NUMBER, digits: [{ afterMs: 300, digits: '1' }],
    });
    expect(started.status).toBe(201);
    const ringing = await agent.waitForRinging(60_000);
    expect(ringing.callId).toBe(started.body.id);

    await agent.page.keyboard.press('Alt+KeyA');
    await agent.page.locator('[data-testid=call-panel][data-status=talking]').waitFor({ timeout: 30_000 });
    // Alt+O holds and resumes, Alt+M mutes: the buttons say so. A key pressed while the phone still waits for the
    // server's answer to the last action is taken and ignored, as the disabled button would be: press when it is free.
    const press = async (key: string) => {
      await agent.page.locator('[data-testid=call-hold]:not([disabled])').waitFor();
      await agent.page.keyboard.press(key);
    };
    await press('Alt+KeyO');
    await agent.page.locator('[data-testid=call-hold][aria-pressed=true]').waitFor();
    await press('Alt+KeyO');
    await agent.page.locator('[data-testid=call-hold][aria-pressed=false]').waitFor();
    await press('Alt+KeyM');
    await agent.page.locator('[data-testid=call-mute][aria-pressed=true]').waitFor();
    await press('Alt+KeyH');
    await agent.page.getByTestId('disposition-form').waitFor({ timeout: 30_000 });
    const stored = await admin.api<CallJson>('GET', `/api/calls/${started.body.id}`);
    expect(stored.body).toMatchObject({ agentId, hangupBy: 'agent', muted: true });
    expect(stored.body.held).toBeFalsy();
    expect(stored.body.answerAt).toBeTruthy();
    await agent.dispose('interested');
  }, 120_000);

  it('the workbench counts the answered call in today\'s figures (and reads in Chinese)', async () => {
    await agent.openWorkbench();
    const figures = agent.page.getByTestId('today-figures');
    await expect.poll(() => figures.getByTestId('today-inbound').textContent(), { timeout: 10_000 }).toBe('1');
    expect(await figures.getByTestId('today-outbound').textContent()).toBe('0');
    await shot(agent, 'today-figures', 'today-figures-en');
    await agent.setLanguage('zh');
    expect(await figures.locator('dt').allTextContents()).toEqual(['外呼数', '接通数', '呼入接听', '通话时长']);
    await shot(agent, 'workbench', 'workbench-zh');
    await agent.page.getByTestId('workbench').click();
    await agent.page.keyboard.press('Shift+Slash');
    await agent.page.getByTestId('shortcuts-help').getByText('键盘快捷键').waitFor();
    await shot(agent, 'shortcuts-help', 'shortcuts-help-zh');
    await agent.page.keyboard.press('Escape');
    await agent.setLanguage('en');
  }, 60_000);
});
