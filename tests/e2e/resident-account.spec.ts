import { expect, test } from '@playwright/test';
import { INVITATION, phoneContext, portalPath, watchErrors } from './support/portal';

test('a resident registers (a weak password is refused in the form), then closes the account', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const ctx = await phoneContext(browser);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  const registrations: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/auth/register')) registrations.push(r.method());
  });
  const username = `e2e-${Date.now().toString(36)}`;
  const password = 'Lantern-orbit-58';

  await page.goto(portalPath('me/register'));
  await page.locator('input[name="invitationCode"]').fill(INVITATION);
  await page.locator('input[name="displayName"]').fill('测试居民');
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill('12345678');
  await page.getByRole('button', { name: '注册' }).click();
  // The portal applies the server's password policy itself: no request is sent.
  await expect(page.getByRole('alert')).toContainText('常见密码');
  expect(registrations).toEqual([]);

  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByText(/您好，测试居民/)).toBeVisible();
  expect(registrations).toEqual(['POST']);

  // Under 我的: closing the account explains itself and asks for the password.
  await page.getByTestId('close-account-link').click();
  await expect(page.getByText('不能再次投票或签署', { exact: false })).toBeVisible();
  await page.locator('input[name="password"]').fill('not-my-password');
  await page.getByTestId('close-account').click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.locator('input[name="password"]').fill(password);
  await page.getByTestId('close-account').click();
  await expect(page.getByTestId('account-closed')).toBeVisible();

  // The account is gone: signing in with it fails.
  const login = await page.request.post('/api/v1/auth/login', {
    data: { username, password },
  });
  expect(login.status()).toBe(401);
  expect(errors).toEqual([]);
  await ctx.close();
});
