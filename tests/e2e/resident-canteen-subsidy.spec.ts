import { expect, test } from '@playwright/test';
import {
  axe,
  configure,
  everyMealMenu,
  login,
  phoneContext,
  portalPath,
  shot,
} from './support/portal';

test('canteen subsidy: the booking page says how many subsidised meals are left this month, and a subsidised booking takes one', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  // Today's meals open whatever the hour (the cut-off at the last minute) and the day (dinner on the menu),
  // with room, 30 subsidised a month.
  await configure(request, 'std.elderly-canteen', (c) => {
    // An absent cutoffTime reads as the manifest's default 09:00, so the cut-off is set to the
    // day's last minute: the spec then passes at any hour but 23:59 in Shanghai.
    return {
      ...c,
      cutoffTime: '23:59',
      mealCapacity: { breakfast: 0, lunch: 80, dinner: 50 },
      menu: everyMealMenu(c.menu),
      subsidisedMealsPerMonth: 30,
      fullPriceBeyondCap: true,
    };
  });

  // The elder (80+, so elder mode is on) opens the booking page.
  const ctx = await phoneContext(browser);
  const page = await ctx.newPage();
  await login(page, 'elder');
  await expect(page.getByTestId('elder-toggle')).toHaveAttribute('aria-pressed', 'true');
  await page.goto(portalPath('canteen/book'));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const stat = page.locator('.sp-stat').filter({ hasText: '本月还可享受补贴' });
  await expect(stat.locator('.sp-stat__value')).toContainText('餐');
  const before = Number((await stat.locator('.sp-stat__value').textContent())!.replace(/\D/g, ''));
  expect(before).toBeGreaterThan(0);
  expect(before).toBeLessThanOrEqual(30);
  await shot(page, 'canteen-subsidy-0-left');
  expect(await axe(page)).toEqual([]);

  // Today's dinner (this month's) in her subsidy group.
  await page.locator('.sp-chips label').first().click();
  await page.getByRole('radio', { name: /晚餐/ }).click();
  await page.getByRole('radio', { name: /80 周岁及以上/ }).click();
  await page.getByRole('button', { name: '预约' }).click();
  await expect(page.locator('.sp-success')).toContainText('预约成功');
  // The count is read again after the booking: one fewer.
  await expect(stat.locator('.sp-stat__value')).toHaveText(new RegExp(`^\\s*${before - 1}\\s*餐`));

  // 我的订餐 shows the meal's subsidy.
  await page.goto(portalPath('canteen/mine'));
  await expect(page.getByText('本餐补贴（元）').first()).toBeVisible();
  await shot(page, 'canteen-subsidy-1-mine');
  expect(await axe(page)).toEqual([]);
  await ctx.close();
});
