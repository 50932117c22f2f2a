import { expect, request as playwrightRequest, test } from '@playwright/test';
import { clientFor } from './support/api';
import { baseURL } from './playwright.config';
import {
  axe,
  COMMUNITY,
  login,
  PEOPLE,
  phoneContext,
  portalPath,
  shot,
  watchErrors,
  type Person,
} from './support/portal';

const STATION = 'std.health-station';

/** A person's API client on its own request context, for set-up steps done elsewhere. */
async function signedIn(who: Person) {
  const context = await playwrightRequest.newContext({ baseURL });
  const api = clientFor(context);
  const { account } = await api.session.login(PEOPLE[who].username, PEOPLE[who].password);
  return { api, context, accountId: account.id };
}

test('health station: the elder sees her own blood-pressure trend on her phone; a neighbour cannot', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // She joined with her consent earlier (a retry finds her a member already).
  const elder = await signedIn('elder');
  await elder.api.records
    .action(COMMUNITY, STATION, 'join', { input: { name: '赵奶奶', consent: true } })
    .catch((e: { status?: number }) => expect(e.status).toBe(409));
  // The station doctor (demo staff hold the doctor role) records her blood pressure.
  const doctor = await signedIn('staff');
  const roster = await doctor.api.records.query(COMMUNITY, STATION, 'roster', { limit: 100 });
  const member = (roster as { items: { id: string; residentId: string }[] }).items.find(
    (m) => m.residentId === elder.accountId,
  );
  expect(member).toBeDefined();
  await doctor.api.records.action(COMMUNITY, STATION, 'record', {
    input: { memberId: member!.id, systolic: 152, diastolic: 88, heartRate: 76 },
  });
  await doctor.context.dispose();
  await elder.context.dispose();

  const ctx = await phoneContext(browser);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await login(page, 'elder');
  await page.goto(portalPath('health-station'));
  await expect(page.getByRole('heading', { name: '我的健康记录' })).toBeVisible();
  const systolic = page.locator('figure.sp-chart').filter({ hasText: '血压·收缩压' });
  await expect(systolic.locator('svg')).toBeVisible();
  // The chart's figures are also a table for screen readers: today's 152 is there.
  await expect(systolic.getByRole('cell', { name: '152' })).toBeAttached();
  await expect(page.getByText('收缩压：152').first()).toBeVisible();
  await shot(page, 'health-0-elder-trend');
  expect(await axe(page)).toEqual([]);
  expect(errors).toEqual([]);
  await ctx.close();

  // Her neighbour opens the same page: his own (empty) trend, none of her figures.
  const other = await phoneContext(browser);
  const page2 = await other.newPage();
  await login(page2, 'resident');
  await page2.goto(portalPath('health-station'));
  await expect(page2.getByRole('heading', { name: '我的健康记录' })).toBeVisible();
  const his = page2.locator('figure.sp-chart').filter({ hasText: '血压·收缩压' });
  await expect(his.getByText('暂无内容')).toBeVisible();
  await expect(page2.getByText('152')).toHaveCount(0);
  expect(await axe(page2)).toEqual([]);
  await other.close();
  // Asking for her trend by her id is refused.
  const neighbour = await signedIn('resident');
  const refused = await neighbour.api.records
    .query(COMMUNITY, STATION, 'myTrend', { for: elder.accountId })
    .then(
      () => 200,
      (e: { status?: number }) => e.status,
    );
  expect(refused).toBe(403);
  await neighbour.context.dispose();
});
