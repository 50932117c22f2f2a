import { expect, test } from '@playwright/test';
import { axe, login, phone, portalPath, shot, watchErrors } from './support/portal';

test.use(phone);

test('elder mode: bigger text and targets, AAA contrast, remembered after a reload', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(portalPath());
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const toggle = page.getByTestId('elder-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await shot(page, 'elder-0-normal');
  expect(await axe(page)).toEqual([]);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.getByTestId('elder-toggle')).toHaveAttribute('aria-pressed', 'true');
  const base = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(base).toBeGreaterThanOrEqual(20);
  // Every button and link the resident can press is at least 48 px high.
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main button, main a, .shell-header button')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({
        text: el.textContent?.trim().slice(0, 20),
        h: el.getBoundingClientRect().height,
      }))
      .filter((x) => x.h < 48),
  );
  expect(small).toEqual([]);
  await shot(page, 'elder-1-on');
  expect(await axe(page, { aaa: true })).toEqual([]);
  expect(errors).toEqual([]);
});

test('elder mode on the pages a signed-in elder uses passes AAA contrast', async ({ page }) => {
  await login(page, 'elder');
  // The operator recorded her as 80+: elder mode is on without her asking.
  await expect(page.getByTestId('elder-toggle')).toHaveAttribute('aria-pressed', 'true');
  for (const path of ['', 'canteen/book', 'convention', 'points-mall']) {
    await page.goto(portalPath(path));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await shot(page, `elder-2-${path.replace('/', '-') || 'home'}`);
    expect(await axe(page, { aaa: true }), path || 'home').toEqual([]);
  }
});
