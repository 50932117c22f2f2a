// The README's dashboard picture: starts the platform as `npm start` does on a throw-away data
// folder (demo province, a year of activity), signs in as the province supervisor, opens 浙江省's
// region dashboard over the last 90 days, waits for its charts and writes the page's top (the
// evaluation: 全能选手, 单项冠军, scores chart, and the ranking) to docs/dashboard.png. Run with `pnpm screenshot` (it builds the studio first); needs Debian's
// Chromium (or CHROMIUM_PATH) and fonts-noto-cjk for the Chinese text.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '@scene/bench-kit';
import { demoPlatform, repoRoot } from './demo-platform';

const out = join(repoRoot, 'docs', 'dashboard.png');
/** The year's roll-ups after a first start: room for a loaded machine. */
const ROLLED_UP_MS = 300_000;
const CHARTS_MS = 120_000;
// The region dashboard waits for the year's roll-ups rather than drawing a partial picture.
const platform = demoPlatform({ env: { DASHBOARD_WAIT_MS: String(CHARTS_MS) } });
const base = platform.base;

async function shoot(): Promise<void> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 1200 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    await page.goto(`${base}/studio/`);
    await page.getByTestId('login-username').fill('supervisor-zj');
    await page.getByTestId('login-password').fill('demo-supervisor-2025');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/studio\/operations\/regions\/zj/, { timeout: 60_000 });
    // The province's report of last month is frozen once every community is rolled up: before
    // that the ranking would picture half the province.
    const rolledUp = Date.now() + ROLLED_UP_MS;
    for (;;) {
      const list = await page.request.get(`${base}/api/v1/regions/zj/reports`);
      if (list.ok() && ((await list.json()) as { items: unknown[] }).items.length > 0) break;
      if (Date.now() > rolledUp) throw new Error('the province was not rolled up in time');
      await page.waitForTimeout(5_000);
    }
    // Every chart drawn and the ranking filled: the picture shows figures, not placeholders. The
    // first start rolls a year up for every community: on a loaded machine a first answer may
    // come too late, so the page is opened again rather than pictured half-drawn.
    for (let attempt = 1; ; attempt++) {
      await page.goto(`${base}/studio/operations/regions/zj?period=90d`);
      const drawn = await page
        .getByTestId('ranking')
        .getByTestId('drill-cuiyuan')
        .waitFor({ timeout: CHARTS_MS })
        .then(() => true)
        .catch(() => false);
      if (drawn) break;
      if (attempt === 3) throw new Error('the region dashboard showed no ranking');
    }
    const evaluation = page.getByTestId('evaluation');
    await evaluation.locator('canvas').waitFor({ timeout: CHARTS_MS });
    await page.waitForLoadState('networkidle');
    // The picture is the page's top: the evaluation (全能选手, 单项冠军, scores chart) and the
    // ranking on its indicators begin the region dashboard.
    // ECharts animates its first drawing.
    await page.waitForTimeout(1_500);
    mkdirSync(join(repoRoot, 'docs'), { recursive: true });
    await page.screenshot({ path: out, fullPage: false });
  } finally {
    await browser.close();
  }
  console.log(`wrote ${out} (${Math.round(statSync(out).size / 1024)} KB)`);
}

platform.run(shoot);
