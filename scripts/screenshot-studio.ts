// The README's studio pictures: signs in to the studio as the demo operator and vendor and writes
// docs/studio-compose.png (the phone preview with a block selected and its generated form),
// docs/studio-publish.png (the publish dialog: before/after phones beside the JSON diff; the
// draft is put back afterwards), docs/studio-marketplace.png and docs/studio-vendor.png (the vendor's manifest editor on the template).
// Run with `pnpm screenshot:studio` (it builds the studio first). Without SCENE_URL it starts the
// platform as `npm start` does on a throw-away data folder; with SCENE_URL=http://127.0.0.1:PORT
// it pictures a demo platform already running there. Needs Debian's Chromium (or CHROMIUM_PATH)
// and fonts-noto-cjk for the Chinese text.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect as baseExpect, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '@scene/bench-kit';
import { demoPlatform, repoRoot } from './demo-platform';

const docs = join(repoRoot, 'docs');
const WAIT_MS = 60_000;
const expect = baseExpect.configure({ timeout: WAIT_MS });

const platform = demoPlatform({ url: process.env.SCENE_URL });
const base = platform.base;

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(`${base}/studio/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/studio/login'), { timeout: WAIT_MS });
}

async function picture(page: Page, name: string): Promise<void> {
  const path = join(docs, `studio-${name}.png`);
  await page.screenshot({ path });
  console.log(`wrote ${path} (${Math.round(statSync(path).size / 1024)} KB)`);
}

async function shoot(): Promise<void> {
  mkdirSync(docs, { recursive: true });

  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const options = {
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    };
    const page = await browser.newPage(options);
    await signIn(page, 'op-cuiyuan', 'demo-operator-2025');
    await page.goto(`${base}/studio/c/cuiyuan/compose`);
    const blocks = page.getByTestId('preview-canvas').getByTestId('preview-block');
    await blocks.nth(1).click();
    await expect(page.getByTestId('property-title')).not.toBeEmpty();
    await picture(page, 'compose');

    // A heading added from the palette with the keyboard gives the publish dialog a change.
    await page.locator('[data-entry="p:heading"]').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('property-title')).toContainText('标题');
    await page.getByTestId('publish').click();
    const dialog = page.getByTestId('publish-dialog');
    await expect(dialog.getByTestId('publish-after').getByTestId('phone-preview')).toBeVisible();
    await expect(dialog.getByTestId('json-diff')).toBeVisible();
    await picture(page, 'publish');
    await page.keyboard.press('Escape');
    // The draft as it was: the history's first step is the loaded draft.
    await page.getByRole('tab', { name: '操作记录' }).click();
    await page.getByTestId('history-steps').getByRole('button', { name: '载入的草稿' }).click();
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

    await page.goto(`${base}/studio/c/cuiyuan/marketplace`);
    await expect(page.locator('.el-table__row').first()).toBeVisible();
    await picture(page, 'marketplace');
    await page.close();

    const vendor = await browser.newPage(options);
    await signIn(vendor, 'vendor-acme', 'demo-vendor-2025');
    await vendor.goto(`${base}/studio/vendor?tab=editor`);
    // The template: a manifest checked as the vendor types, its view drawn with example data.
    await vendor.getByRole('button', { name: '从模板新建' }).first().click();
    await expect(vendor.getByTestId('manifest-ok')).toBeVisible();
    await expect(vendor.getByTestId('view-preview')).toBeVisible();
    await vendor.waitForLoadState('networkidle');
    await picture(vendor, 'vendor');
  } finally {
    await browser.close();
  }
}

platform.run(shoot);
