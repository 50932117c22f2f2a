import { expect, test } from '@playwright/test';
import {
  axe,
  configure,
  login,
  phoneContext,
  portalPath,
  shot,
  watchErrors,
} from './support/portal';

const SURVEY = 'std.survey';
/** A day in the community's zone (Asia/Shanghai), as the server reads `today`. */
const day = (offset: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + offset * 86_400_000),
  );
const QUESTIONS = [
  '您对本社区建设的总体满意度',
  '您对社区环境与绿化的满意度',
  '您对养老、托育、便民等社区服务的满意度',
  '您对公共设施与活动场所的满意度',
  '您对社区治理与居民参与的满意度',
];

test('a visitor answers a survey open to everyone from its link, once; the operator sees the count', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  // A round of its own (opened two days ago), open to everyone with the link.
  await configure(request, SURVEY, (c) => ({
    ...c,
    audience: 'everyone',
    opensOn: day(-2),
    closesOn: day(7),
  }));

  const ctx = await phoneContext(browser);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await page.goto(portalPath('survey'));
  await expect(page.getByRole('heading', { name: '验收前居民满意度调研' })).toBeVisible();
  for (const question of QUESTIONS)
    await page.getByRole('radiogroup', { name: question }).getByRole('radio').nth(3).click();
  await page
    .getByRole('radiogroup', { name: '您是否愿意推荐亲友来本社区居住' })
    .getByRole('radio')
    .nth(0)
    .click();
  expect(await axe(page)).toEqual([]);
  const sent = page.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/actions\/answer$/.test(new URL(r.url()).pathname),
  );
  await page.getByRole('button', { name: '提交问卷' }).click();
  expect((await sent).status()).toBe(201);
  await expect(page.getByText('提交成功，感谢您的参与！')).toBeVisible();
  await shot(page, 'survey-visitor-0-answered');

  // The same browser reopens the link: told it answered, no second sheet.
  await page.goto(portalPath('survey'));
  await expect(page.getByText('您已经填写过这份问卷，感谢参与。')).toBeVisible();
  await expect(page.getByRole('button', { name: '提交问卷' })).toHaveCount(0);
  expect(await axe(page)).toEqual([]);

  // Residents only: a visitor is asked to sign in, in words, instead of a form.
  await configure(request, SURVEY, (c) => ({ ...c, audience: 'residents' }));
  const other = await phoneContext(browser);
  const fresh = await other.newPage();
  await fresh.goto(portalPath('survey'));
  await expect(fresh.getByText('请先登录后再操作。')).toBeVisible();
  await expect(fresh.getByRole('button', { name: '提交问卷' })).toHaveCount(0);
  await shot(fresh, 'survey-visitor-1-residents-only');
  expect(await axe(fresh)).toEqual([]);
  expect(errors).toEqual([]);
  await other.close();
  await ctx.close();

  // The operator counts the visitor's sheet among this round's answers.
  const opCtx = await phoneContext(browser);
  const op = await opCtx.newPage();
  await login(op, 'operator');
  await op.goto(portalPath('survey/results'));
  await expect(op.getByRole('heading', { level: 1, name: '问卷结果' })).toBeVisible();
  const received = op.locator('.sp-stat').filter({ hasText: '已收到答卷' });
  await expect(received.locator('.sp-stat__value')).toHaveText('1');
  expect(await axe(op)).toEqual([]);
  await opCtx.close();
  await configure(request, SURVEY, (c) => ({ ...c, audience: 'everyone' }));
});
