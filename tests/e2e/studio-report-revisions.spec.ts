import { expect, test, type Page } from '@playwright/test';
import { axe } from './support/portal';
import { studioSignIn } from './support/sign-in';

// Report revisions and printing: the district supervisor of 西湖区 freezes the district's last
// month again with a reason, reads revision 2 (reason, what changed, in words), opens revision 1,
// and prints the report: on paper no studio bar, forms or buttons, the report's own header with
// the region, month, revision and the day printed (in Shanghai), tables within an A4 page and
// the ranking on a page of its own. Checked with axe at a desktop viewport.
const DISTRICT = { username: 'supervisor-xh', password: 'demo-supervisor-2025' };
const REGION = 'zj-hz-xh';
const REASON = '补录街道上报的迟到记录';

/** The demo's reports are frozen in the background after start: reload until one is shown. */
async function openReport(page: Page): Promise<void> {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('report')).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 180_000 });
}

/** Today in the words the studio uses for a day, in the community's zone (Shanghai). */
function todayInShanghai(): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('zh-CN', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

test('the district supervisor freezes a month again, reads revision 2 and prints it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, DISTRICT);
  await page.goto(`/studio/operations/regions/${REGION}/reports`);
  await openReport(page);
  await expect(page.getByRole('heading', { name: /西湖区 · 月报/ })).toBeVisible();
  await expect(page.getByTestId('report-revision')).toHaveText('第 1 版');
  await expect(page.getByTestId('revise')).toBeVisible();
  expect(await axe(page), 'report with the revise form').toEqual([]);

  await page.getByRole('textbox', { name: '修订原因' }).fill(REASON);
  // The server computes the month again from every community's records: wait for its answer.
  const revised = page.waitForResponse(
    (r) =>
      r.url().endsWith('/api/v1/operations/reports/revisions') && r.request().method() === 'POST',
    { timeout: 180_000 },
  );
  await page.getByTestId('revise-submit').click();
  expect((await revised).status()).toBe(201);
  await expect(page.getByTestId('report-revision')).toHaveText('第 2 版');
  await expect(page.getByTestId('report-reason')).toHaveText(REASON);
  await expect(page.getByTestId('report-frozen-at')).toContainText('区县督导重新冻结');
  // What changed, in words (or that nothing did): never a key or a raw figure list.
  await expect(page.getByTestId('report-changes')).toHaveText(/→|没有数字变化/);
  await expect(page.getByTestId('report-changes')).not.toContainText('std.');
  await expect(page.getByRole('navigation', { name: '已冻结的月份' })).toContainText('第 2 版');
  expect(await axe(page), 'revision 2').toEqual([]);

  // Revision 1 is still there, as it was, and says it was replaced.
  await page.getByTestId('open-revision-1').click();
  await expect(page).toHaveURL(/revision=1/);
  await expect(page.getByTestId('report-revision')).toHaveText('第 1 版');
  await expect(page.getByTestId('report-superseded')).toContainText('已由第 2 版取代');
  await expect(page.getByTestId('report-reason')).toHaveCount(0);
  await expect(page.getByTestId('download-xlsx')).toHaveAttribute('href', /revision=1/);
  expect(await axe(page), 'revision 1').toEqual([]);
  await page.getByTestId('open-revision-2').click();
  await expect(page.getByTestId('report-revision')).toHaveText('第 2 版');

  // On screen: the 打印 button, no print header.
  await expect(page.getByTestId('print')).toHaveText('打印');
  await expect(page.getByTestId('report-print-header')).toBeHidden();

  // On paper, an A4 page wide (794 CSS pixels).
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  for (const id of ['print', 'revise', 'download-xlsx', 'report-1'])
    await expect(page.getByTestId(id).first(), id).toBeHidden();
  const header = page.getByTestId('report-print-header');
  await expect(header).toBeVisible();
  await expect(header).toContainText('西湖区');
  await expect(header).toContainText('第 2 版');
  await expect(header).toContainText(`打印于 ${todayInShanghai()}`);
  await expect(header).toContainText(/\d{4}年\d{1,2}月月报/);
  // Both tables within the page's width, the ranking starting a page.
  for (const id of ['report-metrics', 'report-ranking']) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box, id).not.toBeNull();
    expect(box!.x + box!.width, id).toBeLessThanOrEqual(794);
    const overflow = await page
      .getByTestId(id)
      .evaluate((el) =>
        [...el.querySelectorAll('table')].some(
          (t) => t.getBoundingClientRect().right > el.getBoundingClientRect().right + 1,
        ),
      );
    expect(overflow, `${id} wider than its box`).toBe(false);
  }
  const breakBefore = await page
    .getByTestId('report-ranking')
    .evaluate((el) => getComputedStyle(el.closest('section')!).breakBefore);
  expect(breakBefore).toBe('page');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.getByRole('banner')).toBeVisible();
});
