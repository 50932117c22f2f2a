import { expect, test, type Page } from '@playwright/test';
import { axe, configure, login, phoneContext, portalPath, shot } from './support/portal';

/** The figure a stat shows: its value with the unit, e.g. "6 小时". */
async function figure(page: Page, label: string): Promise<string> {
  const value = page.locator('.sp-stat').filter({ hasText: label }).locator('.sp-stat__value');
  await expect(value).toContainText('小时');
  return (await value.textContent())!.trim();
}

test('limits on hours: the booking pages say what is left, and a booking past the limit is refused in words, not a red error box', async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  // Caps so small that any 2-hour visit or 1-hour slot passes them, whatever earlier runs booked.
  let homeCare: Record<string, unknown> = {};
  let spaces: Record<string, unknown> = {};
  await configure(request, 'std.home-care', (c) => {
    homeCare = c;
    return { ...c, subsidisedHoursPerMonth: 0.5 };
  });
  await configure(request, 'std.shared-spaces', (c) => {
    spaces = c;
    return { ...c, weeklyHours: 0.5 };
  });
  try {
    // The elder (80+) books a cleaning of two hours: her month's subsidised half hour cannot hold it.
    const ctx = await phoneContext(browser);
    const elder = await ctx.newPage();
    await login(elder, 'elder');
    await elder.goto(portalPath('home-care'));
    expect(await figure(elder, '本月还可使用补贴')).toMatch(/^0(\.5)?\s*小时$/);
    await elder.locator('.sp-chips label').nth(1).click();
    await elder.getByRole('radio', { name: '打扫卫生' }).click();
    await elder.getByRole('radio', { name: /上午/ }).click();
    await elder.getByLabel('上门地址（楼栋门牌）').fill('5幢1单元201');
    await elder.getByRole('button', { name: '预约', exact: true }).click();
    const refusal = elder.getByTestId('refusal');
    await expect(refusal).toContainText('本次 2 小时将超出每月 0.5 小时上限');
    await expect(refusal).toContainText('本月补贴时长已用');
    await expect(elder.locator('.sp-failure')).toHaveCount(0);
    await shot(elder, 'hours-0-home-care-refused');
    expect(await axe(elder)).toEqual([]);
    await ctx.close();

    // A resident books a one-hour room slot: her household's half hour this week cannot hold it.
    const ctx2 = await phoneContext(browser);
    const resident = await ctx2.newPage();
    await login(resident, 'resident');
    await resident.goto(portalPath('spaces'));
    expect(await figure(resident, '本周还可预约')).toMatch(/^0(\.5)?\s*小时$/);
    await resident.getByRole('radio', { name: '篮球场' }).click();
    await resident.locator('.sp-chips label').nth(1).click();
    await resident.locator('label.sp-option:not(.is-full)').first().click();
    await resident.getByRole('button', { name: '预约', exact: true }).click();
    const words = resident.getByTestId('refusal');
    await expect(words).toContainText('本次 1 小时将超出每户每周 0.5 小时上限');
    await expect(resident.locator('.sp-failure')).toHaveCount(0);
    await shot(resident, 'hours-1-spaces-refused');
    expect(await axe(resident)).toEqual([]);

    // With hours to spare the figure says how many are left.
    await configure(request, 'std.shared-spaces', (c) => ({ ...c, weeklyHours: 6 }));
    await resident.reload();
    const left = await figure(resident, '本周还可预约');
    expect(Number(left.replace(/[^\d.]/g, ''))).toBeGreaterThan(0);
    await shot(resident, 'hours-2-spaces-left');
    await ctx2.close();
  } finally {
    await configure(request, 'std.home-care', () => homeCare);
    await configure(request, 'std.shared-spaces', () => spaces);
  }
});
