import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  addDays,
  dateValueInstant,
  figuresExampleManifest,
  localDate,
  parseDate,
} from '@scene/schema';
import { clientFor } from './support/api';
import {
  axe,
  COMMUNITY,
  login,
  phoneContext,
  portalPath,
  shot,
  watchErrors,
} from './support/portal';

const plugin = figuresExampleManifest();
const ZONE = 'Asia/Shanghai';

/** The worked example goes the whole way: published, approved, installed and placed on a page. */
async function publishAndPlace(request: APIRequestContext): Promise<void> {
  const api = clientFor(request);
  await api.session.login('vendor-acme', 'demo-vendor-2025');
  await api.registry.publish(plugin);
  await api.session.logout();
  await api.session.login('admin', 'demo-admin-2025');
  await api.registry.review(plugin.id, plugin.version, 'approve');
  await api.session.logout();
  await api.session.login('op-cuiyuan', 'demo-operator-2025');
  await api.installations.install(COMMUNITY, { pluginId: plugin.id, acceptPermissions: [] });
  const draft = await api.portals.draft(COMMUNITY);
  const portal = structuredClone(draft.portal);
  portal.pages.push({
    id: 'volunteer',
    title: { 'zh-CN': '志愿服务', en: 'Volunteering' },
    blocks: [{ id: 'volunteer-card', kind: 'plugin', plugin: plugin.id, view: 'home-card' }],
  });
  const saved = await api.portals.saveDraft(COMMUNITY, portal, draft.etag);
  await api.portals.publish(COMMUNITY, { etag: saved.etag });
  await api.session.logout();
}

/**
 * Residents log shifts: six today and five on the 1st (five records is the smallest group the
 * community figures show), and five in the period before this month's (of the same length), if
 * that period holds a whole local day yet. Returns whether it does.
 */
async function logShifts(request: APIRequestContext): Promise<boolean> {
  const now = new Date();
  const today = localDate(now, ZONE);
  const monthStart = dateValueInstant({ var: 'startOfMonth' }, now, ZONE)!;
  const before = new Date(2 * monthStart.getTime() - now.getTime());
  // The first local day starting inside [before, monthStart).
  let earlier = localDate(before, ZONE);
  if (dateValueInstant(earlier, now, ZONE)! < before) earlier = addDays(parseDate(earlier)!, 1);
  const hasPrevious = dateValueInstant(earlier, now, ZONE)! < monthStart;
  const shifts = [
    ...Array.from({ length: 6 }, () => ({ date: today, kind: 'garden', hours: 2 })),
    ...Array.from({ length: 5 }, () => ({
      date: localDate(monthStart, ZONE),
      kind: 'cleanup',
      hours: 1.5,
    })),
    ...(hasPrevious
      ? Array.from({ length: 5 }, () => ({ date: earlier, kind: 'garden', hours: 1 }))
      : []),
  ];
  const api = clientFor(request);
  for (const [who, mine] of [
    ['resident-cuiyuan', shifts.slice(0, 8)],
    ['elder-cuiyuan', shifts.slice(8)],
  ] as const) {
    await api.session.login(who, 'demo-resident-2025');
    for (const input of mine) await api.records.action(COMMUNITY, plugin.id, 'log', { input });
    await api.session.logout();
  }
  return hasPrevious;
}

test('a vendor’s figures: the community’s hours with a trend, a line by day and a pie by kind; the list beside the form shows a new shift at once', async ({
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  await publishAndPlace(request);
  const hasPrevious = await logShifts(request);

  const ctx = await phoneContext(browser);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await login(page, 'resident');
  await page.goto(portalPath('volunteer'));
  await expect(page.getByRole('heading', { level: 1, name: '志愿服务' })).toBeVisible();

  // 6 × 2 h today and 5 × 1.5 h on the 1st: 19.5 hours, against 5 hours the period before.
  const stat = page.locator('.sp-stat').first();
  await expect(stat.locator('.sp-stat__value')).toHaveText('19.5 小时');
  // On the 1st of a month the period before is under a day: no whole day to log a shift on.
  if (hasPrevious) await expect(stat.locator('.sp-stat__trend')).toHaveText('↑ 较上期上升 290%');

  // A real line (a path through the days) and a real pie (two slices, by their labels).
  const line = page.locator('figure.sp-chart[data-chart="line"]');
  await expect(line.locator('path.sp-chart__line')).toHaveAttribute('d', /^M[\d. ]+/);
  const pie = page.locator('figure.sp-chart[data-chart="pie"]');
  await expect(pie.locator('path.sp-chart__slice')).toHaveCount(2);
  await expect(pie.locator('.sp-chart__legend li')).toHaveText([
    /^清洁 7\.5 38\.5%$/,
    /^绿化 12 61\.5%$/,
  ]);
  await line.scrollIntoViewIfNeeded();
  await shot(page, 'figures-0-charts');
  expect(await axe(page)).toEqual([]);

  // The form and the list of my shifts share the page: the list shows the new shift at once.
  const list = page.locator('.sp-list');
  const before = await list.locator('.sp-row').count();
  await page.getByLabel('服务日期').fill(localDate(new Date(), ZONE));
  await page.getByLabel('时长（小时）').fill('3');
  await page.getByRole('radio', { name: '助老' }).click();
  await page.getByRole('button', { name: '记录时长' }).click();
  await expect(list.locator('.sp-row')).toHaveCount(before + 1);
  await expect(list.locator('.sp-row').filter({ hasText: '助老' })).toHaveCount(1);
  // Kinds read as labels and dates as dates, never as stored.
  await expect(list).not.toContainText(/elderly|garden|cleanup|\d{4}-\d{2}-\d{2}/);
  await shot(page, 'figures-1-logged');
  expect(errors).toEqual([]);
  await ctx.close();
});
