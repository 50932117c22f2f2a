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

/** The requests a page drawn for a member must not make: it was given their answers. */
const ASKED_AGAIN = new RegExp(
  `/api/v1/(auth/me|me/inbox/unread-count|communities/${COMMUNITY}/me|runtime/${COMMUNITY})(\\?|$)`,
);

test("a signed-in resident's page is drawn for them, hydrates as drawn and asks nothing again", async ({
  page,
  browser,
}) => {
  const hydration = watchHydration(page);
  const errors = watchErrors(page);
  await login(page, 'resident');
  // Their own "me" page, as the server sends it: their greeting in the HTML itself, and kept by
  // no cache on the way.
  const me = new URL(page.url()).pathname;
  const drawn = await page.request.get(me);
  expect(drawn.headers()['cache-control']).toBe('private, no-store');
  expect(drawn.headers()['vary']).toMatch(/Cookie/);
  const html = await drawn.text();
  expect(html).toMatch(
    /<div id="app">[\s\S]*您好[\s\S]*居民 王小明[\s\S]*<\/div>\s*<script type="application\/json" id="sp-state">/,
  );
  // A visitor at the same address gets no trace of them.
  const visitor = await browser.newContext();
  const anonymous = await (await visitor.request.get(me)).text();
  expect(anonymous).not.toContain('王小明');
  await visitor.close();

  const asked: string[] = [];
  page.on('request', (r) => {
    if (ASKED_AGAIN.test(new URL(r.url()).pathname + new URL(r.url()).search)) asked.push(r.url());
  });
  await page.goto(me);
  await expect(page.getByText(/您好/)).toBeVisible();
  // Working once hydrated: the switch answers (and back, for the tests sharing this storage).
  const toggle = page.getByTestId('elder-toggle');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  expect(asked).toEqual([]);
  // The home page, reached from the tab bar (which looks for new messages, as every move does).
  await page.locator('.shell-tabbar__item').first().click();
  await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();
  expect(hydration).toEqual([]);
  expect(errors).toEqual([]);
});

test("staff get their page drawn with what their role opens; a resident's lacks it", async ({
  page,
}) => {
  const hydration = watchHydration(page);
  const errors = watchErrors(page);
  await login(page, 'staff');
  // The portal's own "me" page (the last tab), wherever signing in led.
  const me = (await page.locator('.shell-tabbar__item').last().getAttribute('href'))!;
  const html = await (await page.request.get(me)).text();
  // The work corner is for the roles a plugin's work views open to: drawn in the HTML itself.
  const app = html.slice(html.indexOf('<div id="app">'), html.indexOf('id="sp-state"'));
  expect(app).toContain('物业 李师傅');
  expect(app).toContain('data-testid="work-link"');
  await page.goto(me);
  await expect(page.getByTestId('work-link')).toBeVisible();
  expect(hydration).toEqual([]);
  expect(errors).toEqual([]);
  // The same page drawn for a resident has no work corner.
  await page.context().clearCookies();
  await login(page, 'resident');
  const theirs = await (await page.request.get(me)).text();
  expect(theirs).toContain('居民 王小明');
  expect(theirs).not.toContain('data-testid="work-link"');
});

test('an elderly member recorded as such gets elder mode drawn by the server', async ({ page }) => {
  const hydration = watchHydration(page);
  const errors = watchErrors(page);
  await login(page, 'elder');
  const html = await (await page.request.get(portalPath())).text();
  expect(html).toMatch(/<html lang="zh-CN" class="[^"]*sp-elder/);
  expect(html).toContain('居民 赵奶奶');
  await page.goto(portalPath());
  await expect(page.getByTestId('elder-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();
  expect(hydration).toEqual([]);
  expect(errors).toEqual([]);
});
