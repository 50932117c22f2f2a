import { expect, test } from '@playwright/test';
import { axe, COMMUNITY, PEOPLE } from './support/portal';
import { studioSignIn } from './support/sign-in';

// Nothing a person cannot read: no action codes, ids, JSON or ISO timestamps.
const RAW = /\b[a-z]+\.[a-z-]+\b|[a-f0-9]{24}|[{}"]|\d{4}-\d{2}-\d{2}T/;

test("an operator reads their own community's audit log in words and narrows it", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, PEOPLE.operator);
  // From the community's dashboard, beside its reports and build progress.
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('to-audit').click();
  await expect(page).toHaveURL(new RegExp(`/studio/c/${COMMUNITY}/audit`));
  const view = page.getByTestId('community-audit');
  await expect(view.getByRole('heading', { name: '审计日志' })).toBeVisible();
  const table = view.getByTestId('audit-table');
  const sentences = table.getByTestId('audit-sentence');
  await expect(sentences.first()).toBeVisible();
  // Only this community's log: no community filter or column to choose another.
  await expect(view.getByTestId('audit-community')).toHaveCount(0);
  expect(await table.locator('.el-table__body').innerText()).not.toMatch(RAW);

  // By kind: the demo's plugins, installed when the community was set up.
  await view.getByTestId('audit-kind').click();
  await page.getByRole('option', { name: '安装组件' }).click();
  await expect(sentences.first()).toContainText(/在 翠苑未来社区 安装了 \S+ \d+\.\d+\.\d+/);
  const times = table.locator('.el-table__body tr td:first-child');
  // Dates in the community's zone, as a person writes them.
  await expect(times.first()).toHaveText(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
  expect(await table.locator('.el-table__body').innerText()).not.toMatch(RAW);
  await page.screenshot({ path: test.info().outputPath('community-audit.png') });
  expect(await axe(page), 'community audit log').toEqual([]);

  // A period ending before today's entries: nothing of the kind happened then.
  const to = view.getByRole('combobox', { name: '结束日期' });
  await to.fill('2020-01-01');
  await to.press('Enter');
  await expect(table).toContainText('没有符合条件的审计记录。');

  // The publish history names who published, never an account id (the demo's first: 系统).
  await page.getByTestId('nav-history').click();
  const versions = page.getByTestId('versions');
  await expect(versions.getByTestId('live-version')).toBeVisible();
  await expect(versions).toContainText(/系统|翠苑运营 陈晓/);
  expect(await versions.innerText()).not.toMatch(/\bsystem\b|[a-f0-9]{24}/);
});
