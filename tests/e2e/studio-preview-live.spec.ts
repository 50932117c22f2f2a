import { expect, test } from '@playwright/test';
import { clientFor } from './support/api';
import { apiLogin, axe, COMMUNITY, PEOPLE } from './support/portal';
import { studioSignIn } from './support/sign-in';

// One run's own title, so a retry does not meet the first run's notice.
const TITLE = `预览里的真实公告${Date.now() % 100000}`;
// The standard notice board's pinned example notice (plugins/notice-board/fixtures).
const EXAMPLE_TITLE = '关于12月2日小区停水的通知';

test('an operator previews the compose page with the community’s data, read as the operator', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  // A notice published in the community (the demo has none): it exists only in its live data.
  // (No block view a standard plugin offers shows an operator a resident's personal data, so
  // the masking itself is the server's, covered by the API tests; here the read is checked to go
  // to the API as the signed-in operator.)
  const api = clientFor(request);
  await apiLogin(request, 'operator');
  const draft = await api.records.action(COMMUNITY, 'std.notice-board', 'draft', {
    input: {
      title: TITLE,
      type: 'property',
      body: '明天上午 9 点至 12 点停水。',
      audience: 'everyone',
      pinned: true,
      startAt: new Date(Date.now() - 60_000).toISOString(),
    },
  });
  await api.records.action(COMMUNITY, 'std.notice-board', 'publish', {
    recordId: (draft.record as { id: string }).id,
  });
  await api.session.logout();

  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, PEOPLE.operator);
  await expect(page).toHaveURL(new RegExp(`/studio/c/${COMMUNITY}/compose`));
  const phone = page.getByTestId('phone-preview');
  const choice = page.getByTestId('preview-data');
  // Example data by default: the plugin's example notice, not the community's.
  await expect(phone.getByText(EXAMPLE_TITLE).first()).toBeVisible();
  await expect(phone.locator('[data-source="example"]')).toBeAttached();
  expect(await phone.getByText(TITLE).count()).toBe(0);

  // Community data: the community's notice, read through the API as the signed-in operator.
  const read = page.waitForResponse(
    (r) =>
      r.url().includes(`/communities/${COMMUNITY}/plugins/std.notice-board/queries/latest`) &&
      r.request().method() === 'GET',
  );
  await choice.getByText('社区数据').click();
  expect((await read).status()).toBe(200);
  await expect(phone.getByText(TITLE).first()).toBeVisible();
  await expect(page.getByTestId('preview-data-note')).toHaveText(
    '以运营身份读取，个人信息已按运营身份脱敏。',
  );
  // The server reads as the operator: the role choice shows that and cannot be changed.
  const roles = page.getByTestId('preview-as').locator('input');
  await expect(roles.nth(3)).toBeChecked();
  await expect(roles.first()).toBeDisabled();
  expect(await axe(page), 'compose on community data').toEqual([]);

  // The choice is remembered by this browser.
  await page.reload();
  await expect(phone.getByText(TITLE).first()).toBeVisible();

  // Back to example data.
  await choice.getByText('示例数据').click();
  await expect(phone.locator('[data-source="example"]')).toBeAttached();
  await expect(phone.getByText(EXAMPLE_TITLE).first()).toBeVisible();
  expect(await phone.getByText(TITLE).count()).toBe(0);
  await expect(roles.first()).toBeEnabled();
});
