import { expect, test } from '@playwright/test';
import {
  axe,
  configure,
  everyMealMenu,
  login,
  phoneContext,
  portalPath,
  shot,
} from './support/portal';

test('family: an elder links her son by a one-time code, he books her dinner, she ends the link', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  // Room at dinner whatever the other journeys booked, and dinner on the menu whatever the day.
  await configure(request, 'std.elderly-canteen', (c) => ({
    ...c,
    mealCapacity: { ...(c.mealCapacity as object), dinner: 20 },
    menu: everyMealMenu(c.menu),
  }));

  // The elder invites her son: she is the one who allows him to act for her.
  const elderCtx = await phoneContext(browser);
  const elder = await elderCtx.newPage();
  await login(elder, 'elder');
  await elder.getByTestId('family-link').click();
  await expect(elder.getByRole('heading', { level: 1, name: '家人' })).toBeVisible();
  await elder.getByTestId('invite-relation').selectOption('child');
  await elder.getByRole('button', { name: '生成邀请码' }).click();
  const code = (await elder.getByTestId('family-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await shot(elder, 'family-0-code');
  expect(await axe(elder)).toEqual([]);

  // Her son enters the code on his own phone; nobody looked anyone up by name.
  const sonCtx = await phoneContext(browser);
  const son = await sonCtx.newPage();
  await login(son, 'resident');
  await son.goto(portalPath('me/family'));
  await son.getByTestId('accept-code').fill(code.toLowerCase());
  await son.getByRole('button', { name: '确认关联' }).click();
  await expect(son.locator('.sp-success')).toContainText('已与 居民 赵奶奶 关联');
  const link = son.getByTestId('family-link');
  await expect(link).toContainText('居民 赵奶奶（父母）');
  await expect(link).toContainText('TA 允许您：代为办理、收到通知');
  await shot(son, 'family-1-linked');
  expect(await axe(son)).toEqual([]);

  // He books tomorrow's dinner for her: the form asks for whom.
  await son.goto(portalPath('canteen/book'));
  const forWhom = son.getByTestId('for-whom');
  await expect(forWhom).toBeVisible();
  await forWhom.getByText('居民 赵奶奶').click();
  await son.locator('.sp-chips:not(.sp-for-whom) label').nth(1).click();
  await son.getByRole('radio', { name: /晚餐/ }).click();
  await shot(son, 'family-2-book-for-her');
  await son.getByRole('button', { name: '预约' }).click();
  await expect(son.locator('.sp-success')).toContainText('预约成功');
  expect(await axe(son)).toEqual([]);

  // The booking is hers: she finds it among her own, under her name.
  await elder.goto(portalPath('canteen/mine'));
  await expect(elder.locator('.sp-list').getByText('居民 赵奶奶').first()).toBeVisible();
  await shot(elder, 'family-3-her-bookings');

  // She ends the link; from then on he may no longer book for her.
  await elder.goto(portalPath('me/family'));
  await elder.getByRole('button', { name: '解除关联' }).click();
  await expect(elder.getByText('确定与 居民 王小明 解除关联吗')).toBeVisible();
  await elder.getByRole('button', { name: '解除关联' }).first().click();
  await expect(elder.locator('.sp-success')).toContainText('已解除关联');
  await expect(elder.getByText('还没有关联的家人。')).toBeVisible();

  await son.goto(portalPath('me/family'));
  await expect(son.getByText('还没有关联的家人。')).toBeVisible();
  await son.goto(portalPath('canteen/book'));
  await expect(son.getByRole('radio', { name: /晚餐/ })).toBeVisible();
  await expect(son.getByTestId('for-whom')).toHaveCount(0);
  await elderCtx.close();
  await sonCtx.close();
});
