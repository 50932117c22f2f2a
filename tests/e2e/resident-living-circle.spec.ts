import { expect, test } from '@playwright/test';
import { axe, login, phone, portalPath, shot, watchErrors } from './support/portal';

test.use({ ...phone, locale: 'zh-CN' });

test('a resident browses the 15-minute living circle by category and calls a place with one tap', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await login(page, 'resident');
  await page.goto(portalPath('living-circle'));
  await expect(page.getByRole('heading', { level: 1, name: '15 分钟生活圈' })).toBeVisible();

  // Nearest first, in the 5- and 15-minute circles and "further away".
  const circles = page.locator('.sp-directory__circle');
  await expect(circles).toHaveText(['5 分钟生活圈', '15 分钟生活圈', '更远']);
  const fiveMinutes = page.locator('.sp-directory section').filter({ hasText: '5 分钟生活圈' });
  await expect(fiveMinutes.first().locator('.sp-place__name')).toHaveText([
    '翠苑新村公交站',
    '邻里食堂',
    '翠苑社区卫生服务站',
    '老百姓大药房（翠苑店）',
  ]);
  // Categories read as their labels, never the stored value.
  await expect(page.getByText('clinic')).toHaveCount(0);
  await shot(page, 'living-circle-0-all');
  expect(await axe(page)).toEqual([]);

  // One category: the clinics, near and far; the other places leave the page.
  const clinics = page.getByRole('button', { name: '卫生服务站', exact: true });
  await clinics.click();
  await expect(clinics).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.sp-place__name')).toHaveText([
    '翠苑社区卫生服务站',
    '区第一人民医院',
  ]);
  await expect(circles).toHaveText(['5 分钟生活圈', '更远']);

  // The phone number is a tap-to-call link named after the place.
  const call = page.getByRole('link', { name: '拨打 翠苑社区卫生服务站' });
  await expect(call).toHaveAttribute('href', 'tel:0571-88881200');
  await expect(page.getByRole('link', { name: '拨打 区第一人民医院' })).toHaveAttribute(
    'href',
    'tel:120',
  );
  await shot(page, 'living-circle-1-clinics');
  expect(await axe(page)).toEqual([]);

  await page.getByRole('button', { name: '全部', exact: true }).click();
  await expect(page.locator('.sp-place__name')).toHaveCount(8);
  expect(errors).toEqual([]);
});
