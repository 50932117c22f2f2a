import { expect, test } from '@playwright/test';
import { login, phone, portalPath, watchErrors } from './support/portal';

test.use(phone);

// The page builds its own API client (it left the portal's first chunk): it reads and saves.
test('a resident reads and saves their notice settings', async ({ page }) => {
  const errors = watchErrors(page);
  await login(page, 'resident');
  await page.goto(portalPath('me/notifications'));
  const inbox = page.getByRole('checkbox', { name: '站内消息' });
  await expect(inbox).toBeVisible();
  const was = await inbox.isChecked();
  await inbox.click();
  await expect(page.locator('.sp-success')).toHaveText('已保存');
  await expect(inbox).toBeChecked({ checked: !was });
  // As it was, for the tests that share the demo resident.
  await inbox.click();
  await expect(inbox).toBeChecked({ checked: was });
  expect(errors).toEqual([]);
});
