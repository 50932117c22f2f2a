import { expect, test, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { axe } from './support/portal';
import { studioSignIn } from './support/sign-in';

// Monthly reports (月报): the demo start freezes last month's reports; an operator reads the
// community's, a supervisor the region's and downloads its XLSX (content read back), the admin
// freezes a missed month. Every screen checked with axe.
const COMMUNITY = 'cuiyuan';
const OPERATOR = { username: 'op-cuiyuan', password: 'demo-operator-2025' };
const ADMIN = { username: 'admin', password: 'demo-admin-2025' };
const SUPERVISOR = { username: 'supervisor-zj', password: 'demo-supervisor-2025' };

/** The server's XLSX library, to read the download back (the tests have no spreadsheet reader). */
interface Sheet {
  name: string;
  getSheetValues(): unknown[][];
}
const ExcelJS = createRequire(new URL('../../server/package.json', import.meta.url))('exceljs') as {
  Workbook: new () => { xlsx: { readFile(path: string): Promise<unknown> }; worksheets: Sheet[] };
};

/**
 * The demo's reports are frozen in the background after start (a region waits for its
 * communities' first roll-ups): reload until the newest month is listed.
 */
async function openReport(page: Page): Promise<void> {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('report')).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 180_000 });
}

test('an operator reads the community’s frozen monthly report', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, OPERATOR);
  await page.goto(`/studio/c/${COMMUNITY}/dashboard`);
  await page.getByTestId('to-reports').click();
  await expect(page).toHaveURL(new RegExp(`/studio/c/${COMMUNITY}/reports`));
  await openReport(page);
  await expect(page.getByRole('heading', { name: /翠苑未来社区 · 月报/ })).toBeVisible();
  // Dates in words, the moment in the community's zone; figures under headings in words.
  await expect(page.getByTestId('report-period')).toHaveText(/\d{4}年\d{1,2}月1日 至/);
  await expect(page.getByTestId('report-frozen-at')).toHaveText(/\d{4}年\d{1,2}月\d{1,2}日/);
  const metrics = page.getByTestId('report-metrics');
  await expect(metrics.getByRole('columnheader', { name: '本月' })).toBeVisible();
  await expect(metrics.getByText('物业报修').first()).toBeVisible();
  // An operator reads; freezing is the admin's.
  await expect(page.getByTestId('freeze')).toHaveCount(0);
  expect(await axe(page), 'community reports').toEqual([]);
});

test('a supervisor opens the region’s report and downloads the XLSX', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, SUPERVISOR);
  await expect(page).toHaveURL(/\/studio\/operations\/regions\/zj/);
  await page.getByTestId('to-region-reports').click();
  await expect(page).toHaveURL(/\/studio\/operations\/regions\/zj\/reports/);
  await openReport(page);
  await expect(page.getByRole('heading', { name: /浙江省 · 月报/ })).toBeVisible();
  const ranking = page.getByTestId('report-ranking');
  await expect(ranking.getByText('翠苑未来社区')).toBeVisible();
  expect(await axe(page), 'region reports').toEqual([]);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-xlsx').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^report-region-zj-\d{4}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  expect(book.worksheets.map((w) => w.name)).toEqual(['月报', '社区排名']);
  const cells = book.worksheets[0]!.getSheetValues().flat();
  expect(cells).toContain('浙江省');
  expect(cells).toContain('本月');
  expect(book.worksheets[1]!.getSheetValues().flat()).toContain('翠苑未来社区');
});

test('the admin freezes a month the schedule missed', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, ADMIN);
  await page.goto(`/studio/operations/communities/${COMMUNITY}/reports`);
  await expect(page.getByTestId('freeze')).toBeVisible();
  expect(await axe(page), 'reports with the freeze form').toEqual([]);
  await page.getByTestId('freeze-month').click();
  // The oldest month offered: twelve months back, which no schedule froze.
  const option = page.getByRole('option').last();
  const label = (await option.innerText()).trim();
  await option.click();
  // Freezing computes the month from the community's records: wait for the answer.
  const frozen = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/operations/reports') && r.request().method() === 'POST',
    { timeout: 120_000 },
  );
  await page.getByTestId('freeze-submit').click();
  expect((await frozen).status()).toBe(201);
  await expect(page.getByTestId('report-frozen-at')).toContainText('管理员补充冻结');
  await expect(page.getByRole('heading', { name: `${label}月报` })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '已冻结的月份' })).toContainText(label);
});
