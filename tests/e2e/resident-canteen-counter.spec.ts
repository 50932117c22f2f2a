import { expect, test } from '@playwright/test';
import { axe, configure, login, phoneContext, portalPath, shot } from './support/portal';

test('canteen counter: a resident books today’s lunch, staff write it off by its code, she sees 已取餐', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  // Today's lunch open whatever the hour (the cut-off at the last minute) and with room.
  await configure(request, 'std.elderly-canteen', (c) => {
    // An absent cutoffTime reads as the manifest's default 09:00, so the cut-off is set to the
    // day's last minute: the spec then passes at any hour but 23:59 in Shanghai.
    return { ...c, cutoffTime: '23:59', mealCapacity: { breakfast: 0, lunch: 80, dinner: 50 } };
  });

  const residentCtx = await phoneContext(browser);
  const resident = await residentCtx.newPage();
  await login(resident, 'resident');
  await resident.goto(portalPath('canteen/book'));
  await expect(resident.getByRole('heading', { level: 1 })).toBeVisible();
  await resident.locator('.sp-chips label').first().click(); // today
  await resident.getByRole('radio', { name: /午餐/ }).click();
  await resident.getByRole('button', { name: '预约' }).click();
  await expect(resident.locator('.sp-success')).toContainText('预约成功');

  // 我的订餐 shows the pick-up code in large digits.
  await resident.goto(portalPath('canteen/mine'));
  const codeLine = resident.locator('.sp-size-xl').filter({ hasText: '取餐码' }).first();
  await expect(codeLine).toBeVisible();
  const code = (await codeLine.textContent())!.replace(/\D/g, '');
  expect(code).toMatch(/^\d{6}$/);
  await shot(resident, 'canteen-counter-0-code');
  expect(await axe(resident)).toEqual([]);

  // At the counter, on the staff member's phone: a wrong code is refused in words…
  const staffCtx = await phoneContext(browser);
  const staff = await staffCtx.newPage();
  await login(staff, 'staff');
  await staff.goto(portalPath('canteen/counter'));
  await expect(staff.getByRole('heading', { level: 1, name: '取餐核销' })).toBeVisible();
  const input = staff.getByLabel('居民出示的取餐码');
  const wrong = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
  await input.fill(wrong);
  await staff.getByRole('button', { name: '核销' }).click();
  await expect(staff.getByRole('alert')).toContainText(/没有这个取餐码|不是今天到店就餐/);

  // …the right one writes off her lunch and names the meal and the diner.
  await input.fill(code);
  await staff.getByRole('button', { name: '核销' }).click();
  await expect(staff.locator('.sp-success')).toContainText('已核销');
  const card = staff.locator('.sp-form__result');
  await expect(card).toContainText('午餐');
  await expect(card).toContainText('已取餐');
  await expect(card).toContainText('老人：');
  await shot(staff, 'canteen-counter-1-written-off');
  expect(await axe(staff)).toEqual([]);

  // The same code a second time: already collected.
  await input.fill(code);
  await staff.getByRole('button', { name: '核销' }).click();
  await expect(staff.getByRole('alert')).toContainText('已取餐');

  // She sees her lunch collected.
  await resident.reload();
  await expect(resident.locator('.sp-list').getByText('已取餐').first()).toBeVisible();
  await shot(resident, 'canteen-counter-2-collected');
  await residentCtx.close();
  await staffCtx.close();
});
