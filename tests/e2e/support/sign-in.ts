import { expect, type Page } from '@playwright/test';

export interface Credentials {
  username: string;
  password: string;
}

/**
 * Sign-ins wait for their outcome — the browser leaving the login page — with room for a loaded
 * machine (password hashing is deliberately slow), never for the form to vanish quickly.
 */
const SIGN_IN_TIMEOUT = 30_000;

/** Signs in to the studio through its login page and waits until the studio has moved on. */
export async function studioSignIn(page: Page, who: Credentials): Promise<void> {
  await page.goto('/studio/');
  await page.getByTestId('login-username').fill(who.username);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/studio/login'), {
    timeout: SIGN_IN_TIMEOUT,
  });
}

/**
 * Signs in to a community's resident portal through its own login page (in whatever language the
 * browser context has) and waits until the portal has moved on to the person's page.
 */
export async function portalSignIn(page: Page, communityId: string, who: Credentials) {
  await page.goto(`/c/${communityId}/me/login`);
  await page.locator('input[autocomplete="username"]').fill(who.username);
  await page.locator('input[autocomplete="current-password"]').fill(who.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: SIGN_IN_TIMEOUT });
  await expect(page.locator('input[autocomplete="current-password"]')).toHaveCount(0);
}
