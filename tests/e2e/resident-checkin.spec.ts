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
  type Person,
} from './support/portal';

const CHECKIN = 'std.elderly-checkin';

/** A person's API client on its own request context, for set-up steps done elsewhere. */
async function signedIn(who: Person) {
  const context = await playwrightRequest.newContext({ baseURL });
  const api = clientFor(context);
  const { account } = await api.session.login(PEOPLE[who].username, PEOPLE[who].password);
  return { api, context, accountId: account.id };
}

/** The next whole minute in the community's time zone (Asia/Shanghai), as HH:MM. */
function nextMinuteInShanghai(): string {
  const at = new Date(Date.now() + 60_000);
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

test('elderly check-in: the elder checks in in elder mode with one large button', async ({
  browser,
}) => {
  // She joined with her own consent earlier (a retry finds her enrolled already).
  const elder = await signedIn('elder');
  await elder.api.records
    .action(COMMUNITY, CHECKIN, 'enrolSelf', {
      input: { elderName: '王秀英', phone: '13800001111', consent: true },
    })
    .catch((e: { status?: number }) => expect(e.status).toBe(409));
  await elder.context.dispose();

  const ctx = await phoneContext(browser);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await login(page, 'elder');
  await page.goto(portalPath());
  // The operator recorded her as 80+: elder mode is on without her asking.
  await expect(page.getByTestId('elder-toggle')).toHaveAttribute('aria-pressed', 'true');
  const button = page.getByRole('button', { name: '我很好，签到' });
  await expect(button).toBeVisible();
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  // One large button: the card's full width and at least a 48 px target.
  expect(box!.height).toBeGreaterThanOrEqual(48);
  expect(box!.width).toBeGreaterThanOrEqual(300);
  await shot(page, 'checkin-0-elder-home');
  expect(await axe(page, { aaa: true })).toEqual([]);

  await button.click();
  await expect(page.getByText('今天已签到，家人和社区都放心了')).toBeVisible();
  // Once a day: the button gives way to a note (the server also refuses a second check-in).
  await expect(page.getByText('明天再来签到')).toBeVisible();
  await expect(button).toHaveCount(0);
  await shot(page, 'checkin-1-elder-done');
  expect(await axe(page, { aaa: true })).toEqual([]);
  expect(errors).toEqual([]);
  await ctx.close();
});

test('elderly check-in: a missed check-in raises an alert that the grid worker resolves', async ({
  browser,
  request,
}) => {
  test.setTimeout(300_000);
  // The grid worker enrolled a resident, with how she agreed; she does not check in today.
  const resident = await signedIn('resident');
  await resident.context.dispose();
  const staffApi = await signedIn('staff');
  await staffApi.api.records
    .action(COMMUNITY, CHECKIN, 'enrol', {
      input: {
        elderUserId: resident.accountId,
        elderName: '孙玉兰',
        phone: '13700007777',
        address: '3幢2单元502',
        consentMethod: 'inPerson',
        consentNote: '上门时本人当面同意',
        consent: true,
      },
    })
    .catch((e: { status?: number }) => expect(e.status).toBe(409));
  // The operator moves today's deadline to the next minute, so the schedule runs now.
  await configure(request, CHECKIN, (c) => ({ ...c, checkTime: nextMinuteInShanghai() }));
  // The runner (every 2 s in the test platform, reading configuration at most a minute old).
  await expect
    .poll(
      async () => {
        const answer = await staffApi.api.records.query(COMMUNITY, CHECKIN, 'alertQueue', {
          filter: { status: 'open' },
        });
        return (answer as { items: { elderName?: string }[] }).items.map((a) => a.elderName);
      },
      { timeout: 200_000, intervals: [2_000] },
    )
    .toContain('孙玉兰');
  await staffApi.context.dispose();

  const ctx = await phoneContext(browser);
  const staff = await ctx.newPage();
  const errors = watchErrors(staff);
  await login(staff, 'staff');
  await staff.goto(portalPath('me/inbox'));
  const message = staff.getByRole('button', { name: /有老人今天未签到/ }).first();
  await expect(message).toBeVisible();
  await message.click();
  await expect(staff.getByRole('heading', { name: '未签到告警' })).toBeVisible();
  await staff.getByText('孙玉兰').first().click();
  await expect(staff.getByRole('heading', { name: '告警跟进' })).toBeVisible();
  await expect(staff.getByText('待处理')).toBeVisible();
  await shot(staff, 'checkin-2-alert-open');
  expect(await axe(staff)).toEqual([]);

  await staff.getByLabel('电话联系情况').fill('电话无人接听，准备上门');
  await staff.getByRole('button', { name: '已电话联系' }).click();
  await expect(staff.getByText('电话无人接听，准备上门')).toBeVisible();
  await staff.getByLabel('处理结果').fill('上门看过，老人在家休息，身体无恙');
  await staff.getByRole('button', { name: '解除告警' }).click();
  await expect(staff.getByText('已解除')).toBeVisible();
  await expect(staff.getByText('上门看过，老人在家休息，身体无恙')).toBeVisible();
  await shot(staff, 'checkin-3-alert-resolved');
  expect(await axe(staff)).toEqual([]);
  expect(errors).toEqual([]);
  await ctx.close();
});
