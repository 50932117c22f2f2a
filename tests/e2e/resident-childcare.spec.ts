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

const CHILDCARE = 'std.childcare';

/** The community's calendar day `days` from today (Asia/Shanghai), as YYYY-MM-DD. */
function shanghaiDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

test('childcare: a parent is waitlisted, moved up after a cancellation and told in the inbox', async ({
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  // One half-day place a day, so the second family meets a full day.
  await configure(request, CHILDCARE, (c) => ({ ...c, places: { halfDay: 1, fullDay: 4 } }));
  const day = shanghaiDay(3);

  // A grandmother has registered her grandson and taken that day's only half-day place.
  const grandmaCtx = await playwrightRequest.newContext({ baseURL });
  const grandma = clientFor(grandmaCtx);
  await grandma.session.login(PEOPLE.elder.username, PEOPLE.elder.password);
  const child = await grandma.records.action(COMMUNITY, CHILDCARE, 'registerChild', {
    input: {
      childName: '王小宝',
      birthMonth: '2024-03',
      guardianName: '王秀英',
      guardianPhone: '13800001111',
    },
  });
  const first = await grandma.records.action(COMMUNITY, CHILDCARE, 'book', {
    input: { childId: child.record!.id, childName: '王小宝', date: day, session: 'halfDay' },
  });
  expect(first.record).toMatchObject({ status: 'booked' });

  const ctx = await phoneContext(browser);
  const parent = await ctx.newPage();
  const errors = watchErrors(parent);
  await login(parent, 'resident');
  // The parent registers her daughter…
  await parent.goto(portalPath('childcare/register'));
  await expect(parent.getByRole('heading', { name: '登记孩子', level: 1 })).toBeVisible();
  await parent.getByLabel('孩子姓名').fill('李朵朵');
  await parent.getByLabel('出生年月（如 2024-05）').fill('2024-06');
  await parent.getByLabel('家长姓名').fill('李敏');
  await parent.getByLabel('家长电话').fill('13900002222');
  await parent.getByRole('button', { name: '登记孩子' }).click();
  await expect(parent.getByText('已登记，可以预约了')).toBeVisible();
  expect(await axe(parent)).toEqual([]);

  // …and books the full half day: the picker offers the waitlist instead of a closed slot.
  await parent.goto(portalPath('childcare'));
  await expect(parent.getByText('李朵朵').first()).toBeVisible();
  await parent.locator('.sp-chips label').nth(3).click();
  const halfDay = parent.locator('label.sp-option', { hasText: '半日托' });
  await expect(halfDay).toContainText('可候补');
  await halfDay.click();
  await parent.getByRole('button', { name: '预约', exact: true }).click();
  await expect(parent.getByText('候补中').first()).toBeVisible();
  await shot(parent, 'childcare-0-waitlisted');
  expect(await axe(parent)).toEqual([]);

  // The grandmother cancels; the place goes to the first in line.
  const mine = await grandma.records.query(COMMUNITY, CHILDCARE, 'myBookings');
  const hers = (mine as { items: { id: string; date: string }[] }).items.find(
    (b) => b.date === day,
  );
  await grandma.records.action(COMMUNITY, CHILDCARE, 'cancel', { recordId: hers!.id });
  await grandmaCtx.dispose();

  await parent.goto(portalPath('me/inbox'));
  const message = parent.getByRole('button', { name: /候补成功，托育名额已预约/ }).first();
  await expect(message).toBeVisible();
  await shot(parent, 'childcare-1-inbox');
  expect(await axe(parent)).toEqual([]);
  await message.click();
  await expect(parent.getByRole('heading', { name: '社区托育', level: 1 })).toBeVisible();
  await expect(parent.getByText('已预约').first()).toBeVisible();
  await expect(parent.getByText('接孩子时出示接送码：')).toBeVisible();
  await shot(parent, 'childcare-2-promoted');
  expect(await axe(parent)).toEqual([]);
  expect(errors).toEqual([]);
  await ctx.close();
});
