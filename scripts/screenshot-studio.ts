// The README's studio pictures: signs in to the studio as the demo operator and vendor and writes
// docs/studio-compose.png (the phone preview with a block selected and its generated form),
// docs/studio-publish.png (the publish dialog: before/after phones beside the JSON diff; the
// draft is put back afterwards), docs/studio-marketplace.png and docs/studio-vendor.png (the vendor's manifest editor on the template).
// Run with `pnpm screenshot:studio` (it builds the studio first). Without SCENE_URL it starts the
// platform as `npm start` does on a throw-away data folder; with SCENE_URL=http://127.0.0.1:PORT
// it pictures a demo platform already running there. Needs Debian's Chromium (or CHROMIUM_PATH)
// and fonts-noto-cjk for the Chinese text.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect as baseExpect, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '@scene/bench-kit';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const docs = join(repoRoot, 'docs');
const READY_MS = 300_000;
const WAIT_MS = 60_000;
const expect = baseExpect.configure({ timeout: WAIT_MS });

let platform: ChildProcess | undefined;
let dataDir: string | undefined;
let base = process.env.SCENE_URL;
if (!base) {
  const port = 21_000 + (process.pid % 9_000);
  base = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'scene-screenshot-'));
  platform = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev-platform.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function ready(): Promise<void> {
  const until = Date.now() + READY_MS;
  while (Date.now() < until) {
    if (platform && platform.exitCode !== null) throw new Error('the platform stopped early');
    const up = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`the platform was not ready within ${READY_MS / 1000} s`);
}

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
  await ready();
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

const stop = () =>
  new Promise<void>((resolve) => {
    if (!platform || platform.exitCode !== null) return resolve();
    platform.once('exit', () => resolve());
    platform.kill('SIGINT');
  });

shoot()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
