import { expect, test, type Page } from '@playwright/test';
import { axe } from './support/portal';
import { studioSignIn } from './support/sign-in';

// Operations dashboards: the operator's community dashboard over a chosen period, the admin's
// overview, and a supervisor's region ranking with drill-down; every screen checked with axe.
const COMMUNITY = 'cuiyuan';
const OPERATOR = { username: 'op-cuiyuan', password: 'demo-operator-2025' };
const ADMIN = { username: 'admin', password: 'demo-admin-2025' };
const SUPERVISOR = { username: 'supervisor-zj', password: 'demo-supervisor-2025' };

const range = (p: Page) => p.getByTestId('period-range');
/**
 * The first dashboards of a fresh start wait for its year of roll-ups: the server answers after
 * 60 s at most (DASHBOARD_WAIT_MS in playwright.config.ts), without them if they are not done,
 * so a screen waits longer than that for its first figures (the roll-ups took over a minute
 * beside other busy processes).
 */
const DASHBOARD_MS = 90_000;
test.describe.configure({ timeout: 180_000 });

test('an operator opens the dashboard and the figures follow the period', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, OPERATOR);
  await page.goto(`/studio/c/${COMMUNITY}/dashboard`);
  const repairs = page.getByTestId('metric-std.property-repair/reported');
  // The first dashboard after start reads weeks of records while the roll-ups are written.
  await expect(repairs.locator('canvas')).toBeVisible({ timeout: DASHBOARD_MS });
  await expect(page.getByTestId('coverage-score')).toHaveText(/^\d+$/);
  const month = await range(page).innerText();
  expect(await axe(page), 'community dashboard').toEqual([]);

  await page.getByTestId('period-7d').click();
  await expect(page).toHaveURL(/period=7d/);
  await expect(range(page)).not.toHaveText(month, { timeout: DASHBOARD_MS });
  const week = await range(page).innerText();
  await page.getByTestId('period-90d').click();
  await expect(page).toHaveURL(/period=90d/);
  await expect(range(page)).not.toHaveText(week, { timeout: DASHBOARD_MS });
  await expect(repairs.locator('canvas')).toBeVisible({ timeout: DASHBOARD_MS });
});

test('the admin lands on the operations overview', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, ADMIN);
  await expect(page).toHaveURL(/\/studio\/operations/);
  // The overview works out every community's completeness from its records (eight demo
  // communities, while the first start's roll-ups are written): the dashboards' room.
  await expect(page.getByTestId(`overview-${COMMUNITY}`)).toBeVisible({ timeout: DASHBOARD_MS });
  expect(await axe(page), 'operations overview').toEqual([]);
  await page.getByTestId(`overview-${COMMUNITY}`).click();
  await expect(page.getByTestId('community-dashboard')).toBeVisible();
  await expect(page.getByTestId('coverage-score')).toHaveText(/^\d+$/, { timeout: DASHBOARD_MS });
});

test('a supervisor opens the ranking and drills into a community, read-only', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, SUPERVISOR);
  await expect(page).toHaveURL(/\/studio\/operations\/regions\/zj/);
  const ranking = page.getByTestId('ranking');
  await expect(ranking.getByTestId(`drill-${COMMUNITY}`)).toBeVisible({ timeout: DASHBOARD_MS });
  await expect(ranking.getByTestId('drill-jiangbei')).toBeVisible();
  expect(await axe(page), 'region dashboard').toEqual([]);
  // Figures scene by scene: a tab's metrics rolled up, its leaders, each community's figures.
  const scenes = page.getByTestId('region-scenes');
  await scenes.getByRole('tab', { name: /治理/ }).click();
  await expect(scenes.getByTestId('leaders-governance')).toBeVisible();
  await expect(
    scenes.getByTestId('figures-governance').getByText('翠苑未来社区', { exact: true }),
  ).toBeVisible();
  expect(await axe(page), 'region figures by scene').toEqual([]);
  await ranking.getByTestId(`drill-${COMMUNITY}`).click();
  await expect(page).toHaveURL(new RegExp(`/studio/operations/communities/${COMMUNITY}`));
  await expect(page.getByRole('heading', { name: /翠苑未来社区/ })).toBeVisible();
  await expect(page.getByTestId('back-to-region')).toBeVisible();
  expect(await axe(page), 'community dashboard for a supervisor').toEqual([]);
  // Nothing of the community's composing is open to a supervisor.
  await expect(page.getByTestId('nav-compose')).toHaveCount(0);
});

test('the admin changes the evaluation weights and the region’s ranking follows, with the version', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, ADMIN);
  await expect(page).toHaveURL(/\/studio\/operations/);
  await page.getByTestId('to-weights').click();
  await expect(page).toHaveURL(/\/studio\/operations\/evaluation/);
  await expect(page.getByTestId('weights-version')).toBeVisible();
  expect(await axe(page), 'evaluation weights').toEqual([]);

  // A sum other than 100 is refused by the server, in words.
  await page.getByLabel('活跃度').fill('95');
  await page.getByLabel('活跃度').blur();
  await page.getByTestId('save-weights').click();
  await expect(page.getByText(/合计必须为 100|add up to 100/).first()).toBeVisible();

  for (const [label, value] of [
    ['满意度', '0'],
    ['响应速度', '0'],
    ['场景完整度', '0'],
    ['活跃度', '100'],
  ] as const) {
    await page.getByLabel(label).fill(value);
    await page.getByLabel(label).blur();
  }
  await expect(page.getByTestId('weights-sum')).toHaveText('合计 100%');
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/operations/evaluation') && r.request().method() === 'PUT',
  );
  await page.getByTestId('save-weights').click();
  const { version } = (await (await saved).json()) as { version: number };
  await expect(page.getByTestId('weights-version')).toContainText(`权重第 ${version} 版`);

  await page.goto('/studio/operations/regions/zj');
  const evaluation = page.getByTestId('evaluation');
  await expect(evaluation.getByTestId('evaluation-weights')).toContainText(
    `权重第 ${version} 版：满意度 0% · 活跃度 100% · 响应速度 0% · 场景完整度 0%`,
  );
  // All on activity: the busiest community scores 100 and is the all-rounder.
  await expect(evaluation.getByTestId('all-rounder')).toContainText('综合得分 100 分');
  await expect(evaluation.getByTestId('champion-activity')).toContainText('100 分');
  await expect(evaluation.locator('canvas')).toBeVisible();
  // The ranking follows the weights: all on activity, its first row scores 100 and is the
  // all-rounder.
  const first = page.getByTestId('ranking').locator('tbody tr').first();
  await expect(first).toContainText('100');
  await expect(evaluation.getByTestId('all-rounder')).toContainText(
    await first.getByRole('link').innerText(),
  );
  expect(await axe(page), 'region dashboard with the evaluation').toEqual([]);
});
