import { expect, test, type Page } from '@playwright/test';
import { axe, configure, login, phoneContext, portalPath, shot } from './support/portal';

async function balance(page: Page): Promise<number> {
  const value = page.getByTestId('points-balance').first();
  await expect(value).toHaveText(/^\d+$/);
  return Number(await value.textContent());
}

test('points: earned by signing the convention, spent in the points mall', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  // Make one item cheap enough for a new resident's first points, and the next one dearer than
  // anyone's balance (its button is disabled with the shortfall).
  let dear = '';
  await configure(request, 'std.points-mall', (c) => ({
    ...c,
    items: (c.items as Record<string, unknown>[]).map((item, i) => {
      if (i === 0) return { ...item, points: 1, perUserLimit: 5 };
      if (i !== 1) return item;
      dear = String(item.name);
      return { ...item, points: 100_000 };
    }),
  }));

  const ctx = await phoneContext(browser);
  const page = await ctx.newPage();
  await login(page, 'elder');
  await page.goto(portalPath('points-mall/history'));
  const before = await balance(page);

  // Earn: sign the neighbourhood convention.
  await page.goto(portalPath('convention'));
  const box = page.getByRole('checkbox');
  // Wait until the page says which it is (not signed yet, or signed before) before choosing.
  await expect(box.or(page.getByText(/您已签署/)).first()).toBeVisible();
  if (await box.isVisible()) {
    await box.check();
    await page.getByRole('button', { name: '签署公约' }).click();
    await expect(page.locator('.sp-success')).toContainText(/获得 \d+ 积分|您已签署/);
  }
  await shot(page, 'points-0-signed');
  await page.goto(portalPath('points-mall/history'));
  const earned = await balance(page);
  expect(earned).toBeGreaterThan(before);
  await expect(page.getByText('签署邻里公约').first()).toBeVisible();
  await shot(page, 'points-1-history');
  expect(await axe(page)).toEqual([]);

  // Spend: redeem the first item of the mall (asks to confirm first).
  await page.goto(portalPath('points-mall'));
  await page.getByRole('button', { name: '立即兑换' }).first().click();
  await expect(page.getByRole('alert').first()).toContainText('兑换将扣除相应积分');
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page.locator('.sp-success').first()).toContainText(/兑换成功|已完成/);
  await expect.poll(() => balance(page)).toBe(earned - 1);
  await shot(page, 'points-2-redeemed');

  // Too few points: the dear item's button is disabled, the points still missing beside it.
  const dearRow = page.locator('li.sp-row').filter({ hasText: dear });
  await expect(dearRow.getByTestId('points-short')).toHaveText(
    `积分不足：还差 ${100_000 - (earned - 1)} 积分`,
  );
  await expect(dearRow.getByRole('button', { name: '立即兑换' })).toBeDisabled();
  await shot(page, 'points-3-not-enough');
  expect(await axe(page)).toEqual([]);
  await page.goto(portalPath('points-mall/orders'));
  await expect(page.locator('.sp-row').first()).toBeVisible();
  await ctx.close();
});
