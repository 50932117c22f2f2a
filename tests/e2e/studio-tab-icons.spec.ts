import { expect, test } from '@playwright/test';
import { axe, COMMUNITY, PEOPLE, phoneContext } from './support/portal';
import { studioSignIn } from './support/sign-in';

// Where a finding is and whom a block is for, never how the JSON spells them.
const RAW = /\/pages|\/blocks|plugin:|\b(resident|staff|operator|public)\b/;

test('an operator picks a tab icon by its picture; the preview, the publish report and the portal follow', async ({
  page,
  browser,
}) => {
  await studioSignIn(page, PEOPLE.operator);
  await expect(page).toHaveURL(new RegExp(`/studio/c/${COMMUNITY}/compose`));
  await page.getByRole('tab', { name: '底部导航' }).click();

  // The first tab's icon: a button showing the picture, named in words.
  const picker = page.getByTestId('tab-editor').getByTestId('icon-picker').first();
  const original = await picker.getAttribute('data-icon');
  expect(original).not.toBe('search');
  await picker.click();
  const grid = page.getByTestId('icon-grid');
  await expect(grid.getByRole('option')).toHaveCount(40);
  // The current icon is marked and has the focus; every icon is named in words.
  const current = grid.getByRole('option', { selected: true });
  await expect(current).toHaveAttribute('data-icon', original!);
  await expect(current).toBeFocused();
  await expect(grid.getByRole('option', { name: '放大镜' })).toBeVisible();
  expect(await axe(page), 'icon picker open').toEqual([]);

  // Keyboard: End (二维码), up a row (对勾), right (放大镜), Enter.
  await page.keyboard.press('End');
  await expect(grid.getByRole('option', { name: '二维码' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowRight');
  await expect(grid.getByRole('option', { name: '放大镜' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(grid).toHaveCount(0);
  await expect(picker).toBeFocused();
  await expect(picker).toHaveAttribute('data-icon', 'search');
  await expect(picker).toHaveAccessibleName(/的图标：放大镜/);

  // The phone preview's tab bar draws it.
  const previewTab = page.getByTestId('phone-preview').locator('.phone__tab').first();
  await expect(previewTab.locator('svg[data-icon="search"]')).toBeVisible();

  // The publish report says where each finding is in words, and whom a block is for by label.
  await page.getByTestId('publish').click();
  const dialog = page.getByTestId('publish-dialog');
  const warnings = dialog.getByTestId('publish-warnings');
  await expect(warnings).toContainText(
    /第 1 页「首页」的第 \d+ 个区块：\s*访客看不到这个区块：「[^」]+」只向居民显示/,
  );
  expect(await warnings.innerText()).not.toMatch(RAW);
  expect(await axe(page), 'publish dialog').toEqual([]);
  await page.screenshot({ path: test.info().outputPath('publish-warnings.png') });
  await dialog.getByTestId('publish-confirm').click();
  await expect(dialog.getByTestId('publish-done')).toBeVisible();

  // A visitor's portal shows the new icon in its tab bar.
  const visitor = await phoneContext(browser);
  const portal = await visitor.newPage();
  await portal.goto(`/c/${COMMUNITY}/`);
  await expect(portal.locator('.shell-tabbar svg[data-icon="search"]')).toBeVisible();
  await portal.screenshot({ path: test.info().outputPath('portal-tab-icon.png') });
  await visitor.close();
});
