import type { Page } from 'playwright-core';

export interface NewPoolSpec {
  key: string;
  labelZh: string;
  labelEn: string;
  /** Key of an owned entity. */
  entity: string;
}

export type PrincipalKind = 'user' | 'team' | 'role';
export type PoolList = 'members' | 'admins';

export interface RecycleRuleSpec {
  after: number;
  unit: 'hours' | 'days';
  when?: 'noFollowUp' | 'noDeal';
}

/** The builder's pool designer, driven through its data-testid hooks (language-independent). */
export class PoolDesignerPage {
  constructor(readonly page: Page) {}

  /** Creates a pool (as a draft) from the Pools list and waits for its editor. */
  async createPool(spec: NewPoolSpec): Promise<void> {
    const page = this.page;
    await page.getByTestId('nav-pools').click();
    await page.getByTestId('pools-page').waitFor();
    await page.getByTestId('new-pool').click();
    const dialog = page.getByTestId('new-pool-dialog');
    await dialog.getByTestId('new-pool-key').fill(spec.key);
    await dialog.getByTestId('new-pool-label-zh').fill(spec.labelZh);
    await dialog.getByTestId('new-pool-label-en').fill(spec.labelEn);
    // The objects load after the dialog opens: wait for the option before choosing it.
    const entity = dialog.getByTestId('new-pool-entity');
    await entity.locator(`option[value="${spec.entity}"]`).waitFor({ state: 'attached' });
    await entity.selectOption(spec.entity);
    await dialog.getByTestId('new-pool-create').click();
    await page.getByTestId('pool-settings').waitFor();
  }

  /** Adds a team (by key), role (by key) or person (by login) to the members or admins. */
  async addPrincipal(list: PoolList, kind: PrincipalKind, key: string): Promise<void> {
    const box = this.page.getByTestId(`pool-${list}`);
    await box.getByTestId('principal-type').selectOption(kind);
    const ref = box.getByTestId('principal-ref');
    const option = ref.locator(`option[data-key="${key}"]`);
    await option.waitFor({ state: 'attached' });
    await ref.selectOption((await option.getAttribute('value'))!);
    await box.getByTestId('principal-add').click();
  }

  async setMode(mode: 'manual' | 'auto'): Promise<void> {
    // The radio is visually hidden inside its segmented label; clicking the label is what a person does.
    await this.page.locator(`[data-testid="pool-mode"] label:has([data-testid="pool-mode-${mode}"])`).click();
  }

  async setTickets(on: boolean): Promise<void> {
    await this.page.getByTestId('pool-tickets').setChecked(on);
  }

  /** Adds a recycle rule at the end of the list and fills its timing. */
  async addRule(spec: RecycleRuleSpec): Promise<void> {
    const page = this.page;
    const rules = page.getByTestId('recycle-rule');
    const before = await rules.count();
    await page.getByTestId('add-rule').click();
    const rule = rules.nth(before);
    await rule.waitFor();
    if (spec.when) await rule.getByTestId('rule-when').selectOption(spec.when);
    await rule.getByTestId('rule-after-value').fill(String(spec.after));
    await rule.getByTestId('rule-after-unit').selectOption(spec.unit);
  }

  async setCondition(text: string): Promise<void> {
    await this.page.getByTestId('pool-condition').fill(text);
  }

  /** Waits until the draft autosave has caught up with the last edit. */
  async waitSaved(): Promise<void> {
    await this.page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
  }
}
