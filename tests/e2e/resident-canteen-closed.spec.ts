import { expect, test } from '@playwright/test';
import { axe, configure, login, phoneContext, portalPath, shot } from './support/portal';

/** `mon` … `sun` of the day `offset` days from today in the community's zone (Shanghai). */
function weekdayFromToday(offset: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + offset);
  return ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][day.getUTCDay()]!;
}

test('canteen closed meals: an elder sees today’s meals past the cut-off and a meal without a menu closed in words, and cannot open their form', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  // Today's cut-off at 00:00 has passed whatever the hour; three days on there is no dinner menu.
  const noDinner = weekdayFromToday(3);
  let before: Record<string, unknown> = {};
  await configure(request, 'std.elderly-canteen', (c) => {
    before = c;
    const menu = (Array.isArray(c.menu) ? (c.menu as Record<string, unknown>[]) : []).filter(
      (e) => !(e.day === noDinner && e.slot === 'dinner'),
    );
    if (!menu.some((e) => e.day === noDinner && e.slot === 'lunch'))
      menu.push({ day: noDinner, slot: 'lunch', dishes: ['家常菜', '米饭'], price: 12 });
    return { ...c, cutoffTime: '00:00', menu };
  });

  try {
    const ctx = await phoneContext(browser);
    const page = await ctx.newPage();
    await login(page, 'elder');
    await expect(page.getByTestId('elder-toggle')).toHaveAttribute('aria-pressed', 'true');
    await page.goto(portalPath('canteen/book'));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    // Today (chosen first): both meals say why they are closed, neither can be picked, and
    // instead of the form the day says there is nothing to book.
    const lunch = page.locator('.sp-option').filter({ hasText: '午餐' });
    await expect(lunch.getByTestId('slot-closed')).toHaveText('今天午餐已截止预订（截止 0:00）');
    await expect(lunch.getByRole('radio')).toBeDisabled();
    const dinner = page.locator('.sp-option').filter({ hasText: '晚餐' });
    await expect(dinner.getByTestId('slot-closed')).toHaveText('今天晚餐已截止预订（截止 0:00）');
    await expect(dinner.getByRole('radio')).toBeDisabled();
    await expect(page.getByTestId('day-closed')).toHaveText(
      '这一天已没有可预订的时段，请选择其他日期。',
    );
    await expect(page.getByRole('button', { name: '预约' })).toHaveCount(0);
    await expect(page.getByText('就餐方式')).toHaveCount(0);
    // Large enough for elder mode: the words are at the page's (elder) size.
    const size = await lunch
      .getByTestId('slot-closed')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(20);
    await shot(page, 'canteen-closed-0-today');
    expect(await axe(page, { aaa: true })).toEqual([]);

    // Three days on: lunch is open, dinner has no menu and says so.
    await page.locator('.sp-chips label').nth(3).click();
    await expect(dinner.getByTestId('slot-closed')).toHaveText('菜单尚未发布，暂不能订餐。');
    await expect(dinner.getByRole('radio')).toBeDisabled();
    await expect(lunch.getByTestId('slot-closed')).toHaveCount(0);
    await expect(lunch.getByRole('radio')).toBeEnabled();
    await expect(page.getByRole('button', { name: '预约' })).toBeVisible();
    await shot(page, 'canteen-closed-1-no-menu');
    expect(await axe(page, { aaa: true })).toEqual([]);
    await ctx.close();
  } finally {
    // The other journeys book with the community's own settings.
    await configure(request, 'std.elderly-canteen', () => before);
  }
});
