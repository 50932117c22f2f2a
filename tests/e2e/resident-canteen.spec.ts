import { expect, test, type Page } from '@playwright/test';
import { axe, configure, login, phoneContext, portalPath, shot } from './support/portal';

/** Opens the booking page with tomorrow's lunch chosen (the booking is for the signed-in person). */
async function prepareLunch(page: Page): Promise<void> {
  await page.goto(portalPath('canteen/book'));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const days = page.locator('.sp-chips label');
  await days.nth(1).click(); // tomorrow: today's cut-off may have passed
  await page.getByRole('radio', { name: /午餐/ }).click();
}

test('canteen: a lunch is booked; once the slot is full the next booking is refused', async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  // One place per lunch, so the second booking meets a full slot.
  await configure(request, 'std.elderly-canteen', (c) => ({
    ...c,
    mealCapacity: { ...(c.mealCapacity as object), breakfast: 0, lunch: 1, dinner: 1 },
  }));

  const elderCtx = await phoneContext(browser);
  const elder = await elderCtx.newPage();
  await login(elder, 'elder');
  // The elder opens the page while the slot is still free…
  await prepareLunch(elder);

  // …and meanwhile another resident books the last place.
  const residentCtx = await phoneContext(browser);
  const resident = await residentCtx.newPage();
  await login(resident, 'resident');
  await prepareLunch(resident);
  await shot(resident, 'canteen-0-picker');
  await resident.getByRole('button', { name: '预约' }).click();
  await expect(resident.locator('.sp-success')).toContainText('预约成功');
  await shot(resident, 'canteen-1-booked');
  expect(await axe(resident)).toEqual([]);

  // The elder sends theirs: the server refuses it and says why, in plain words.
  await elder.getByRole('button', { name: '预约' }).click();
  await expect(elder.getByRole('alert')).toContainText('已订满');
  await shot(elder, 'canteen-2-full-refused');

  // On a fresh look the full lunch can no longer be picked.
  await elder.reload();
  await elder.locator('.sp-chips label').nth(1).click();
  const lunch = elder.getByRole('radio', { name: /午餐/ });
  await expect(lunch).toBeDisabled();
  await elderCtx.close();
  await residentCtx.close();
});
