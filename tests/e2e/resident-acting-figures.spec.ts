import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { clientFor } from './support/api';
import {
  axe,
  COMMUNITY,
  configure,
  login,
  PEOPLE,
  phoneContext,
  portalPath,
  shot,
  watchErrors,
} from './support/portal';

const HOME_CARE = 'std.home-care';
const LABEL = '本月还可使用补贴';

/** The hours a stat shows, as a number ("9.5 小时" → 9.5). */
async function hours(page: Page): Promise<number> {
  const value = page.locator('.sp-stat').filter({ hasText: LABEL }).locator('.sp-stat__value');
  await expect(value).toContainText('小时');
  return Number((await value.textContent())!.replace(/[^\d.]/g, ''));
}

/** The hours left this month as the server counts them for one person, signed in as them. */
async function hoursOf(request: APIRequestContext, who: keyof typeof PEOPLE): Promise<number> {
  const api = clientFor(request);
  await api.session.login(PEOPLE[who].username, PEOPLE[who].password);
  const a = await api.records.query(COMMUNITY, HOME_CARE, 'hoursLeft', {});
  await api.session.logout();
  const slot = a.kind === 'capacity' ? a.slots[0] : undefined;
  return slot ? Math.max(0, slot.limit - slot.used) : NaN;
}

/** The elder lets the resident (her daughter) act for her; returns the undo. */
async function linkFamily(request: APIRequestContext): Promise<() => Promise<void>> {
  const api = clientFor(request);
  await api.session.login(PEOPLE.elder.username, PEOPLE.elder.password);
  const elderId = (await api.session.me())!.account.id;
  await api.session.logout();
  await api.session.login(PEOPLE.resident.username, PEOPLE.resident.password);
  for (const old of await api.family.links(COMMUNITY))
    if (old.other.accountId === elderId) await api.family.revoke(COMMUNITY, old.id);
  await api.session.logout();
  await api.session.login(PEOPLE.elder.username, PEOPLE.elder.password);
  const { code } = await api.family.invite(COMMUNITY, {
    relation: 'child',
    grant: { act: true, notify: true },
  });
  await api.session.logout();
  await api.session.login(PEOPLE.resident.username, PEOPLE.resident.password);
  const link = await api.family.accept(COMMUNITY, code, { act: false, notify: false });
  await api.session.logout();
  return async () => {
    await api.session.login(PEOPLE.resident.username, PEOPLE.resident.password);
    await api.family.revoke(COMMUNITY, link.id);
    await api.session.logout();
  };
}

test('acting for an elder: the booking page’s hours left are the elder’s, and follow the booking made for her', async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  // Room for a visit whatever earlier runs booked this month.
  let before: Record<string, unknown> = {};
  await configure(request, HOME_CARE, (c) => {
    before = c;
    return { ...c, subsidisedHoursPerMonth: 200 };
  });
  const unlink = await linkFamily(request);
  try {
    const ctx = await phoneContext(browser);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await login(page, 'resident');
    await page.goto(portalPath('home-care'));
    // Her own figure first (she is under 60 and books nothing for herself).
    expect(await hours(page)).toBe(await hoursOf(request, 'resident'));

    // She books for her mother: the figure is her mother's.
    const forWhom = page.getByTestId('for-whom');
    await forWhom.locator('label').nth(1).click();
    const mothers = await hoursOf(request, 'elder');
    await expect.poll(() => hours(page)).toBe(mothers);
    await shot(page, 'acting-1-mothers-hours');
    expect(await axe(page)).toEqual([]);

    await page.locator('.sp-chips:not(.sp-for-whom) label').nth(1).click();
    await page.getByRole('radio', { name: '送餐上门' }).click();
    await page.getByRole('radio', { name: /上午/ }).click();
    await page.getByLabel('上门地址（楼栋门牌）').fill('5幢1单元201');
    await page.getByRole('button', { name: '预约', exact: true }).click();
    await expect(page.locator('.sp-success')).toBeVisible();
    // Her mother's half hour is counted at once, on the same page (this month's, as the server's).
    const after = await hoursOf(request, 'elder');
    await expect.poll(() => hours(page)).toBe(after);

    // Back to herself: her own figure, untouched by the booking for her mother.
    await forWhom.locator('label').nth(0).click();
    await expect.poll(() => hours(page)).toBe(await hoursOf(request, 'resident'));
    expect(await hoursOf(request, 'resident')).toBe(200);
    expect(errors).toEqual([]);
    await ctx.close();
  } finally {
    await unlink();
    await configure(request, HOME_CARE, () => before);
  }
});
