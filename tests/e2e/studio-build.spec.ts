import { expect, test } from '@playwright/test';
import { axe } from './support/portal';
import { studioSignIn } from './support/sign-in';

// Build progress (规划 → 建设 → 验收 → 运营): the district supervisor edits a community's
// milestones; the province supervisor counts communities per stage, sees the late milestones
// and reads a community's plan without being able to change it. Every screen checked with axe.
const DISTRICT = { username: 'supervisor-xh', password: 'demo-supervisor-2025' };
const PROVINCE = { username: 'supervisor-zj', password: 'demo-supervisor-2025' };

test('the district supervisor adds a milestone to a community’s build plan', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, DISTRICT);
  await expect(page).toHaveURL(/\/studio\/operations\/regions\/zj-hz-xh/);
  await page.getByTestId('to-region-build').click();
  await expect(page).toHaveURL(/\/regions\/zj-hz-xh\/build/);
  // 西湖区's three demo communities are all operating (翠苑, 文新, 转塘).
  await expect(page.getByTestId('stage-operating').locator('strong')).toHaveText('3');
  expect(await axe(page), 'region build').toEqual([]);

  await page.getByTestId('build-cuiyuan').click();
  await expect(page.getByRole('heading', { name: /翠苑未来社区 · 建设进度/ })).toBeVisible();
  await expect(page.getByTestId('build-stage')).toContainText('运营');
  expect(await axe(page), 'build plan, editable').toEqual([]);
  const name = `二期提升 ${Date.now() % 100000}`;
  await page.getByTestId('add-milestone').click();
  await page.getByLabel('第 5 个节点名称').fill(name);
  const saved = page.waitForResponse(
    (r) => r.url().includes('/communities/cuiyuan/build') && r.request().method() === 'PUT',
  );
  await page.getByTestId('save-build').click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByText('建设进度已保存。')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('第 5 个节点名称')).toHaveValue(name);
});

test('the province supervisor sees stages and late milestones, and reads a plan only', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, PROVINCE);
  await expect(page).toHaveURL(/\/studio\/operations\/regions\/zj/);
  await page.getByTestId('to-region-build').click();
  await expect(page).toHaveURL(/\/regions\/zj\/build/);
  // Two demo communities of the province are being built (江北, 五马).
  await expect(page.getByTestId('stage-building').locator('strong')).toHaveText('2');
  const late = page.getByTestId('late-milestones');
  await expect(late.getByRole('row', { name: /江北未来社区.*主体结构封顶/ })).toBeVisible();
  expect(await axe(page), 'region build for the province').toEqual([]);

  await page.getByTestId('build-jiangbei').click();
  await expect(page.getByRole('heading', { name: /江北未来社区 · 建设进度/ })).toBeVisible();
  await expect(page.getByTestId('milestones').getByText('已逾期')).toBeVisible();
  await expect(page.getByText(/只读：建设进度由/)).toBeVisible();
  await expect(page.getByTestId('save-build')).toHaveCount(0);
  expect(await axe(page), 'build plan, read-only').toEqual([]);
});

test('the community operator reads the community’s build stage and milestones', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, { username: 'op-cuiyuan', password: 'demo-operator-2025' });
  await page.goto('/studio/c/cuiyuan/dashboard');
  await page.getByTestId('to-build').click();
  await expect(page).toHaveURL(/\/studio\/c\/cuiyuan\/build/);
  await expect(page.getByRole('heading', { name: /翠苑未来社区 · 建设进度/ })).toBeVisible();
  await expect(page.getByTestId('build-stage')).toContainText('运营');
  await expect(page.getByTestId('milestones')).toBeVisible();
  // Read only: the plan is the admin's and the district supervisor's to change.
  await expect(page.getByTestId('save-build')).toHaveCount(0);
  await expect(page.getByTestId('add-milestone')).toHaveCount(0);
  expect(await axe(page), 'build plan for the operator').toEqual([]);
});
