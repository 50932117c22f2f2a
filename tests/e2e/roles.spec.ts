import { expect, test, type APIRequestContext, type Page, type Response } from '@playwright/test';
import { clientFor } from './support/api';
import { openPortalPage, picturesAnswered } from './support/open-page';
import {
  apiLogin,
  axe,
  COMMUNITY,
  configure,
  login,
  phoneContext,
  portalPath,
  recordCard,
  watchErrors,
  type Person,
} from './support/portal';

// Personal data a resident gives the repair desk and the canteen; who may see it in clear is the
// plugins' `privacy` declaration, and no demo role's home or work pages need it.
const PHONE = '13912340000';
const CONTACT = '钱多多';
const ROOM = '3幢2单元1201';
const HEALTH = '糖尿病忌糖';
// One run's own names, so a set-up that runs again (a retry) does not meet its first records.
const RUN = Date.now() % 100000;
const EVERYONE_NOTICE = `停水通知（所有人）${RUN}`;

/** A day in the community's zone (Shanghai), as the server's "today" is: not the UTC date. */
const isoDay = (offsetDays: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

/** What a resident and the operator would have done before: a ticket, a booking, a notice. */
async function seed(request: APIRequestContext): Promise<void> {
  // Earlier specs may have filled the canteen's places; a normal community has room.
  await configure(request, 'std.elderly-canteen', (c) => ({
    ...c,
    mealCapacity: { breakfast: 0, lunch: 80, dinner: 50 },
  }));
  const api = clientFor(request);
  await apiLogin(request, 'resident');
  await api.records.action(COMMUNITY, 'std.property-repair', 'report', {
    input: {
      category: 'plumbing',
      locationType: 'room',
      room: ROOM,
      title: '卫生间漏水',
      contactName: CONTACT,
      contactPhone: PHONE,
    },
  });
  await api.records.action(COMMUNITY, 'std.elderly-canteen', 'book', {
    input: {
      date: isoDay(3),
      slot: 'lunch', // on the menu every day (the default has no weekend dinners)
      mode: 'dine_in',
      dietaryNotes: HEALTH,
    },
  });
  await api.session.logout();
  await apiLogin(request, 'operator');
  const draft = await api.records.action(COMMUNITY, 'std.notice-board', 'draft', {
    input: {
      title: EVERYONE_NOTICE,
      type: 'property',
      body: '明天上午 9 点至 12 点停水。',
      audience: 'everyone',
      startAt: new Date(Date.now() - 60_000).toISOString(),
    },
  });
  await api.records.action(COMMUNITY, 'std.notice-board', 'publish', {
    recordId: (draft.record as { id: string }).id,
  });
  await api.session.logout();
}

/** Every 401/403 the portal's API calls got while this page was open. */
function watchRefusals(page: Page): string[] {
  const refusals: string[] = [];
  page.on('response', (r: Response) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/') && (r.status() === 401 || r.status() === 403))
      refusals.push(`${r.status()} ${path}`);
  });
  return refusals;
}

/**
 * Opens a portal path and checks, once its requests have settled, that no block shows a
 * permission error, a log-in prompt or a broken-block placeholder, and that none of the
 * resident's personal data is on the page when `noPersonalData`.
 */
