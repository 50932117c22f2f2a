import { expect, request as playwrightRequest, test } from '@playwright/test';
import { pausesApi } from '@scene/client';
import { dayWords } from '@scene/schema';
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

test('shared spaces: a resident paused after repeated no-shows reads why and until when on her phone, not an error', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // The demo seeds her three missed court bookings; the server says until when she is paused.
  const api = await playwrightRequest.newContext({ baseURL });
  const client = clientFor(api);
  await client.session.login(PEOPLE.paused.username, PEOPLE.paused.password);
  const { until } = await pausesApi(client.http).pause(COMMUNITY, SPACES, 'book');
  await api.dispose();
  expect(until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const day = dayWords(until!, 'zh-CN'); // 12月14日

  const ctx = await phoneContext(browser);
  const resident = await ctx.newPage();
  const errors = watchErrors(resident);
  await login(resident, 'paused');
  await resident.goto(portalPath('spaces'));
  await expect(resident.getByRole('heading', { name: '共享空间预约', level: 1 })).toBeVisible();
  // In the picker's place: the words and the day, as a note, with nothing to book.
  const note = resident.getByTestId('paused');
  await expect(note).toHaveText(`因多次未到场，您的预约已暂停至 ${day}，当天起可以再预约。`);
  await expect(note).toHaveAttribute('role', 'note');
  expect(await resident.locator('label.sp-option').count()).toBe(0);
  expect(await resident.getByRole('button', { name: '预约', exact: true }).count()).toBe(0);
  expect(await resident.getByRole('alert').count()).toBe(0);
  await shot(resident, 'spaces-pause-0-notice');
  expect(await axe(resident)).toEqual([]);

  // She was told when the third no-show paused her.
  await resident.goto(portalPath('me/inbox'));
  await expect(
    resident.getByRole('button', { name: new RegExp(`因多次未到场，您的预约已暂停至 ${day}`) }),
  ).toBeVisible();
  expect(await axe(resident)).toEqual([]);
  expect(errors).toEqual([]);
  await ctx.close();

  // The space staff's list names her and the day, with a note field to lift it early (not
  // lifted here: the demo keeps her paused for the next run).
  const staffCtx = await phoneContext(browser);
  const staff = await staffCtx.newPage();
  const staffErrors = watchErrors(staff);
  await login(staff, 'staff');
  await staff.goto(portalPath('spaces/pauses'));
  await expect(staff.getByRole('heading', { name: '暂停预约名单', level: 1 })).toBeVisible();
  const row = staff.locator('.sp-pauses li').filter({ hasText: '居民 孙丽' });
  await expect(row.getByText(`预约暂停至 ${day}`)).toBeVisible();
  await expect(row.getByLabel('提前解除的说明（将记入审计日志）')).toBeVisible();
  await expect(row.getByRole('button', { name: '提前解除' })).toBeVisible();
  await shot(staff, 'spaces-pause-1-staff');
  expect(await axe(staff)).toEqual([]);
  expect(staffErrors).toEqual([]);
  await staffCtx.close();
});
