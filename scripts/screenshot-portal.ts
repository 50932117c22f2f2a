// The README's resident-portal pictures, on a phone (390×844): a resident's home page, a repair
// just submitted (its number, the step timeline and what happens next), 我的 with the resident's
// own lists and points, the repair form in elder mode, and staff's 工作台 and repair queue as
// cards. Starts the platform as `npm start` does on a throw-away data folder (or uses the one at
// PORTAL_BASE), writes docs/portal-*.png. Run with `pnpm screenshot:portal` (it builds the
// portal first); needs Debian's Chromium (or CHROMIUM_PATH) and fonts-noto-cjk.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '@scene/bench-kit';
import { demoPlatform, repoRoot } from './demo-platform';

const docs = join(repoRoot, 'docs');
const platform = demoPlatform({ url: process.env.PORTAL_BASE });
const base = platform.base;
const COMMUNITY = 'cuiyuan';
const PEOPLE = {
  resident: ['resident-cuiyuan', 'demo-resident-2025'],
  elder: ['elder-cuiyuan', 'demo-resident-2025'],
  staff: ['staff-cuiyuan', 'demo-staff-2025'],
} as const;

const at = (path = '') => `${base}/c/${COMMUNITY}/${path}`;

async function phonePage(browser: Browser, who: keyof typeof PEOPLE): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await ctx.newPage();
  await page.goto(at('me/login'));
  await page.locator('input[name="username"]').fill(PEOPLE[who][0]);
  await page.locator('input[name="password"]').fill(PEOPLE[who][1]);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(/\/me(\/work)?$|\/p\/me$/, { timeout: 60_000 });
  return page;
}

/**
 * Waits for a screen to be drawn: heading, requests settled, no skeleton left. On a loaded
 * machine a block's query may time out (its retry notice shows): the page is opened again
 * rather than pictured with the notice.
 */
async function settle(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await page.getByTestId('skeleton').first().waitFor({ state: 'detached', timeout: 60_000 });
    if ((await page.locator('.sp-failure').count()) === 0 || attempt === 3) return;
    await page.reload();
  }
}

async function save(page: Page, name: string): Promise<void> {
  const file = join(docs, `portal-${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  console.log(`wrote ${file} (${Math.round(statSync(file).size / 1024)} KB)`);
}

async function shoot(): Promise<void> {
  mkdirSync(docs, { recursive: true });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const resident = await phonePage(browser, 'resident');
    await resident.goto(at());
    await settle(resident);
    await save(resident, 'home');

    // A repair submitted through the form: the resident lands on the ticket's timeline.
    await resident.goto(at('repairs/new'));
    await settle(resident);
    await resident.getByRole('radio', { name: '水管漏水' }).click();
    await resident.getByLabel('房号').fill('3幢2单元1201');
    await resident.getByLabel('问题简述').fill('厨房水槽下水管漏水');
    await resident.getByLabel('详细描述').fill('水槽下面一直滴水，柜子里已经积水。');
    await resident.getByLabel('联系电话').fill('13812345678');
    await resident.getByRole('button', { name: '提交报修' }).click();
    await resident.waitForURL(/repairs\/detail/, { timeout: 60_000 });
    await resident.getByRole('region', { name: '办理进度' }).waitFor({ timeout: 60_000 });
    await save(resident, 'repair-submitted');

    await resident.goto(at('me'));
    await settle(resident);
    await resident.getByTestId('points-balance').waitFor({ timeout: 60_000 });
    await save(resident, 'me');

    // Elder mode, on by itself for the elderly-marked account: the repair form (large type,
    // dark placeholders, cards with an edge on the white page, the hotline to tap).
    const elder = await phonePage(browser, 'elder');
    await elder.goto(at('repairs/new'));
    await settle(elder);
    await save(elder, 'elder-repair-form');

    const staff = await phonePage(browser, 'staff');
    await staff.goto(at('me/work'));
    await settle(staff);
    // The counts of what waits come after the list: picture them.
    await staff.getByTestId('work-waiting').first().waitFor({ timeout: 60_000 });
    await save(staff, 'staff-work');
    await staff.goto(at('repairs/queue'));
    await settle(staff);
    await staff.locator('.sp-cards__card').first().waitFor({ timeout: 60_000 });
    await save(staff, 'staff-queue');
  } finally {
    await browser.close();
  }
}

platform.run(shoot);
