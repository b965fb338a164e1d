// Page object for the console's outbound task pages: My tasks (agents) and Outbound tasks (supervisors).
import type { Page } from 'playwright-core';

export class TasksPage {
  constructor(readonly page: Page) {}

  /** My tasks (我的任务), from the navigation. */
  async openMine(): Promise<void> {
    await this.page.getByTestId('nav-my-tasks').click();
    await this.page.getByTestId('my-tasks-title').waitFor();
  }

  /** The supervisors' tasks page, from the navigation, on one tab. */
  async openManage(tab: 'open' | 'closed' = 'open'): Promise<void> {
    await this.page.getByTestId('nav-tasks').click();
    await this.page.getByTestId(`tasks-tab-${tab}`).click();
  }

  mine(task: string) {
    return this.page.locator(`[data-testid=my-task][data-task="${task}"]`);
  }

  row(task: string) {
    return this.page.locator(`[data-testid=task-row][data-task="${task}"]`);
  }

  /** Joins (one click) and waits until the page says so. */
  async join(task: string): Promise<void> {
    await this.mine(task).getByTestId('task-join').click();
    await this.page.locator(`[data-testid=my-task][data-task="${task}"][data-joined=true]`).waitFor();
  }

  /** Workspace admins: a task's "Import list" opens the import wizard for that task's list. */
  async openListImport(task: string): Promise<void> {
    await this.row(task).getByTestId('task-import').click();
    await this.page.getByTestId('import-file').waitFor();
  }

  /** The do-not-call list, from the supervisors' tasks page. */
  async openDnc(): Promise<void> {
    await this.page.getByTestId('tasks-dnc').click();
    await this.page.getByTestId('dnc-title').waitFor();
  }

  /** The figure cells of a task on the supervisors' page, by test id suffix. */
  async figure(task: string, name: string): Promise<string> {
    return ((await this.row(task).getByTestId(`fig-${name}`).textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }
}
