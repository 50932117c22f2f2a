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

test('an operator opens the dashboard and the figures follow the period', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, OPERATOR);
  await page.goto(`/studio/c/${COMMUNITY}/dashboard`);
  const repairs = page.getByTestId('metric-std.property-repair/reported');
  await expect(repairs.locator('canvas')).toBeVisible();
  await expect(page.getByTestId('coverage-score')).toHaveText(/^\d+$/);
  const month = await range(page).innerText();
  expect(await axe(page), 'community dashboard').toEqual([]);

  await page.getByTestId('period-7d').click();
  await expect(page).toHaveURL(/period=7d/);
  await expect(range(page)).not.toHaveText(month);
  const week = await range(page).innerText();
  await page.getByTestId('period-90d').click();
  await expect(page).toHaveURL(/period=90d/);
  await expect(range(page)).not.toHaveText(week);
  await expect(repairs.locator('canvas')).toBeVisible();
});

test('the admin lands on the operations overview', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, ADMIN);
  await expect(page).toHaveURL(/\/studio\/operations/);
  await expect(page.getByTestId(`overview-${COMMUNITY}`)).toBeVisible();
  expect(await axe(page), 'operations overview').toEqual([]);
  await page.getByTestId(`overview-${COMMUNITY}`).click();
  await expect(page.getByTestId('community-dashboard')).toBeVisible();
  await expect(page.getByTestId('coverage-score')).toHaveText(/^\d+$/);
});

test('a supervisor opens the ranking and drills into a community, read-only', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, SUPERVISOR);
  await expect(page).toHaveURL(/\/studio\/operations\/regions\/zj/);
  const ranking = page.getByTestId('ranking');
  await expect(ranking.getByTestId(`drill-${COMMUNITY}`)).toBeVisible();
  await expect(ranking.getByTestId('drill-jiangbei')).toBeVisible();
  expect(await axe(page), 'region dashboard').toEqual([]);
  await ranking.getByTestId(`drill-${COMMUNITY}`).click();
  await expect(page).toHaveURL(new RegExp(`/studio/operations/communities/${COMMUNITY}`));
  await expect(page.getByRole('heading', { name: /翠苑未来社区/ })).toBeVisible();
  await expect(page.getByTestId('back-to-region')).toBeVisible();
  expect(await axe(page), 'community dashboard for a supervisor').toEqual([]);
  // Nothing of the community's composing is open to a supervisor.
  await expect(page.getByTestId('nav-compose')).toHaveCount(0);
});
