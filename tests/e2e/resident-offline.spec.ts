import { expect, test, type Route } from '@playwright/test';
import { phone, portalPath, shot, watchErrors } from './support/portal';

test.use(phone);

test('offline: the last saved portal is shown with a clear banner, and Retry recovers', async ({
  page,
  context,
}) => {
  const errors = watchErrors(page);
  await page.goto(portalPath());
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);

  // The network drops while the portal is open: the banner says so in plain words.
  await context.setOffline(true);
  await expect(page.getByTestId('offline-banner')).toContainText('网络连接已断开');
  await page.locator('.shell-tabbar__item').nth(1).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await shot(page, 'offline-0-banner');
  await context.setOffline(false);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);

  // The portal bundle cannot be fetched on the next visit: the saved copy is shown instead.
  await page.route('**/api/v1/runtime/**', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toBeVisible();
  await expect(page.locator('.shell-tabbar__item')).not.toHaveCount(0);
  await shot(page, 'offline-1-saved-copy');
  await page.unroute('**/api/v1/runtime/**');
  await banner.getByRole('button', { name: '重试' }).click();
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('without any saved copy, a failed first visit says so and offers a retry', async ({
  page,
}) => {
  await page.route('**/api/v1/runtime/**', (route) => route.abort('internetdisconnected'));
  await page.goto(portalPath());
  await expect(page.getByRole('alert')).toContainText('无法打开社区门户');
  await page.unroute('**/api/v1/runtime/**');
  await page.getByRole('button', { name: '重试' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.shell-tabbar__item')).not.toHaveCount(0);
});

test('the network drops while the first page still fetches its parts’ code: nothing breaks, and the code comes once it is back', async ({
  page,
  context,
}) => {
  const errors = watchErrors(page);
  // The server draws the page; the code of its lazily loaded parts comes after. Hold that code
  // until the phone is offline, then let it fail as it would.
  const lazyParts = /\/c\/assets\/(CultureCard|DirectoryNode)-[\w-]+\.js$/;
  const held: Route[] = [];
  await page.route(lazyParts, (route) => {
    held.push(route);
  });
  // Not `load`: a held fetch may keep the page's load event waiting.
  await page.goto(portalPath(), { waitUntil: 'domcontentloaded' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await context.setOffline(true);
  await expect(page.getByTestId('offline-banner')).toContainText('网络连接已断开');
  for (const route of held.splice(0)) await route.abort('internetdisconnected');
  await page.unroute(lazyParts);
  // The page the server drew stays.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const fetchedAgain = page.waitForResponse((r) => lazyParts.test(r.url()) && r.ok(), {
    timeout: 30_000,
  });
  await context.setOffline(false);
  await fetchedAgain;
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  expect(errors).toEqual([]);
});
