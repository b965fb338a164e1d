import type { Page } from 'playwright-core';

export interface SkillGroupSpec {
  key: string;
  nameZh: string;
  nameEn: string;
  /** Member logins. */
  members: string[];
}

/** The builder's skill-groups page (#/skill-groups), driven through its data-testid hooks. */
export class SkillGroupsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-skillGroups').click();
    await this.page.getByTestId('skill-groups-page').waitFor();
    await this.page.getByTestId('new-skill-group').and(this.page.locator(':enabled')).waitFor();
  }

  async create(spec: SkillGroupSpec): Promise<void> {
    await this.page.getByTestId('new-skill-group').click();
    const dialog = this.page.getByTestId('skill-group-dialog');
    await dialog.getByTestId('skill-group-key').fill(spec.key);
    await dialog.getByTestId('skill-group-name-zh').fill(spec.nameZh);
    await dialog.getByTestId('skill-group-name-en').fill(spec.nameEn);
    for (const login of spec.members) await dialog.getByTestId(`member-${login}`).check();
    await this.save();
  }

  async renameZh(key: string, nameZh: string): Promise<void> {
    await this.page.getByTestId(`edit-skill-group-${key}`).click();
    await this.page.getByTestId('skill-group-dialog').getByTestId('skill-group-name-zh').fill(nameZh);
    await this.save();
  }

  /** Asks to delete the group; returns the refusal shown in the dialog, or null once it is gone. */
  async delete(key: string): Promise<string | null> {
    await this.page.getByTestId(`delete-skill-group-${key}`).click();
    const dialog = this.page.getByTestId('delete-skill-group');
    await dialog.getByTestId('delete-skill-group-confirm').click();
    const refusal = dialog.getByRole('alert');
    const outcome = await Promise.race([
      refusal.waitFor().then(() => 'refused' as const),
      dialog.waitFor({ state: 'detached' }).then(() => 'gone' as const),
    ]);
    if (outcome === 'gone') return null;
    const text = await refusal.innerText();
    await dialog.getByRole('button', { name: /Cancel|取消/ }).click();
    return text;
  }

  row(key: string) {
    return this.page.locator(`[data-testid="skill-group-row"][data-key="${key}"]`);
  }

  private async save(): Promise<void> {
    const dialog = this.page.getByTestId('skill-group-dialog');
    await dialog.getByTestId('skill-group-save').click();
    await dialog.waitFor({ state: 'detached' });
  }
}
