import { expect, test, type Page } from '@playwright/test';
import {
  axe,
  login,
  phoneContext,
  portalPath,
  recordCard,
  shot,
  watchErrors,
} from './support/portal';

/** A day in the community's zone (Asia/Shanghai), as the server reads `today`. */
const day = (offset: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + offset * 86_400_000),
  );

async function register(page: Page, plate: string, date: string): Promise<void> {
  await page.getByLabel('车牌号').fill(plate);
  await page.getByLabel('访客姓名').fill('王小明');
  await page.getByLabel('到访房号').fill('3幢2单元501');
  await page.getByLabel('到访日期').fill(date);
  await page.getByLabel('预计到达（起）').fill('09:00');
  const saved = page.waitForResponse(
    (r) =>
      r.request().method() === 'POST' && /\/actions\/register$/.test(new URL(r.url()).pathname),
  );
  await page.getByRole('button', { name: '登记', exact: true }).click();
  expect((await saved).status()).toBe(201);
  await expect(page.locator('.sp-list li').filter({ hasText: plate })).toBeVisible();
}

test("a resident registers a visitor's plate; the guard checks the car in and out from today's list; others see it masked", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const n = String(Date.now() % 100_000).padStart(5, '0');
  const todayPlate = `浙A${n}`;
  const tomorrowPlate = `浙B${n}`;

  // Resident: one car today, one tomorrow.
  const residentCtx = await phoneContext(browser);
  const resident = await residentCtx.newPage();
  const residentErrors = watchErrors(resident);
  await login(resident, 'resident');
  await resident.goto(portalPath('visitor-parking'));
  await expect(resident.getByRole('heading', { level: 1, name: '访客停车' })).toBeVisible();
  await register(resident, todayPlate, day(0));
  await register(resident, tomorrowPlate, day(1));
  const mine = resident.locator('.sp-list li').filter({ hasText: todayPlate });
  await expect(mine.getByText('待到访')).toBeVisible();
  await shot(resident, 'visitor-parking-0-registered');
  expect(await axe(resident)).toEqual([]);

  // Guard (the demo staff member holds the plugin's guard role): today's cars in clear, not tomorrow's.
  const guardCtx = await phoneContext(browser);
  const guard = await guardCtx.newPage();
  const guardErrors = watchErrors(guard);
  await login(guard, 'staff');
  await guard.goto(portalPath('visitor-parking/gate'));
  await expect(guard.getByRole('heading', { level: 1, name: '今日访客车辆' })).toBeVisible();
  const car = guard.locator('.sp-list li').filter({ hasText: todayPlate });
  await expect(car).toBeVisible();
  await expect(car.getByText('3幢2单元501')).toBeVisible();
  await expect(guard.getByText(tomorrowPlate)).toHaveCount(0);
  expect(await axe(guard)).toEqual([]);
  await car.getByRole('button', { name: '入场' }).click();
  await expect(car.getByText('已入场')).toBeVisible();
  await shot(guard, 'visitor-parking-1-gate');
  await car.getByRole('button', { name: '离场' }).click();
  await expect(car.getByText('已离场')).toBeVisible();
  await expect(guard.getByText(tomorrowPlate)).toHaveCount(0);
  expect(guardErrors).toEqual([]);
  await guardCtx.close();

  // Resident: told when the visitor arrived; the list says the car has left.
  await resident.goto(portalPath('me/inbox'));
  await expect(resident.getByRole('button', { name: /您的访客已入场/ }).first()).toBeVisible();
  await resident.goto(portalPath('visitor-parking'));
  await expect(
    resident.locator('.sp-list li').filter({ hasText: todayPlate }).getByText('已离场'),
  ).toBeVisible();
  expect(residentErrors).toEqual([]);
  await residentCtx.close();

  // Operator: the figures and the register, plates and homes masked.
  const opCtx = await phoneContext(browser);
  const op = await opCtx.newPage();
  await login(op, 'operator');
  await op.goto(portalPath('visitor-parking/overview'));
  await expect(op.getByRole('heading', { level: 1, name: '访客停车统计' })).toBeVisible();
  // The register lists both cars (today's has left) with the plate and home masked.
  await expect(recordCard(op, '已离场').first()).toBeVisible();
  await expect(recordCard(op, '待到访').first()).toBeVisible();
  const overview = op.locator('main');
  await expect(overview).not.toContainText(todayPlate);
  await expect(overview).not.toContainText(tomorrowPlate);
  await expect(overview).not.toContainText('3幢2单元501');
  await shot(op, 'visitor-parking-2-overview');
  expect(await axe(op)).toEqual([]);
  await opCtx.close();
});
