import { expect, request as playwrightRequest, test } from '@playwright/test';
import { clientFor } from './support/api';
import { baseURL } from './playwright.config';
import {
  axe,
  COMMUNITY,
  configure,
  login,
  PEOPLE,
  phoneContext,
  portalPath,
  shot,
  watchErrors,
} from './support/portal';

const HUB = 'std.startup-hub';

/** A local date in the community's zone (Shanghai), `days` from today. */
function shanghaiDate(days: number): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

test('startup hub: a resident applies for a desk, the manager approves, the member books a shared desk and is checked in by code', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // Today's shared desk must stay bookable whatever the time of day the suite runs at.
  const setup = await playwrightRequest.newContext({ baseURL });
  await configure(setup, HUB, (c) => ({ ...c, bookBy: '23:59', cancelBy: '23:59' }));
  // Her live applications and bookings of earlier runs are ended first (one application at a
  // time, one shared desk a day).
  const api = clientFor(setup);
  await api.session.login(PEOPLE.resident.username, PEOPLE.resident.password);
  const earlier = (await api.records.query(COMMUNITY, HUB, 'myMemberships', { limit: 50 })) as {
    items: { id: string; status: string }[];
  };
  for (const m of earlier.items) {
    if (m.status === 'approved')
      await api.records.action(COMMUNITY, HUB, 'leave', { recordId: m.id });
    if (['applied', 'waitlisted'].includes(m.status))
      await api.records.action(COMMUNITY, HUB, 'withdraw', { recordId: m.id });
  }
  const days = (await api.records.query(COMMUNITY, HUB, 'myDeskDays', { limit: 50 })) as {
    items: { id: string; status: string }[];
  };
  for (const b of days.items.filter((x) => x.status === 'booked'))
    await api.records.action(COMMUNITY, HUB, 'cancel', { recordId: b.id });
  await setup.dispose();
  const project = `社区咖啡外卖 ${Date.now() % 100_000}`;

  // She applies on her phone.
  const ctx = await phoneContext(browser);
  const resident = await ctx.newPage();
  const errors = watchErrors(resident);
  await login(resident, 'resident');
  await resident.goto(portalPath('startup/apply'));
  await expect(resident.getByRole('heading', { name: '申请青创固定工位', level: 1 })).toBeVisible();
  expect(await axe(resident)).toEqual([]);
  await resident.getByLabel('项目名称').fill(project);
  await resident.getByLabel('项目简介').fill('为小区周边咖啡店做统一下单和楼栋配送。');
  await resident.getByRole('spinbutton', { name: /团队人数/ }).fill('3');
  await resident.getByRole('spinbutton', { name: /希望使用（月）/ }).fill('6');
  await resident.getByLabel('联系电话').fill('13800135521');
  await shot(resident, 'startup-0-apply');
  await resident.getByRole('button', { name: '提交申请' }).click();
  await expect(resident.getByRole('heading', { name: '我的青创空间', level: 1 })).toBeVisible();
  const application = resident.locator('.sp-list li').filter({ hasText: project });
  await expect(application.getByText('待审核')).toBeVisible();
  expect(await axe(resident)).toEqual([]);

  // The hub manager (staff) sees her phone, and approves with a desk and an end date.
  const staffCtx = await phoneContext(browser);
  const staff = await staffCtx.newPage();
  const staffErrors = watchErrors(staff);
  await login(staff, 'staff');
  await staff.goto(portalPath('startup/review'));
  await expect(staff.getByRole('heading', { name: '青创工位申请审核', level: 1 })).toBeVisible();
  const row = staff.locator('.sp-list li').filter({ hasText: project });
  await expect(row.getByText('13800135521')).toBeVisible();
  expect(await axe(staff)).toEqual([]);
  const desk = row.getByLabel('分配工位');
  if ((await desk.evaluate((el) => el.tagName)) === 'SELECT')
    await desk.selectOption({ label: 'A01 靠窗工位' });
  else await row.getByRole('radio', { name: 'A01 靠窗工位' }).check();
  await row.getByLabel('到期日').fill(shanghaiDate(90));
  await row.getByRole('button', { name: '通过并分配工位' }).click();
  await expect(row.getByText('使用中')).toBeVisible();
  await shot(staff, 'startup-1-approved');
  expect(await axe(staff)).toEqual([]);

  // She is told in words and sees her desk.
  await resident.goto(portalPath('me/inbox'));
  const message = resident.getByRole('button', { name: /青创工位申请已通过/ }).first();
  await expect(message).toBeVisible();
  await message.click();
  await expect(resident.getByRole('heading', { name: '我的青创空间', level: 1 })).toBeVisible();
  const member = resident.locator('.sp-list li').filter({ hasText: project });
  await expect(member.getByText('使用中')).toBeVisible();
  await expect(member.getByText('A01 靠窗工位')).toBeVisible();

  // She books today's shared desk.
  await resident.goto(portalPath('startup/hotdesk'));
  await expect(resident.getByRole('heading', { name: '预约共享工位', level: 1 })).toBeVisible();
  await resident.locator('.sp-chips label').first().click();
  const area = resident.locator('label.sp-option:not(.is-full)').filter({ hasText: '开放工位区' });
  await area.click();
  expect(await axe(resident)).toEqual([]);
  await resident.getByRole('button', { name: '预约', exact: true }).click();
  await expect(resident.getByText('预约成功')).toBeVisible();
  await shot(resident, 'startup-2-booked');

  await resident.goto(portalPath('startup/mine'));
  await expect(resident.getByRole('heading', { name: '我的青创空间', level: 1 })).toBeVisible();
  const booking = resident.locator('.sp-list li').filter({ hasText: '已预约' }).first();
  const codeText = await booking.getByText(/签到码：\d{6}/).textContent();
  const code = /(\d{6})/.exec(codeText ?? '')![1]!;

  // At the hub the manager types the code she shows.
  await staff.goto(portalPath('startup/frontdesk'));
  await expect(staff.getByRole('heading', { name: '共享工位签到', level: 1 })).toBeVisible();
  expect(await axe(staff)).toEqual([]);
  await staff.getByLabel('居民出示的签到码').fill(code);
  await staff.getByRole('button', { name: '签到', exact: true }).click();
  await expect(staff.getByText('已签到').first()).toBeVisible();
  await shot(staff, 'startup-3-checked-in');
  expect(await axe(staff)).toEqual([]);
  // Today's list on the same page reads her as checked in, without a reload.
  await expect(staff.locator('.sp-list li').filter({ hasText: '已签到' }).first()).toBeVisible();
  expect(staffErrors).toEqual([]);
  await staffCtx.close();

  await resident.reload();
  await expect(resident.getByRole('heading', { name: '我的青创空间', level: 1 })).toBeVisible();
  await expect(resident.locator('.sp-list li').filter({ hasText: '已签到' }).first()).toBeVisible();
  expect(await axe(resident)).toEqual([]);
  expect(errors).toEqual([]);
  await ctx.close();
});
