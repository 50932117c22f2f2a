import { expect, request as playwrightRequest, test } from '@playwright/test';
import { templateManifest } from '@scene/schema';
import { baseURL } from './playwright.config';
import { clientFor } from './support/api';
import { studioSignIn } from './support/sign-in';

// Demo accounts seeded by the server in development mode (server/src/seeds/demo.ts).
const COMMUNITY = 'cuiyuan';
const ADMIN = { username: 'admin', password: 'demo-admin-2025' };
const OPERATOR = { username: 'op-cuiyuan', password: 'demo-operator-2025' };
const RESIDENT = { username: 'resident-cuiyuan', password: 'demo-resident-2025' };
const PLUGIN_ID = 'acme.e2e-reminders';

/** An account's client on its own request context (its own cookies). */
async function signedIn(who: { username: string; password: string }) {
  const context = await playwrightRequest.newContext({ baseURL });
  const api = clientFor(context);
  await api.session.login(who.username, who.password);
  return { api, context };
}

test('an operator reads and switches an installation’s schedules and their run log', async ({
  page,
}) => {
  test.setTimeout(150_000);
  // The template `scene plugin init` writes, its reminder due at once after a report.
  const m = templateManifest(PLUGIN_ID);
  m.name = { 'zh-CN': 'E2E 报修提醒', en: 'E2E repair reminders' };
  m.schedules!.unaccepted!.after = { field: 'createdAt', offset: 'PT0S' };
  const admin = await signedIn(ADMIN);
  await admin.api.registry.publish(m);
  await admin.api.registry.review(PLUGIN_ID, m.version, 'approve');
  const operator = await signedIn(OPERATOR);
  await operator.api.installations.install(COMMUNITY, {
    pluginId: PLUGIN_ID,
    acceptPermissions: m.permissions.map((p) => p.scope),
  });
  const resident = await signedIn(RESIDENT);
  await resident.api.records.action(COMMUNITY, PLUGIN_ID, 'report', {
    input: { title: '楼道灯不亮', phone: '13812341234' },
  });
  // The server's runner (every 2 s in the test platform) finds the new report.
  await expect
    .poll(
      async () => (await operator.api.schedules.runs(COMMUNITY, { pluginId: PLUGIN_ID })).length,
      {
        timeout: 60_000,
      },
    )
    .toBeGreaterThan(0);

  await studioSignIn(page, OPERATOR);
  await page.getByTestId('nav-marketplace').click();
  await page.getByTestId(`schedules-${PLUGIN_ID}`).click();
  const drawer = page.getByTestId('schedules-drawer');
  const schedule = drawer.getByTestId('schedule-unaccepted');
  await expect(schedule).toContainText('报修超时提醒');
  await expect(schedule).toContainText('记录“创建时间”当时');
  const log = drawer.getByTestId('schedule-runs');
  await expect(log).toContainText('已完成');
  // Readable times in the community's zone, never ISO text.
  await expect(log).toContainText(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
  await expect(log).not.toContainText(/\d{4}-\d{2}-\d{2}T/);

  await schedule.getByTestId('schedule-switch-unaccepted').click();
  await expect(page.getByText('已关闭「报修超时提醒」')).toBeVisible();
  const after = await operator.api.installations.get(COMMUNITY, PLUGIN_ID);
  expect(after.schedules).toEqual({ unaccepted: false });

  for (const c of [admin, operator, resident]) await c.context.dispose();
});
