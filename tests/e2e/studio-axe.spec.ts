import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { areas } from '../../studio/src/areas';
import { openStudioPage } from './support/open-page';
import { axe } from './support/portal';
import { studioSignIn, type Credentials } from './support/sign-in';

// Every studio screen, for every role that may open it, checked with axe (WCAG 2.1 A and AA).
// The table below is checked against the studio's own router areas, so a screen or a role added
// to an area without an axe check here fails the first test.
const COMMUNITY = 'cuiyuan';
const REGION = 'zj';
type Role = 'operator' | 'admin' | 'supervisor' | 'vendor';
const PEOPLE: Record<Role, Credentials> = {
  operator: { username: 'op-cuiyuan', password: 'demo-operator-2025' },
  admin: { username: 'admin', password: 'demo-admin-2025' },
  supervisor: { username: 'supervisor-zj', password: 'demo-supervisor-2025' },
  vendor: { username: 'vendor-acme', password: 'demo-vendor-2025' },
};
const RESIDENT = { username: 'resident-cuiyuan', password: 'demo-resident-2025' };

/**
 * The first dashboards of a fresh start wait for its roll-ups (DASHBOARD_WAIT_MS is 60 s in
 * playwright.config.ts): screens that say `aria-busy` are checked once they say they are done.
 */
const BUSY_MS = 90_000;
/** A screen's first load waits for its data: room for a machine loaded by other test runs. */
const SCREEN_MS = 60_000;
const testId = (id: string) => (p: Page) =>
  expect(p.getByTestId(id)).toBeVisible({ timeout: SCREEN_MS });
const settled = (id: string) => async (p: Page) =>
  expect(p.getByTestId(id)).toHaveAttribute('aria-busy', 'false', { timeout: BUSY_MS });
const heading = (p: Page) =>
  expect(p.locator('main h1, main h2, main h3').first()).toBeVisible({ timeout: SCREEN_MS });
const rows = (p: Page) =>
  expect(p.locator('.el-table__row, [data-testid="empty-state"]').first()).toBeVisible({
    timeout: SCREEN_MS,
  });
const c = (rest: string) => `c/${COMMUNITY}/${rest}`;
/** The version of the standard repair plugin the demo publishes (its review page), whatever it is now. */
const REPAIR_VERSION = (
  JSON.parse(
    readFileSync(new URL('../../plugins/property-repair/plugin.json', import.meta.url), 'utf8'),
  ) as { version: string }
).version;

interface Screen {
  path: string;
  roles: readonly Role[];
  ready: (p: Page) => Promise<void>;
  /** Where a role is sent instead (a supervisor's overview is their region's dashboard). */
  landsOn?: Partial<Record<Role, { path: string; ready: (p: Page) => Promise<void> }>>;
}
const OPERATING: readonly Role[] = ['operator', 'admin'];
const WATCHING: readonly Role[] = ['admin', 'supervisor'];

/** Every route of the studio's areas by name: where to open it and what says it has loaded. */
const SCREENS: Record<string, Screen> = {
  compose: { path: c('compose'), roles: OPERATING, ready: testId('preview-canvas') },
  history: { path: c('history'), roles: OPERATING, ready: testId('versions') },
  marketplace: {
    path: c('marketplace'),
    roles: OPERATING,
    ready: (p) =>
      expect(p.locator('[data-testid^="plugin-card"], .el-table__row').first()).toBeVisible({
        timeout: SCREEN_MS,
      }),
  },
  'marketplace-plugin': {
    path: c('marketplace/std.property-repair'),
    roles: OPERATING,
    ready: heading,
  },
  dashboard: { path: c('dashboard'), roles: OPERATING, ready: settled('community-dashboard') },
  build: { path: c('build'), roles: OPERATING, ready: testId('milestones') },
  reports: { path: c('reports'), roles: OPERATING, ready: settled('reports') },
  'community-audit': { path: c('audit'), roles: OPERATING, ready: testId('community-audit') },
  people: { path: c('people'), roles: OPERATING, ready: testId('plugin-roles-resident-cuiyuan') },
  // The log is empty in the demo (no webhook): ready once it has loaded, rows or not.
  notifications: { path: c('notifications'), roles: OPERATING, ready: settled('delivery-log') },
  operations: {
    path: 'operations',
    roles: WATCHING,
    ready: testId('operations-overview'),
    landsOn: {
      supervisor: { path: `operations/regions/${REGION}`, ready: settled('region-dashboard') },
    },
  },
  'operations-evaluation': { path: 'operations/evaluation', roles: WATCHING, ready: heading },
  'operations-region': {
    path: `operations/regions/${REGION}`,
    roles: WATCHING,
    ready: settled('region-dashboard'),
  },
  'operations-community': {
    path: `operations/communities/${COMMUNITY}`,
    roles: WATCHING,
    ready: settled('community-dashboard'),
  },
  'operations-build': {
    path: `operations/communities/${COMMUNITY}/build`,
    roles: WATCHING,
    ready: testId('milestones'),
  },
  'operations-region-reports': {
    path: `operations/regions/${REGION}/reports`,
    roles: WATCHING,
    ready: settled('reports'),
  },
  'operations-community-reports': {
    path: `operations/communities/${COMMUNITY}/reports`,
    roles: WATCHING,
    ready: settled('reports'),
  },
  'operations-region-build': {
    path: `operations/regions/${REGION}/build`,
    roles: WATCHING,
    ready: testId('build-rows'),
  },
  'platform-communities': { path: 'platform/communities', roles: ['admin'], ready: rows },
  'platform-accounts': { path: 'platform/accounts', roles: ['admin'], ready: rows },
  'platform-audit': { path: 'platform/audit', roles: ['admin'], ready: rows },
  review: { path: 'review', roles: ['admin'], ready: rows },
  'review-version': {
    path: `review/std.property-repair/${REPAIR_VERSION}`,
    roles: ['admin'],
    ready: testId('view-preview'),
  },
  vendor: { path: 'vendor', roles: ['vendor'], ready: testId('vendor-console') },
};

