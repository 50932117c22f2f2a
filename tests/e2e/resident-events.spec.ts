import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
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

const EVENTS = 'std.events';

/** The community's local date and time (Asia/Shanghai) `minutes` from now. */
function shanghai(minutes: number): { date: string; time: string } {
  const at = new Date(Date.now() + minutes * 60_000);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return { date, time };
}

async function balance(page: Page): Promise<number> {
  const value = page.getByTestId('points-balance').first();
  await expect(value).toHaveText(/^\d+$/);
  return Number(await value.textContent());
}

test('events: a volunteer signs up, is checked in by code and out with hours, and is paid points', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // Sign-up closes when the event starts and check-in is on its day: an event later today.
  const now = shanghai(0);
  const start = shanghai(120);
  test.skip(start.date !== now.date, 'too close to midnight in Shanghai for an event later today');

  // The organiser has published today's volunteering (a unique title: runs never share one).
  const title = `楼道清洁志愿 ${Date.now() % 100_000}`;
  const staffApi = await playwrightRequest.newContext({ baseURL });
  const organiser = clientFor(staffApi);
  await organiser.session.login(PEOPLE.staff.username, PEOPLE.staff.password);
  await organiser.records.action(COMMUNITY, EVENTS, 'publish', {
    input: {
      title,
      kind: 'volunteer',
      date: start.date,
      startTime: start.time,
      endTime: '23:59',
      place: '5幢楼道',
      capacity: 5,
      recurrence: 'FREQ=DAILY;COUNT=1',
    },
  });
  await staffApi.dispose();

  // The resident signs up on her phone.
  const ctx = await phoneContext(browser);
  const resident = await ctx.newPage();
  const errors = watchErrors(resident);
  await login(resident, 'resident');
  await resident.goto(portalPath('events/mine'));
  await expect(resident.getByRole('heading', { name: '我的活动', level: 1 })).toBeVisible();
  const before = await balance(resident);
  await resident.goto(portalPath('events'));
  await expect(resident.getByRole('heading', { name: '邻里活动', level: 1 })).toBeVisible();
  const card = resident.locator('.sp-list li').filter({ hasText: title });
  await expect(card.getByText('志愿服务')).toBeVisible();
  expect(await axe(resident)).toEqual([]);
  await card.getByRole('button', { name: '报名' }).click();
  // The list loads again after the action: her place is counted.
  await expect(card).toHaveText(/\b1\s*已报名/);
  await shot(resident, 'events-0-signed-up');

  // Her sign-up shows the code she will show at the door.
  await resident.goto(portalPath('events/mine'));
  const mine = resident.locator('.sp-list li').filter({ hasText: title });
  await expect(mine.getByText('已报名')).toBeVisible();
  await expect(mine.getByText('到场时向组织者出示签到码：')).toBeVisible();
  const code = (await mine.getByText(/^\d{6}$/).textContent())!.trim();
  await shot(resident, 'events-1-code');
  expect(await axe(resident)).toEqual([]);

  // At the venue the organiser types her code, then checks her out with the hours served.
  const staffCtx = await phoneContext(browser);
  const staff = await staffCtx.newPage();
  const staffErrors = watchErrors(staff);
  await login(staff, 'staff');
  await staff.goto(portalPath('events/checkin'));
  await expect(staff.getByRole('heading', { name: '今日签到', level: 1 })).toBeVisible();
  const row = staff.locator('.sp-list li').filter({ hasText: title });
  await expect(row.getByText('已报名')).toBeVisible();
  await expect(row.getByText(code)).toHaveCount(0);
  await row.getByLabel('居民出示的签到码').fill(code);
  await row.getByRole('button', { name: '签到' }).click();
  await expect(row.getByText('已签到')).toBeVisible();
  expect(await axe(staff)).toEqual([]);
  await row.getByLabel('服务时长（小时）').fill('2');
  await row.getByRole('button', { name: '签退' }).click();
  await expect(row.getByText('已签退')).toBeVisible();
  await shot(staff, 'events-2-checked-out');
  expect(await axe(staff)).toEqual([]);
  expect(staffErrors).toEqual([]);
  await staffCtx.close();

  // She is told, and sees her hours and 2 × 10 points more.
  await resident.goto(portalPath('me/inbox'));
  const message = resident.getByRole('button', { name: /志愿服务已签退，积分已发放/ }).first();
  await expect(message).toBeVisible();
  await message.click();
  await expect(resident.getByRole('heading', { name: '我的活动', level: 1 })).toBeVisible();
  await expect(
    resident.locator('.sp-list li').filter({ hasText: title }).getByText('已签退'),
  ).toBeVisible();
  await expect.poll(() => balance(resident)).toBe(before + 20);
  await shot(resident, 'events-3-paid');
  expect(await axe(resident)).toEqual([]);
  expect(errors).toEqual([]);
  await ctx.close();
});