async function visit(
  page: Page,
  path: string,
  noPersonalData: boolean,
  shows?: string,
): Promise<string> {
  // Reached inside the portal as its links do (its own pages with a full load), and read once
  // the page, every part's code and every data request of it have come and been drawn.
  await openPortalPage(page, COMMUNITY, path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await picturesAnswered(page);
  // Wait for what the page must show before reading it.
  if (shows) await expect(page.getByText(shows).first()).toBeVisible();
  await expect(page.getByText(/没有权限|没有查看此页面的权限|请先登录/)).toHaveCount(0);
  await expect(page.locator('.sp-failure')).toHaveCount(0);
  await expect(page.locator('[data-block-error]')).toHaveCount(0);
  const text = await page.locator('body').innerText();
  if (noPersonalData) {
    expect(text, path).not.toContain(PHONE);
    expect(text, path).not.toContain(CONTACT);
    expect(text, path).not.toContain(HEALTH);
    expect(text, path).not.toContain(ROOM);
  }
  return text;
}

const TAB_PAGES = ['', 'p/services', 'p/governance', 'p/me'];

test.describe('every demo role gets its pages without permission errors', () => {
  test.beforeAll(async ({ request }) => seed(request));

  for (const who of ['resident', 'elder', 'staff', 'operator'] as const satisfies Person[]) {
    test(`${who}: home, tab and work pages`, async ({ browser }) => {
      test.setTimeout(180_000);
      const ctx = await phoneContext(browser);
      const page = await ctx.newPage();
      const errors = watchErrors(page);
      await login(page, who);
      // Staff sign in to 工作台; everyone else to 我的.
      if (who === 'staff') await expect(page).toHaveURL(/\/me\/work$/);
      else await expect(page).toHaveURL(/\/me$/);
      const refusals = watchRefusals(page);
      // The reporter sees their own ticket; nobody else needs its contact details or the elder's
      // health notes on these pages.
      const ownData = who === 'resident';
      const home = await visit(page, '', !ownData, EVERYONE_NOTICE);
      expect(home).toContain(EVERYONE_NOTICE);
      for (const path of TAB_PAGES.slice(1)) await visit(page, path, !ownData);

      if (who === 'staff' || who === 'operator') {
        await openPortalPage(page, COMMUNITY, 'me/work');
        const links = page.getByRole('list', { name: '工作台' }).getByRole('link');
        await expect(links.first()).toBeVisible();
        const hrefs = await links.evaluateAll((as) =>
          as.map((a) => new URL((a as HTMLAnchorElement).href).pathname),
        );
        const prefix = `/c/${COMMUNITY}/`;
        for (const href of hrefs) await visit(page, href.slice(prefix.length), true);
        // The repair queue is a work page of both: the ticket is on it, its room masked.
        const queue = await visit(page, 'repairs/queue', true);
        expect(queue).toContain('卫生间漏水');
      }
      expect(refusals).toEqual([]);
      expect(errors).toEqual([]);
      await ctx.close();
    });
  }

  test('a visitor gets the notices for everyone on the home page without being asked to log in', async ({
    browser,
  }) => {
    const ctx = await phoneContext(browser);
    const page = await ctx.newPage();
    const refusals = watchRefusals(page);
    const home = await visit(page, '', true, EVERYONE_NOTICE);
    expect(home).toContain(EVERYONE_NOTICE);
    expect(refusals).toEqual([]);
    await ctx.close();
  });

  test('the technician who takes the ticket sees the phone; the operator unmasks it with a reason', async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const openTicket = async (page: Page) => {
      await page.goto(portalPath('repairs/queue'));
      await recordCard(page, '卫生间漏水')
        .getByRole('link', { name: '卫生间漏水' })
        .first()
        .click();
      await expect(page.getByRole('heading', { name: '卫生间漏水' })).toBeVisible();
    };
    const staffCtx = await phoneContext(browser);
    const staff = await staffCtx.newPage();
    await login(staff, 'staff');
    await openTicket(staff);
    await expect(staff.getByText('139****0000')).toBeVisible();
    await staff.getByRole('button', { name: '受理并接单' }).click();
    await expect(staff.getByText(PHONE)).toBeVisible();
    await expect(staff.getByText(ROOM)).toBeVisible();
    // Staff may not unmask: the plugin names only the operator.
    await expect(staff.getByRole('button', { name: '查看完整信息' })).toHaveCount(0);
    await staffCtx.close();

    const opCtx = await phoneContext(browser);
    const op = await opCtx.newPage();
    await login(op, 'operator');
    await openTicket(op);
    await expect(op.getByText('139****0000')).toBeVisible();
    await op.getByRole('button', { name: '查看完整信息' }).click();
    await op.getByLabel('查看原因（将记入审计日志）').fill('居民投诉漏水未处理，回访核实');
    expect(await axe(op)).toEqual([]);
    await op.getByRole('button', { name: '确认查看' }).click();
    await expect(op.getByText(PHONE)).toBeVisible();
    await expect(op.getByRole('status').filter({ hasText: '已记入审计日志' })).toBeVisible();
    await opCtx.close();
  });
});
