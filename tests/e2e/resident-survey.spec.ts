import { expect, test, type Browser } from '@playwright/test';
import { clientFor } from './support/api';
import {
  axe,
  COMMUNITY,
  configure,
  INVITATION,
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

/** Neighbours who registered with the invitation code and answered on their own phones. */
async function neighboursAnswer(browser: Browser, n: number): Promise<void> {
  const tag = String(Date.now() % 1_000_000);
  for (let i = 0; i < n; i++) {
    const ctx = await browser.newContext();
    const api = clientFor(ctx.request);
    await api.session.register({
      invitationCode: INVITATION,
      username: `survey-${tag}-${i}`,
      displayName: `邻居${i}`,
      password: `Survey-${tag}-pass-${i}`,
    });
    await api.records.action(COMMUNITY, SURVEY, 'answer', {
      input: {
        answers: {
          overall: 4,
          environment: 4,
          services: 5,
          facilities: 3,
          governance: 4,
          recommend: i === 0 ? '不确定' : '愿意',
          ideas: `邻居建议 ${i}`,
        },
      },
    });
    await ctx.close();
  }
}

test('a resident answers the satisfaction survey once; the operator sees the results per question', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  // A new round that is open today: everyone may answer it once.
  await configure(request, SURVEY, (c) => ({ ...c, opensOn: day(0), closesOn: day(7) }));
  await neighboursAnswer(browser, 4);

  const ctx = await phoneContext(browser);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  await login(page, 'resident');
  await page.goto(portalPath('survey'));
  await expect(page.getByRole('heading', { name: '验收前居民满意度调研' })).toBeVisible();
  for (const question of [
    '您对本社区建设的总体满意度',
    '您对社区环境与绿化的满意度',
    '您对养老、托育、便民等社区服务的满意度',
    '您对公共设施与活动场所的满意度',
    '您对社区治理与居民参与的满意度',
  ])
    await page.getByRole('radiogroup', { name: question }).getByRole('radio').nth(4).click();
  await page.getByRole('checkbox', { name: '便民服务' }).click();
  // The choices in config order: 愿意, 不确定, 不愿意.
  const recommend = page.getByRole('radiogroup', { name: '您是否愿意推荐亲友来本社区居住' });
  await recommend.getByRole('radio').nth(0).click();
  await page.getByLabel('您对社区建设还有哪些意见和建议').fill('希望增加儿童游乐设施');
  expect(await axe(page)).toEqual([]);
  const sent = page.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/actions\/answer$/.test(new URL(r.url()).pathname),
  );
  await page.getByRole('button', { name: '提交问卷' }).click();
  expect((await sent).status()).toBe(201);
  await expect(page.getByText('提交成功，感谢您的参与！')).toBeVisible();
  await shot(page, 'survey-0-answered');

  // Reopening says they answered, in words, instead of offering a second sheet (a second
  // one is refused by the server too: tests/api/survey.test.ts).
  await page.goto(portalPath('survey'));
  await expect(page.getByText('您已经填写过这份问卷，感谢参与。')).toBeVisible();
  await expect(page.getByRole('button', { name: '提交问卷' })).toHaveCount(0);
  expect(errors).toEqual([]);
  await ctx.close();

  // Operator: five answers, bars with counts and percentages, the written answers, the downloads.
  const opCtx = await phoneContext(browser);
  const op = await opCtx.newPage();
  await login(op, 'operator');
  await op.goto(portalPath('survey/results'));
  await expect(op.getByRole('heading', { level: 1, name: '问卷结果' })).toBeVisible();
  await expect(op.getByText('共收到 5 份答卷')).toBeVisible();
  const overall = op
    .locator('.sp-tally__question')
    .filter({ hasText: '您对本社区建设的总体满意度' });
  await expect(overall.getByText('平均 4.2 星')).toBeVisible();
  await expect(overall.locator('li').filter({ hasText: '5 星' })).toContainText('1 人，20%');
  await expect(overall.locator('li').filter({ hasText: '4 星' })).toContainText('4 人，80%');
  await expect(op.getByText('希望增加儿童游乐设施')).toBeVisible();
  await expect(op.getByRole('link', { name: '下载结果（Excel 表格）' })).toBeVisible();
  await expect(op.getByRole('link', { name: '下载结果（CSV 表格）' })).toBeVisible();
  await shot(op, 'survey-1-results');
  expect(await axe(op)).toEqual([]);
  await opCtx.close();
});
