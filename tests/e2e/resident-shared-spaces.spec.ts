import { expect, request as playwrightRequest, test } from '@playwright/test';
import { clientFor } from './support/api';
import { baseURL } from './playwright.config';
import {
  axe,
  COMMUNITY,
  login,
  PEOPLE,
  phoneContext,
  portalPath,
  shot,
  watchErrors,
} from './support/portal';

const SPACES = 'std.shared-spaces';

test('shared spaces: a resident books the room on her phone, staff approve, she sees it booked with her code', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // Her open bookings of earlier runs are cancelled first, so the weekly limit and the room's
  // slots start from what this run books.
  const residentApi = await playwrightRequest.newContext({ baseURL });
  const api = clientFor(residentApi);
  await api.session.login(PEOPLE.resident.username, PEOPLE.resident.password);
  const earlier = (await api.records.query(COMMUNITY, SPACES, 'myBookings', { limit: 50 })) as {
    items: { id: string; status: string }[];
  };
  for (const b of earlier.items.filter((x) => ['requested', 'booked'].includes(x.status)))
    await api.records.action(COMMUNITY, SPACES, 'cancel', { recordId: b.id });
  await residentApi.dispose();
  const purpose = `楼栋议事会 ${Date.now() % 100_000}`;

  const ctx = await phoneContext(browser);
  const resident = await ctx.newPage();
  const errors = watchErrors(resident);
  await login(resident, 'resident');
  await resident.goto(portalPath('spaces'));
  await expect(resident.getByRole('heading', { name: '共享空间预约', level: 1 })).toBeVisible();
  await expect(resident.getByText('多功能活动室').first()).toBeVisible();
  expect(await axe(resident)).toEqual([]);

  // The room first, then tomorrow, then its first free slot (the room's hours, by the hour).
  await resident.getByRole('radio', { name: '多功能活动室' }).click();
  await resident.locator('.sp-chips label').nth(1).click();
  const slot = resident.locator('label.sp-option:not(.is-full)').first();
  await expect(slot).toContainText(/\d{2}:00–\d{2}:00/);
  await slot.click();
  await resident.getByLabel('用途（选填）').fill(purpose);
  await shot(resident, 'spaces-0-picker');
  expect(await axe(resident)).toEqual([]);
  await resident.getByRole('button', { name: '预约', exact: true }).click();
  await expect(resident.getByText('预约成功')).toBeVisible();

  // 我的预约: the booking waits for the staff's approval.
  await resident.goto(portalPath('spaces/mine'));
  await expect(resident.getByRole('heading', { name: '我的预约', level: 1 })).toBeVisible();
  const mine = resident.locator('.sp-list li').filter({ hasText: '多功能活动室' }).first();
  await expect(mine.getByText('待审核')).toBeVisible();
  await shot(resident, 'spaces-1-requested');
  expect(await axe(resident)).toEqual([]);

  // The space staff approve it from their desk, where her code is not shown.
  const staffCtx = await phoneContext(browser);
  const staff = await staffCtx.newPage();
  const staffErrors = watchErrors(staff);
  await login(staff, 'staff');
  await staff.goto(portalPath('spaces/desk'));
  await expect(staff.getByRole('heading', { name: '场地预约管理', level: 1 })).toBeVisible();
  const row = staff.locator('.sp-list li').filter({ hasText: purpose });
  await expect(row.getByText('待审核')).toBeVisible();
  expect(await axe(staff)).toEqual([]);
  await row.getByRole('button', { name: '通过', exact: true }).click();
  await expect(row.getByText('已预约')).toBeVisible();
  await shot(staff, 'spaces-2-approved');
  expect(await axe(staff)).toEqual([]);
  expect(staffErrors).toEqual([]);
  await staffCtx.close();

  // She is told, and her booking now shows the code she shows at the door.
  await resident.goto(portalPath('me/inbox'));
  const message = resident.getByRole('button', { name: /场地预约已通过/ }).first();
  await expect(message).toBeVisible();
  await message.click();
  await expect(resident.getByRole('heading', { name: '我的预约', level: 1 })).toBeVisible();
  const booked = resident.locator('.sp-list li').filter({ hasText: '多功能活动室' }).first();
  await expect(booked.getByText('已预约')).toBeVisible();
  await expect(booked.getByText(/签到码：\d{6}/)).toBeVisible();
  await shot(resident, 'spaces-3-booked');
  expect(await axe(resident)).toEqual([]);
  expect(errors).toEqual([]);
  await ctx.close();
});
