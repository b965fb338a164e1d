import type { Page } from 'playwright-core';

/** What addField() fills in: the add-field dialog first, then the validation part of the side panel. */
export interface NewFieldSpec {
  key: string;
  labelZh: string;
  labelEn: string;
  /** One of the contract's 19 field types (text, longtext, integer, ..., attachment). */
  type: string;
  required?: boolean;
  pattern?: string;
  patternMessageEn?: string;
  patternMessageZh?: string;
  /** Section key; the dialog preselects the first section when omitted. */
  section?: string;
}

/** What createUser() fills in on the People page. */
export interface NewUserSpec {
  login: string;
  name: string;
  password: string;
  /** Role key (a published role). */
  role: string;
  /** Team key; no team when omitted. */
  team?: string;
  locale?: 'zh' | 'en';
}

/** The matrix columns of the role editor. */
export type RolePermission = 'read' | 'create' | 'update' | 'delete' | 'export' | 'unmask';

export interface VersionRow {
  version: number;
  message: string;
  by: string;
  /** ISO-8601 publish time. */
  at: string;
}

/**
 * The builder app (/builder/) driven through its data-testid hooks, so it works whichever UI language
 * the browser starts in.
 */
export class BuilderPage {
  constructor(readonly page: Page) {}

  async login(baseUrl: string, login: string, password: string): Promise<void> {
    await this.page.goto(new URL('/builder/', baseUrl).toString());
    await this.page.getByTestId('login-name').fill(login);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
    await this.page.getByTestId('nav-entities').waitFor();
  }

  async openEntity(key: string): Promise<void> {
    await this.page.getByTestId('nav-entities').click();
    await this.page.getByTestId(`open-entity-${key}`).click();
    await this.page.getByTestId('field-list').waitFor();
  }

  async addField(spec: NewFieldSpec): Promise<void> {
    const page = this.page;
    await page.getByTestId('add-field').click();
    const dialog = page.getByTestId('add-field-dialog');
    await dialog.getByTestId(`type-${spec.type}`).click();
    await dialog.getByTestId('new-field-label-zh').fill(spec.labelZh);
    await dialog.getByTestId('new-field-label-en').fill(spec.labelEn);
    // After the labels: typing the English label suggests a key, which this overwrites.
    await dialog.getByTestId('new-field-key').fill(spec.key);
    if (spec.section !== undefined) await dialog.getByTestId('new-field-section').selectOption(spec.section);
    await dialog.getByTestId('new-field-required').setChecked(spec.required ?? false);
    await dialog.getByTestId('new-field-add').click();
    await dialog.waitFor({ state: 'detached' });

    const panel = page.locator(`[data-testid="field-panel"][data-key="${spec.key}"]`);
    await panel.waitFor();
    if (spec.pattern !== undefined) await panel.getByTestId('field-pattern').fill(spec.pattern);
    if (spec.patternMessageZh !== undefined) await panel.getByTestId('field-patternMessage-zh').fill(spec.patternMessageZh);
    if (spec.patternMessageEn !== undefined) await panel.getByTestId('field-patternMessage-en').fill(spec.patternMessageEn);
    await this.waitSaved();
  }

  /** Publishes the draft and waits until the new version is in the version list; returns its number. */
  async publish(message: string): Promise<number> {
    const page = this.page;
    await page.getByTestId('publish').click();
    const dialog = page.getByTestId('publish-dialog');
    await dialog.getByTestId('publish-message').fill(message);
    await dialog.getByTestId('publish-confirm').click();
    const done = page.getByTestId('publish-success').or(dialog.getByTestId('publish-error'));
    await done.first().waitFor();
    if (await dialog.getByTestId('publish-error').isVisible()) {
      throw new Error(`publish refused: ${await dialog.getByTestId('publish-error').innerText()}`);
    }
    const version = Number(await page.getByTestId('publish-success').getAttribute('data-version'));
    await page.getByTestId('tab-versions').click();
    await page.locator(`[data-testid="version-row"][data-version="${version}"]`).waitFor();
    return version;
  }

  /** The version list of the open entity, newest first. */
  async versions(): Promise<VersionRow[]> {
    const page = this.page;
    if (!(await page.getByTestId('version-table').isVisible())) {
      await page.getByTestId('tab-versions').click();
      await page.getByTestId('version-table').or(page.getByTestId('versions-empty')).first().waitFor();
    }
    const rows = page.getByTestId('version-row');
    const out: VersionRow[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      out.push({
        version: Number(await row.getAttribute('data-version')),
        message: (await row.getByTestId('version-message').innerText()).trim(),
        by: (await row.getByTestId('version-by').innerText()).trim(),
        at: (await row.getByTestId('version-at').getAttribute('data-iso')) ?? '',
      });
    }
    return out;
  }

  /** Waits until the draft autosave has caught up with the last edit. */
  async waitSaved(): Promise<void> {
    await this.page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
  }

  /** Creates a role (as a draft) from the Roles list and waits for its editor. */
  async createRole(key: string, labelZh: string, labelEn: string): Promise<void> {
    const page = this.page;
    await page.getByTestId('nav-roles').click();
    await page.getByTestId('new-role').click();
    const dialog = page.getByTestId('new-role-dialog');
    await dialog.getByTestId('new-role-key').fill(key);
    await dialog.getByTestId('new-role-label-zh').fill(labelZh);
    await dialog.getByTestId('new-role-label-en').fill(labelEn);
    await dialog.getByTestId('new-role-create').click();
    await page.getByTestId('permission-matrix').waitFor();
  }

  async openRole(key: string): Promise<void> {
    await this.page.getByTestId('nav-roles').click();
    await this.page.getByTestId(`open-role-${key}`).click();
    await this.page.getByTestId('permission-matrix').waitFor();
  }

  /** Sets one box of the open role's matrix ("*" = the default row) and waits for the autosave. */
  async setPermission(entity: string, permission: RolePermission, on: boolean): Promise<void> {
    await this.page.getByTestId(`perm-${entity}-${permission}`).setChecked(on);
    await this.waitSaved();
  }

  /** Creates a user on the People page; resolves once the user is in the table. */
  async createUser(spec: NewUserSpec): Promise<void> {
    const page = this.page;
    await page.getByTestId('nav-people').click();
    await page.getByTestId('new-user').click();
    const dialog = page.getByTestId('user-dialog');
    await dialog.getByTestId('user-login').fill(spec.login);
    await dialog.getByTestId('user-name').fill(spec.name);
    await dialog.getByTestId('user-password').fill(spec.password);
    await dialog.getByTestId('user-role').selectOption(spec.role);
    if (spec.team !== undefined) {
      const select = dialog.getByTestId('user-team');
      const id = await select.locator(`option[data-key="${spec.team}"]`).getAttribute('value');
      if (!id) throw new Error(`no team "${spec.team}"`);
      await select.selectOption(id);
    }
    if (spec.locale !== undefined) await dialog.getByTestId('user-locale').selectOption(spec.locale);
    await dialog.getByTestId('user-save').click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator(`[data-testid="user-row"][data-login="${spec.login}"]`).waitFor();
  }
}
