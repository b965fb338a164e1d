import { describe, expect, it } from 'vitest';
import { SkillGroupsPage } from './pages/skill-groups-page.js';
import { pageApi } from './support/page-api.js';
import { useAdminInBuilder } from './support/session.js';

/**
 * Skill groups decide whom an inbound call rings; the admin manages them in the builder, not through the
 * API: creates one with two members, renames it in Chinese, and is told why a group a published flow
 * queues to cannot be deleted, while an unused one can.
 */
describe('skill groups in the builder', () => {
  const session = useAdminInBuilder();
  const groups = () => pageApi<{ key: string; name: { zh: string; en: string }; members: string[] }[]>(session.page, 'GET', '/api/skill-groups');
  const userIds = async () => Object.fromEntries((await pageApi<{ login: string; id: string }[]>(session.page, 'GET', '/api/users')).body.map((u) => [u.login, u.id]));

  it('the admin creates a group with two members, and the API lists it', async () => {
    const page = new SkillGroupsPage(session.page);
    await page.open();
    await page.create({ key: 'vip', nameZh: '贵宾组', nameEn: 'VIP', members: ['agent1', 'agent2'] });
    const ids = await userIds();
    expect((await groups()).body.find((g) => g.key === 'vip')).toMatchObject({ name: { zh: '贵宾组', en: 'VIP' }, members: [ids.agent1, ids.agent2] });
    // the table names the members, not their ids
    expect(await page.row('vip').getByTestId('skill-group-member').allInnerTexts()).toEqual([expect.stringContaining('李娜 Li Na'), expect.stringContaining('张伟 Zhang Wei')]);
  });

  it('the admin edits its Chinese name', async () => {
    const page = new SkillGroupsPage(session.page);
    await page.renameZh('vip', '白金贵宾组');
    expect((await groups()).body.find((g) => g.key === 'vip')?.name).toEqual({ zh: '白金贵宾组', en: 'VIP' });
  });

  it('a group the published inbound flow queues to is refused deletion with the reason; an unused one is deleted', async () => {
    const page = new SkillGroupsPage(session.page);
    expect(await page.delete('sales')).toMatch(/inbound/);
    expect((await groups()).body.map((g) => g.key)).toContain('sales');
    expect(await page.delete('vip')).toBeNull();
    await page.row('vip').waitFor({ state: 'detached' });
    expect((await groups()).body.map((g) => g.key)).not.toContain('vip');
  });
});
