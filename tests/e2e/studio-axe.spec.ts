import { expect, test, type Page } from '@playwright/test';
import { axe } from './support/portal';
import { studioSignIn } from './support/sign-in';

// Every studio screen, as the people who use it, checked with axe (WCAG 2.1 A and AA).
const COMMUNITY = 'cuiyuan';
const OPERATOR = { username: 'op-cuiyuan', password: 'demo-operator-2025' };
const ADMIN = { username: 'admin', password: 'demo-admin-2025' };
const VENDOR = { username: 'vendor-acme', password: 'demo-vendor-2025' };

async function check(page: Page, path: string, ready: (p: Page) => Promise<void>) {
  await page.goto(`/studio/${path}`);
  await ready(page);
  expect(await axe(page), path).toEqual([]);
}

const heading = (p: Page) => expect(p.locator('main h1, main h2, main h3').first()).toBeVisible();

test('the login screen passes axe', async ({ page }) => {
  await page.goto('/studio/login');
  await expect(page.getByTestId('login-username')).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

test("an operator's screens pass axe", async ({ page }) => {
  // Six screens and a dialog, each loaded and checked: room for a loaded machine.
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, OPERATOR);
  await check(page, `c/${COMMUNITY}/compose`, async (p) => {
    await expect(p.getByTestId('preview-block').first()).toBeVisible();
  });
  await page.getByTestId('preview-block').first().click();
  await expect(page.getByTestId('property-title')).not.toBeEmpty();
  expect(await axe(page), 'compose with a block selected').toEqual([]);
  await check(page, `c/${COMMUNITY}/history`, async (p) => {
    await expect(p.getByTestId('versions')).toBeVisible();
  });
  await check(page, `c/${COMMUNITY}/marketplace`, async (p) => {
    await expect(p.locator('[data-testid^="plugin-card"], .el-table__row').first()).toBeVisible();
  });
  await check(page, `c/${COMMUNITY}/marketplace/std.property-repair`, heading);
  // Plugin roles granted one by one: named as the plugins name them, never by code.
  await check(page, `c/${COMMUNITY}/people`, async (p) => {
    await expect(p.getByTestId('plugin-roles-resident-cuiyuan')).toBeVisible();
  });
  await page.getByTestId('plugin-roles-resident-cuiyuan').click();
  const dialog = page.getByTestId('plugin-roles-dialog');
  await expect(dialog.getByText('物业报修')).toBeVisible();
  await expect(dialog).not.toContainText('plugin:');
  expect(await axe(page), 'plugin roles dialog').toEqual([]);
  await dialog.getByRole('button', { name: '取消' }).click();
});

test("an administrator's screens pass axe", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, ADMIN);
  for (const path of ['platform/communities', 'platform/accounts', 'platform/audit', 'review']) {
    await check(page, path, async (p) => {
      await expect(p.locator('.el-table__row, [data-testid="empty-state"]').first()).toBeVisible();
    });
  }
});

test("a vendor's console passes axe", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, VENDOR);
  await check(page, 'vendor', heading);
});
