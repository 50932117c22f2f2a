import { expect, request as playwrightRequest, test } from '@playwright/test';
import { baseURL } from './playwright.config';
import { clientFor } from './support/api';
import { axe, INVITATION, phoneContext, portalPath, watchErrors } from './support/portal';
import { studioSignIn } from './support/sign-in';

// Demo accounts seeded by the server in development mode (server/src/seeds/demo.ts).
const COMMUNITY = 'cuiyuan';
const OPERATOR = { username: 'op-cuiyuan', password: 'demo-operator-2025' };
const SURVEY = 'std.survey';

test('an operator sets up the survey from a template in its settings; residents answer those questions', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const context = await playwrightRequest.newContext({ baseURL });
  const operator = clientFor(context);
  await operator.session.login(OPERATOR.username, OPERATOR.password);
  // Other specs answer the default questions: the community gets its survey back afterwards.
  const before = (await operator.installations.get(COMMUNITY, SURVEY)).config;
  try {
    await studioSignIn(page, OPERATOR);
    await page.getByTestId('nav-marketplace').click();
    // Operators find a plugin by its name.
    const installed = page.getByTestId('installed-table');
    await installed.getByRole('textbox', { name: '搜索' }).fill('问卷');
    await installed.getByTestId(`settings-${SURVEY}`).click();
    const drawer = page.getByTestId('settings-drawer');
    await expect(drawer.getByText('“问卷调查”的设置')).toBeVisible();
    // The form shows what the community runs today.
    await expect(drawer.getByLabel('问卷标题')).toHaveValue(String(before.title));

    await drawer.getByTestId('preset-picker').locator('.el-select__wrapper').click();
    await page.getByRole('option', { name: '满意度调研（验收前）' }).click();
    // The picker previews what the template changes before anything changes.
    const preview = drawer.getByTestId('preset-preview');
    await expect(preview.getByText('模板“满意度调研（验收前）”会改变：')).toBeVisible();
    await expect(preview.getByTestId('preset-change').first()).toBeVisible();
    await preview.getByTestId('preset-apply').click();
    await expect(drawer.getByText('已套用模板“满意度调研（验收前）”，尚未保存。')).toBeVisible();
    expect(await axe(page), 'settings drawer').toEqual([]);

    const saved = page.waitForResponse(
      (r) =>
        r.request().method() === 'PATCH' &&
        new URL(r.url()).pathname.endsWith(`/installations/${SURVEY}`),
    );
    await drawer.getByTestId('settings-save').click();
    expect((await saved).status()).toBe(200);
    await expect(page.getByText('“问卷调查”的设置已保存')).toBeVisible();
    const after = await operator.installations.get(COMMUNITY, SURVEY);
    expect((after.config.questions as { id: string }[])[0]!.id).toBe('property');

    // A resident's survey page asks the template's questions. A neighbour who just joined: the
    // demo resident may have answered already in another spec (one answer each, whatever the
    // questions), and would read the thank-you instead of the form.
    const phone = await phoneContext(browser);
    const tag = String(Date.now() % 1_000_000);
    await clientFor(phone.request).session.register({
      invitationCode: INVITATION,
      username: `settings-${tag}`,
      displayName: '新邻居',
      password: `Kx7-${tag}-meadow-lantern`,
    });
    const resident = await phone.newPage();
    const errors = watchErrors(resident);
    await resident.goto(portalPath('survey'));
    await expect(resident.getByRole('heading', { name: '验收前居民满意度调研' })).toBeVisible();
    await expect(resident.getByRole('radiogroup', { name: '您对物业服务的满意度' })).toBeVisible();
    // A question only the default set asks is gone.
    await expect(resident.getByText('您对公共设施与活动场所的满意度')).toHaveCount(0);
    expect(errors).toEqual([]);
    await phone.close();
  } finally {
    await operator.installations.update(COMMUNITY, SURVEY, { config: before });
    await context.dispose();
  }
});

test('the installed list shows every plugin of the community with its actions, filtered by scene and name', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const context = await playwrightRequest.newContext({ baseURL });
  const operator = clientFor(context);
  await operator.session.login(OPERATOR.username, OPERATOR.password);
  const count = (await operator.installations.list(COMMUNITY)).length;
  await context.dispose();
  expect(count).toBeGreaterThan(10);

  await page.setViewportSize({ width: 1280, height: 900 });
  await studioSignIn(page, OPERATOR);
  await page.getByTestId('nav-marketplace').click();
  const installed = page.getByTestId('installed-table');
  // One page holds them all (it was ten to a page, 设置 / 日程 hidden on page 2).
  await expect(installed.getByText(`共 ${count} 条`)).toBeVisible();
  await expect(installed.locator('.el-pagination')).toHaveCount(0);
  await expect(installed.getByTestId('settings-std.visitor-parking')).toBeVisible();
  // The actions column stays in view beside however many columns the table has.
  await installed.getByTestId(`settings-${SURVEY}`).scrollIntoViewIfNeeded();
  await expect(installed.getByTestId(`settings-${SURVEY}`)).toBeInViewport();
  expect(await axe(page), 'marketplace with the installed list').toEqual([]);

  await installed.getByTestId('installed-scene').click();
  await page.getByRole('option', { name: '治理' }).click();
  await expect(installed.getByTestId(`settings-${SURVEY}`)).toBeVisible();
  await expect(installed.getByTestId('settings-std.property-repair')).toHaveCount(0);

  await installed.getByRole('textbox', { name: '搜索' }).fill('报修');
  await expect(installed.getByText('没有符合筛选条件的组件，试试清除筛选。')).toBeVisible();
  await installed.getByRole('button', { name: '清除筛选' }).click();
  await expect(installed.getByText(`共 ${count} 条`)).toBeVisible();
  await installed.getByRole('textbox', { name: '搜索' }).fill('报修');
  await expect(installed.getByTestId('settings-std.property-repair')).toBeVisible();
  await expect(installed.getByTestId(`settings-${SURVEY}`)).toHaveCount(0);
});
