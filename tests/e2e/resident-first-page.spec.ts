import { expect, test, type Page } from '@playwright/test';
import { COMMUNITY, login, phone, portalPath, watchErrors } from './support/portal';

test.use(phone);

/** Console messages Vue writes when the page it hydrates differs from what it would draw. */
function watchHydration(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (/hydrat/i.test(m.text())) problems.push(m.text());
  });
  return problems;
}

test('the server draws the home page: readable before any script runs', async ({ browser }) => {
  const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(portalPath());
  await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();
  await expect(page.locator('.shell-tabbar__item').first()).toBeVisible();
  await expect(page).toHaveTitle(/首页 · 翠苑/);
  // Plugin blocks are drawn too, waiting for their data rather than saying there is none.
  await expect(page.locator('.sp-view').first()).toBeVisible();
  // Elder mode and English, as the device's cookie asks: drawn so by the server.
  await context.addCookies([
    { name: 'scene.prefs', value: 'en.1', url: new URL(page.url()).origin + '/c/' },
  ]);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.className)).toContain('sp-elder');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  await context.close();
});

test('the page hydrates without a mismatch and works: tabs, elder mode, language', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const hydration = watchHydration(page);
  const first = await page.request.get(portalPath());
  expect(await first.text()).toContain('id="sp-state"');
  await page.goto(portalPath());
  // A tap works once the page's code has taken over (the drawn page is inert until then).
  const toggle = page.getByTestId('elder-toggle');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  // The next visit is drawn in the reader's choices, and hydrates as drawn.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(page.getByTestId('elder-toggle')).toHaveAttribute('aria-pressed', 'true');
  await page.locator('.shell-tabbar__item').nth(1).click();
  await expect(page).toHaveURL(new RegExp(`/c/${COMMUNITY}/p/`));
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Home');
  // Back to Chinese and the normal mode for the tests that share this browser's storage.
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByTestId('elder-toggle').click();
  await expect(page.getByTestId('elder-toggle')).toHaveAttribute('aria-pressed', 'false');
  expect(hydration).toEqual([]);
  expect(errors).toEqual([]);
});

test('a signed-in resident gets the drawn page, then their own parts of it', async ({ page }) => {
  const hydration = watchHydration(page);
  const errors = watchErrors(page);
  await login(page, 'resident');
  await page.goto(portalPath());
  await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();
  // Signed in after hydration: the "me" tab leads to the resident's own page, not the login.
  await page.locator('.shell-tabbar__item').last().click();
  await expect(page.getByText(/您好/)).toBeVisible();
  expect(hydration).toEqual([]);
  expect(errors).toEqual([]);
});
