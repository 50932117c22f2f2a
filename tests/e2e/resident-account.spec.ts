import { expect, test } from '@playwright/test';
import { clientFor } from './support/api';
import {
  axe,
  COMMUNITY,
  INVITATION,
  PEOPLE,
  phoneContext,
  portalPath,
  shot,
  watchErrors,
} from './support/portal';
import { portalSignIn } from './support/sign-in';

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
  // Closing erases the person from every plugin's records: on the local database each
  // collection is read whole, which took over 15 s beside other busy processes.
  await expect(page.getByTestId('account-closed')).toBeVisible({ timeout: 60_000 });

  // The account is gone: signing in with it fails.
  const login = await page.request.post('/api/v1/auth/login', {
    data: { username, password },
  });
  expect(login.status()).toBe(401);
  expect(errors).toEqual([]);
  await ctx.close();
});

test('registration explains the user-name rule and checks it first; 忘记密码 says who resets it', async ({
  browser,
}) => {
  const ctx = await phoneContext(browser);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  const registrations: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/auth/register')) registrations.push(r.method());
  });
  await page.goto(portalPath('me/register'));
  const username = page.locator('input[name="username"]');
  // The rule sits beside the field and is its accessible description.
  await expect(username).toHaveAccessibleDescription(/3–32 位字母、数字/);
  await page.locator('input[name="invitationCode"]').fill(INVITATION);
  await page.locator('input[name="displayName"]').fill('测试居民');
  await username.fill('张三');
  await page.locator('input[name="password"]').fill('Lantern-orbit-58');
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByRole('alert')).toContainText('以字母或数字开头');
  expect(registrations).toEqual([]);
  // A name someone has: the server's refusal, in the reader's language.
  await username.fill(PEOPLE.resident.username);
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByRole('alert')).toContainText('这个用户名已被使用');
  expect(registrations).toEqual(['POST']);
  expect(await axe(page)).toEqual([]);
  await shot(page, 'register-errors');

  await page.goto(portalPath('me/login'));
  await page.getByText('忘记密码？').click();
  await expect(page.getByText(/社区运营人员可以为您重置密码/)).toBeVisible();
  expect(await axe(page)).toEqual([]);
  await shot(page, 'login-forgot-password');
  expect(errors).toEqual([]);
  await ctx.close();
});

test('a member of another community joins this one with its invitation code', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const ctx = await phoneContext(browser);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  // Registered (and signed in) in 江北, a second community of the demo.
  const username = `e2e-join-${Date.now().toString(36)}`;
  const password = 'Lantern-orbit-58';
  await clientFor(page.request).session.register({
    invitationCode: 'JIANGBEI-2025',
    displayName: '江北居民',
    username,
    password,
  });

  // Signing in here through the portal: it lands on their page, as someone not yet a member.
  await portalSignIn(page, COMMUNITY, { username, password });
  await expect(page.getByText(/您好，江北居民/)).toBeVisible();
  await expect(page.getByTestId('join-code')).toBeVisible();
  await expect(page.getByTestId('family-link')).toHaveCount(0);

  await page.getByTestId('join-code').fill(INVITATION);
  await page.getByRole('button', { name: '加入', exact: true }).click();
  // A member now: the session asked who they are here, so the members' menu shows.
  await expect(page.getByTestId('family-link')).toBeVisible();
  expect(errors).toEqual([]);
  await ctx.close();
});
