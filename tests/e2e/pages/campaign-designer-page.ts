import type { Page } from 'playwright-core';

/** The builder's outbound task designer, driven through its data-testid hooks (language-independent). */
export class CampaignDesignerPage {
  constructor(readonly page: Page) {}

  /** Creates a task (as a draft) from the Outbound tasks list and waits for its designer. */
  async create(key: string, labelZh: string, labelEn: string): Promise<void> {
    const page = this.page;
    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId('campaigns-page').waitFor();
    await page.getByTestId('new-campaign').click();
    const dialog = page.getByTestId('new-campaign-dialog');
    await dialog.getByTestId('new-campaign-key').fill(key);
    await dialog.getByTestId('new-campaign-label-zh').fill(labelZh);
    await dialog.getByTestId('new-campaign-label-en').fill(labelEn);
    await dialog.getByTestId('new-campaign-create').click();
    await page.getByTestId('campaign-settings').waitFor();
  }

  async setMode(mode: 'preview' | 'progressive' | 'predictive'): Promise<void> {
    await this.page.locator(`[data-testid="campaign-dialMode"] label:has([data-testid="campaign-mode-${mode}"])`).click();
  }

  /** Adds a team (by key), role (by key) or person (by login) to the task's agents. */
  async addAgent(kind: 'user' | 'team' | 'role', key: string): Promise<void> {
    const box = this.page.getByTestId('campaign-agents');
    await box.getByTestId('principal-type').selectOption(kind);
    const ref = box.getByTestId('principal-ref');
    const option = ref.locator(`option[data-key="${key}"]`);
    await option.waitFor({ state: 'attached' });
    await ref.selectOption((await option.getAttribute('value'))!);
    await box.getByTestId('principal-add').click();
  }

  async setWindows(day: string, windows: string): Promise<void> {
    await this.page.getByTestId(`campaign-windows-${day}`).fill(windows);
  }

  /** The messages shown under one weekday's windows. */
  dayIssues(day: string) {
    return this.page.getByTestId(`campaign-day-${day}`).getByTestId('inline-issues');
  }

  /** Adds a rule at the end: when (`line:busy`, `agent:callback`) -> action, with a retry's delay and attempts. */
  async addRule(when: string, action: string, retry?: { after: number; upTo: number }): Promise<void> {
    const rules = this.page.getByTestId('campaign-rule');
    const n = await rules.count();
    await this.page.getByTestId('campaign-add-rule').click();
    const rule = rules.nth(n);
    await rule.getByTestId('campaign-rule-when').selectOption(when);
    await rule.getByTestId('campaign-rule-action').selectOption(action);
    if (retry) {
      await rule.getByTestId('campaign-rule-after').fill(String(retry.after));
      await rule.getByTestId('campaign-rule-attempts').fill(String(retry.upTo));
    }
  }

  async issueCount(): Promise<number> {
    return Number(await this.page.getByTestId('issue-summary').getAttribute('data-count'));
  }
}
