import { expect, test, type Page } from '@playwright/test';
import {
  attachPhoto,
  expectAboveTabbar,
  axe,
  login,
  phoneContext,
  portalPath,
  recordCard,
  shot,
  watchErrors,
} from './support/portal';

/** The step a ticket's timeline marks as where it stands now. */
const currentStep = (page: Page) => page.locator('.sp-steps [aria-current=step]');

test('a resident reports a repair with a photo; staff work it from 工作台 and the card list; the resident rates it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const title = `厨房水管漏水 ${Date.now() % 100000}`;

  // Resident: report the fault with a photo.
  const residentCtx = await phoneContext(browser);
  const resident = await residentCtx.newPage();
  const residentErrors = watchErrors(resident);
  await login(resident, 'resident');
  await resident.goto(portalPath('repairs/new'));
  await expect(resident.getByRole('heading', { level: 1, name: '我要报修' })).toBeVisible();
  // Where the form says to call the property office, its number from the plugin's configuration,
  // tap-to-call.
  const hotline = resident
    .locator('.sp-text')
    .filter({ hasText: '物业服务电话' })
    .getByRole('link');
  await expect(hotline).toHaveText(/^[0-9][0-9-]{4,19}$/);
  await expect(hotline).toHaveAttribute('href', /^tel:[0-9]+$/);
  await resident.getByRole('radio', { name: '水管漏水' }).click();
  await resident.getByLabel('房号').fill('3幢2单元1201');
  await resident.getByLabel('问题简述').fill(title);
  await resident.getByLabel('详细描述').fill('水槽下面一直滴水。');
  await resident.getByLabel('联系电话').fill('13812345678');
  await attachPhoto(resident);
  await expect(resident.locator('.van-uploader__preview')).toHaveCount(1);
  await shot(resident, 'repair-0-form');
  await resident.getByRole('button', { name: '提交报修' }).click();
  // The confirmation is announced above the tab bar (read as soon as it shows: it is a toast),
  // and the resident lands on the new ticket: its number, the step timeline and what next.
  const said = resident.getByTestId('announcer').locator('p');
  await expect(said).toHaveText('已提交，物业会尽快受理。');
  await expectAboveTabbar(resident, said);
  await expect(resident).toHaveURL(/repairs\/detail/);
  await expect(resident.getByRole('heading', { name: title })).toBeVisible();
  await expect(resident.getByTestId('record-number')).toHaveText(/^报修 #\d{4,}$/);
  const progress = resident.getByRole('region', { name: '办理进度' });
  await expect(progress.getByRole('listitem')).toHaveText([
    /^待受理(\d{4}年)?\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/,
    '已受理',
    '维修中',
    '待评价',
    '已评价',
  ]);
  await expect(currentStep(resident)).toContainText('待受理');
  await expect(progress).toContainText('接下来：物业会在工作时间内受理');
  // The number the property office's queue shows is on the resident's page, to quote on a call.
  const ticketLine = resident.locator('p').filter({ hasText: /^工单号：\d{6}$/ });
  await expect(ticketLine).toBeVisible();
  const ticketNo = (await ticketLine.textContent())!.replace(/\D/g, '');
  await shot(resident, 'repair-0b-landed');
  expect(await axe(resident)).toEqual([]);
  // 我的 links to each of the resident's own lists; the repairs one opens with the new ticket.
  await resident.goto(portalPath('me'));
  const mine = resident.getByRole('navigation', { name: '我的事项' });
  await expect(mine.getByRole('link', { name: '我的订餐' })).toBeVisible();
  await expect(resident.getByTestId('points-balance')).toBeVisible();
  await expect(resident.locator('.sp-points__unit')).toHaveText('积分');
  await mine.getByRole('link', { name: '我的报修' }).click();
  await expect(resident.getByRole('heading', { level: 1, name: '我的报修' })).toBeVisible();
  await expect(resident.getByText(title)).toBeVisible();
  await shot(resident, 'repair-1-mine');
  expect(await axe(resident)).toEqual([]);

  // Staff sign in to 工作台: each work view with what waits on it, the busiest first.
  const staffCtx = await phoneContext(browser);
  const staff = await staffCtx.newPage();
  const staffErrors = watchErrors(staff);
  await login(staff, 'staff');
  await expect(staff).toHaveURL(/\/me\/work$/);
  const queueEntry = staff
    .getByRole('list', { name: '工作台' })
    .getByRole('link', { name: /报修工单队列/ });
  await expect(queueEntry.getByTestId('work-waiting')).toHaveText(/^\d+ 件待处理$/);
  await shot(staff, 'repair-2a-work');
  expect(await axe(staff)).toEqual([]);
  // The queue opens on the waiting tickets, each a card with its facts and its next step.
  await queueEntry.click();
  await expect(staff.getByRole('tab', { name: '待处理', selected: true })).toBeVisible();
  const card = recordCard(staff, title);
  await expect(card.locator('.sp-badge')).toHaveText('待受理');
  await expect(card).toContainText(ticketNo);
  await expect(card.getByText('3幢2单元1201')).toHaveCount(0);
  await shot(staff, 'repair-2b-cards');
  expect(await axe(staff)).toEqual([]);
  await card.getByRole('button', { name: '受理并接单' }).click();
  await expect(card.locator('.sp-badge')).toHaveText('已受理');
  await card.getByRole('button', { name: '开始维修' }).click();
  await expect(card.locator('.sp-badge')).toHaveText('维修中');
  // Finishing needs notes and a photo: the card's next step opens the ticket.
  await card.getByRole('button', { name: '填写完工' }).click();
  await expect(staff.getByRole('heading', { name: title })).toBeVisible();
  await expect(currentStep(staff)).toContainText('维修中');
  // The technician who took the ticket calls the resident with a tap.
  await expect(staff.getByRole('link', { name: '13812345678' })).toHaveAttribute(
    'href',
    'tel:13812345678',
  );
  await attachPhoto(staff);
  await expect(staff.locator('.van-uploader__preview')).toHaveCount(1);
  await staff.getByLabel('维修说明').fill('更换了下水管接口。');
  await staff.getByRole('button', { name: '确认完工' }).click();
  await expect(currentStep(staff)).toContainText('待评价');
  await shot(staff, 'repair-2-staff-finished');
  expect(await axe(staff)).toEqual([]);
  expect(staffErrors).toEqual([]);

  // Resident: the inbox says it is done; open it and rate it.
  await resident.goto(portalPath('me/inbox'));
  const message = resident.getByRole('button', { name: /维修已完成，请评价/ }).first();
  await expect(message).toBeVisible();
  await message.click();
  await expect(resident.getByRole('heading', { name: title })).toBeVisible();
  await resident.locator('label.sp-star').nth(4).click();
  await resident.getByRole('button', { name: '提交' }).click();
  await expect(resident.getByTestId('announcer')).toContainText(/获得 \d+ 积分|已完成/);
  await expect(currentStep(resident)).toContainText('已评价');
  await shot(resident, 'repair-3-rated');
  expect(residentErrors).toEqual([]);
  await residentCtx.close();
  await staffCtx.close();
});
