import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {} from '@telesales/runtime/outbound/plugin';
import { simulatedCarrierOf } from '@telesales/runtime/carriers/simulated/simulated-carrier';
import type { ConsolePage } from './pages/console-page.js';
import { ImportPage } from './pages/import-page.js';
import { TasksPage } from './pages/tasks-page.js';
import { useOpenHoursClock } from './support/open-hours.js';
import { useSession } from './support/session.js';

const TASK = 'renewal'; // the insurance template's renewal-reminder task (templates/insurance/campaigns/renewal.json)
const CALL_TIMEOUT = 30_000;
const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp/outbound-shots';

/**
 * An outbound task worked end to end in Chromium: the admin imports the task's list through the console's import
 * wizard (one bad row: reported with its reason, the good rows in) and adds a number to the do-not-call list, the
 * supervisor starts the task; agent 1 joins with one click and gets an answered call with the number's card and the script with its
 * fields filled; gives it a callback; converts the next number into a customer; the supervisor sees the live figures
 * and pauses the task. Screenshots of both pages in zh and en.
 */
describe('outbound task: join, answered call with card and script, callback, convert, supervisor pauses', () => {
  const session = useSession({
    afterStart: (product) => {
      useOpenHoursClock(product);
      // every dial answered after a second, long talks (the agent hangs up)
      simulatedCarrierOf(product.app.calls)!.setProfile(TASK, { answerRate: 1, ringSec: { min: 1, max: 1 }, talkSec: { mean: 3600 }, seed: 3 });
    },
  });
  let admin: ConsolePage;
  let agent: ConsolePage;
  let lead: ConsolePage;

  it('the admin imports the list through the console: the good rows go in, the bad one is in the report with its reason', async () => {
    admin = await session.consoleAs('admin', 'admin123');
    const manage = new TasksPage(admin.page);
    await manage.openManage();
    await manage.openListImport(TASK);
    const wizard = new ImportPage(admin.page);
    await expect.poll(() => admin.page.getByTestId('import-title').textContent()).toContain('Renewal'); // the task's label, not its key
    const csv = '电话,姓名,性别,客户等级,年缴保费\n19900005923,林明,female,a,12000\n19900000095,朱洋,male,a,4800\n19900004948,徐静,male,a,4800\n12345,错号,male,a,100\n';
    const file = join(mkdtempSync(join(tmpdir(), 'list-')), 'renewal-list.csv');
    writeFileSync(file, csv);
    await wizard.upload(file);
    expect(await wizard.error()).toBeNull();
    // the upload's suggestion: each file column onto the task's list column of that name
    expect(await wizard.mapping()).toMatchObject({ 电话: '电话', 姓名: '姓名' });
    await wizard.toPreview();
    const rows = await wizard.previewRows();
    expect(rows.filter((r) => r.flagged).map((r) => r.row)).toEqual([5]);
    expect(rows.find((r) => r.row === 5)!.issues).toContain('Invalid number');
    await wizard.start();
    const summary = await wizard.summary();
    expect(summary).toMatchObject({ status: 'Import finished', counts: { inserted: 3, rejected: 1 } });
    const report = await wizard.fetchText(summary.reportHref!);
    expect(report.status).toBe(200);
    expect(report.text).toMatch(/^.*\n5,电话,.*Invalid number/m);
    // The rejected rows on the page, with their reasons in the reader's language (the download has them all).
    expect(await wizard.rejectedRows()).toEqual([{ row: 5, reason: expect.stringMatching(/^Invalid number/) }]);
    await admin.page.screenshot({ path: `${SHOTS}/list-import-en.png`, fullPage: true });
    await admin.setLanguage('zh');
    expect(await admin.page.getByTestId('count-inserted').textContent()).toBe('3');
    await expect.poll(async () => (await wizard.rejectedRows())[0]?.reason).toMatch(/^号码无效/);
    await admin.page.screenshot({ path: `${SHOTS}/list-import-zh.png`, fullPage: true });
    await admin.setLanguage('en');
  });

  it('the admin puts a number on the do-not-call list; the supervisor starts the task', async () => {
    const manage = new TasksPage(admin.page);
    await manage.openManage();
    await manage.openDnc();
    await admin.page.getByTestId('dnc-phone').fill('19900007777');
    await admin.page.getByTestId('dnc-add').click();
    await admin.page.getByTestId('dnc-note').waitFor();
    // the list reloads after the note: the new row, whole (the admin may unmask)
    await admin.page.locator('[data-testid=dnc-number]', { hasText: '+8619900007777' }).waitFor();
    await admin.page.screenshot({ path: `${SHOTS}/dnc-en.png`, fullPage: true });
    await admin.setLanguage('zh');
    await admin.page.screenshot({ path: `${SHOTS}/dnc-zh.png`, fullPage: true });
    await admin.setLanguage('en');

    lead = await session.consoleAs('lead', 'lead123');
    const tasks = new TasksPage(lead.page);
    await tasks.openManage();
    await tasks.row(TASK).getByTestId('task-start').click();
    await lead.page.locator(`[data-testid=task-row][data-task=${TASK}][data-status=running]`).waitFor();
  });

  it('agent 1 joins with one click; an answered call rings with the number\'s card and the filled script; a callback', async () => {
    agent = await session.consoleAs('agent1', 'agent123');
    const tasks = new TasksPage(agent.page);
    await tasks.openMine();
    await tasks.join(TASK);
    await agent.waitForPhone();
    await agent.setAgentState('ready');

    const panel = agent.page.locator('[data-testid=call-panel][data-status=ringing]');
    await panel.waitFor({ timeout: CALL_TIMEOUT });
    const pop = agent.page.getByTestId('task-pop');
    await pop.getByTestId('task-script').waitFor();
    const script = (await pop.getByTestId('task-script').textContent()) ?? '';
    // {{name}} and {{agent}} filled; no raw braces reach the agent
    expect(script).toMatch(/Hello, am I speaking with (林明|朱洋|徐静)\?/);
    expect(script).not.toContain('{{');
    expect(await pop.getByTestId('number-phone').textContent()).toContain('*');
    // A choice column reads as its option's label under its field's label, not as the stored key.
    const gender = pop.locator('[data-testid=number-value][data-column=性别]');
    await expect.poll(() => gender.textContent(), { timeout: 10_000 }).toMatch(/Gender\s*(Male|Female)/);
    expect(await pop.locator('[data-testid=number-value][data-column=客户等级]').textContent()).toContain('A key');
    await agent.page.screenshot({ path: `${SHOTS}/agent-call-en.png` });
    await agent.answerCall();
    await agent.hangUp();
    expect(await agent.dispositionKeys()).toEqual(expect.arrayContaining(['callback', 'interested']));
    expect(await agent.dispositionKeys()).not.toContain('switched_off'); // not offered by the task
    await agent.dispose('callback', { contactAt: '2030-01-02T10:00' });
  });

  it('the next answered call: agent 1 converts its number into a customer', async () => {
    const panel = agent.page.locator('[data-testid=call-panel][data-status=ringing]');
    await panel.waitFor({ timeout: 60_000 });
    await agent.answerCall();
    await agent.page.getByTestId('convert-number').click();
    await agent.page.getByTestId('converted-link').waitFor();
    await agent.setLanguage('zh');
    await expect.poll(() => agent.page.locator('[data-testid=number-value][data-column=性别]').textContent()).toMatch(/性别\s*(男|女)/);
    await agent.page.screenshot({ path: `${SHOTS}/agent-call-zh.png` });
    await agent.setLanguage('en');
    await agent.hangUp();
    await agent.dispose('interested');
    const dialled = new TasksPage(agent.page);
    await dialled.mine(TASK).getByTestId('task-dialled-toggle').click();
    await agent.page.getByTestId('dialled-row').first().waitFor();
    expect(await agent.page.getByTestId('dialled-row').count()).toBeGreaterThanOrEqual(2);
    expect((await agent.page.getByTestId('dialled-numbers').textContent()) ?? '').not.toMatch(/19900005923|19900000095|19900004948/);
    // My tasks: my own figures, never the supervisor's
    await expect.poll(() => dialled.mine(TASK).getByTestId('task-mine').textContent(), { timeout: 10_000 }).toMatch(/^Today: 2 calls taken/);
    expect(await dialled.mine(TASK).getByTestId('task-figures').count()).toBe(0);
    await agent.page.screenshot({ path: `${SHOTS}/my-tasks-en.png`, fullPage: true });
  });

  it('the supervisor sees the live figures and pauses the task', async () => {
    const tasks = new TasksPage(lead.page);
    await lead.page.waitForFunction((task) => {
      const cell = document.querySelector(`[data-testid=task-row][data-task=${task}] [data-testid=fig-answered]`);
      return !!cell && !cell.textContent?.startsWith('—');
    }, TASK, { timeout: 10_000 });
    // the page polls every 3 s: a snapshot may fall between a dial and its answer (1 s later)
    await expect.poll(() => tasks.figure(TASK, 'answered'), { timeout: 10_000 }).toMatch(/^100%/);
    expect(await tasks.figure(TASK, 'outcomes')).toContain('Call back 1');
    // The pacing's last reason says how old it is, so it cannot pass for a description of the figures beside it.
    expect(await tasks.row(TASK).getByTestId('fig-reason-age').textContent()).toMatch(/^\d+ (s|min) ago$/);
    await lead.page.screenshot({ path: `${SHOTS}/supervisor-en.png`, fullPage: true });
    await lead.setLanguage('zh');
    await lead.page.screenshot({ path: `${SHOTS}/supervisor-zh.png`, fullPage: true });
    await lead.setLanguage('en');
    await tasks.row(TASK).getByTestId('task-pause').click();
    await lead.page.locator(`[data-testid=task-row][data-task=${TASK}][data-status=paused]`).waitFor();
    await tasks.row(TASK).getByTestId('task-compliance').click();
    const report = lead.page.getByTestId('compliance-dialog');
    await report.getByTestId('check-doNotCall').waitFor();
    for (const check of ['outsideWindow', 'overLimit', 'doNotCall', 'abandonRedial']) {
      expect(await report.getByTestId(`check-${check}`).getByTestId('check-count').textContent()).toBe('0');
    }
  });
});