test('the axe table names every studio route and every role that may open it', () => {
  const expected = areas.flatMap((area) =>
    area.routes.map((r) => `${String(r.name)}: ${[...area.roles].sort().join(', ')}`),
  );
  const listed = Object.entries(SCREENS).map(
    ([name, s]) => `${name}: ${[...s.roles].sort().join(', ')}`,
  );
  expect(listed.sort()).toEqual(expected.sort());
});

async function check(page: Page, role: Role, name: string, screen: Screen) {
  await test.step(name, async () => {
    // Each screen is reached inside the studio, as its menu does, and read once it has drawn.
    await openStudioPage(page, screen.path);
    const shown = screen.landsOn?.[role] ?? screen;
    await shown.ready(page);
    // The screen itself, not a redirect elsewhere, is what was checked.
    expect(new URL(page.url()).pathname, name).toBe(`/studio/${shown.path}`);
    expect(await axe(page), name).toEqual([]);
  });
}

for (const role of Object.keys(PEOPLE) as Role[]) {
  test(`every screen a ${role} may open passes axe`, async ({ page }) => {
    // Up to eighteen screens, some waiting for the first roll-ups: room for a loaded machine.
    test.setTimeout(600_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await studioSignIn(page, PEOPLE[role]);
    for (const [name, screen] of Object.entries(SCREENS))
      if (screen.roles.includes(role)) await check(page, role, name, screen);
  });
}

test('the login, no-access and not-found screens pass axe', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.goto('/studio/login');
  await expect(page.getByTestId('login-username')).toBeVisible();
  expect(await axe(page), 'login').toEqual([]);
  await studioSignIn(page, PEOPLE.operator);
  await page.goto('/studio/no-such-screen');
  await expect(page.getByTestId('not-found').getByRole('heading')).toBeVisible();
  await expect(page.getByTestId('not-found').getByRole('link')).toHaveCount(1);
  expect(await axe(page), 'not-found').toEqual([]);
  // A resident, in a browser of their own, is told why the studio is closed to them.
  const resident = await browser.newContext();
  const rp = await resident.newPage();
  await studioSignIn(rp, RESIDENT);
  await expect(rp.getByTestId('no-access')).toBeVisible({ timeout: SCREEN_MS });
  expect(await axe(rp), 'no-access').toEqual([]);
  await resident.close();
});

test('the compose screen with a block selected and the plugin roles dialog pass axe', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, PEOPLE.operator);
  await page.goto(`/studio/${c('compose')}`);
  await page.getByTestId('preview-block').first().click();
  await expect(page.getByTestId('property-title')).not.toBeEmpty();
  expect(await axe(page), 'compose with a block selected').toEqual([]);
  // Plugin roles granted one by one: named as the plugins name them, never by code.
  await openStudioPage(page, c('people'));
  await page.getByTestId('plugin-roles-resident-cuiyuan').click();
  const dialog = page.getByTestId('plugin-roles-dialog');
  await expect(dialog.getByText('物业报修')).toBeVisible();
  await expect(dialog).not.toContainText('plugin:');
  expect(await axe(page), 'plugin roles dialog').toEqual([]);
  await dialog.getByRole('button', { name: '取消' }).click();
});
