import { expect, test } from '@playwright/test';
import { axe, login, phoneContext, portalPath, recordCard, shot } from './support/portal';

test('proposals: a resident proposes, a neighbour supports, the committee opens the vote, one vote per resident', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const title = `在中心花园增设休息座椅 ${Date.now() % 100000}`;

  // A resident makes a proposal.
  const residentCtx = await phoneContext(browser);
  const resident = await residentCtx.newPage();
  await login(resident, 'resident');
  await resident.goto(portalPath('proposals/new'));
  await resident.getByRole('textbox', { name: /^议题/ }).fill(title);
  await resident
    .getByLabel('具体内容和建议')
    .fill('老人散步累了没地方坐，建议在花园东侧加几张长椅。');
  await resident.getByRole('button', { name: '提交议题' }).click();
  await expect(resident.locator('.sp-success')).toContainText('已发布');

  // A neighbour supports it (once).
  const elderCtx = await phoneContext(browser);
  const elder = await elderCtx.newPage();
  await login(elder, 'elder');
  await elder.goto(portalPath('proposals'));
  await elder
    .getByRole('link', { name: new RegExp(title) })
    .first()
    .click();
  await expect(elder.getByRole('heading', { name: title })).toBeVisible();
  await elder.getByRole('button', { name: '我附议' }).click();
  await expect(elder.locator('.sp-success')).toBeVisible();
  await shot(elder, 'proposals-0-supported');
  expect(await axe(elder)).toEqual([]);

  // The committee sends it to review and opens the vote: the operator holds the committee role
  // by default (service staff do not, and no longer does every resident).
  const committeeCtx = await phoneContext(browser);
  const committee = await committeeCtx.newPage();
  await login(committee, 'operator');
  await committee.goto(portalPath('proposals/manage'));
  await recordCard(committee, title).getByRole('button', { name: '处理' }).click();
  await expect(committee.getByRole('heading', { name: title })).toBeVisible();
  await committee.getByRole('button', { name: '提前提交审议' }).click();
  await expect(committee.getByRole('button', { name: '发起表决' })).toBeVisible();
  const closes = new Date(Date.now() + 7 * 86_400_000);
  const local = new Date(closes.getTime() - closes.getTimezoneOffset() * 60_000)
    .toISOString()
    .slice(0, 16);
  await committee.getByLabel('表决截止时间').fill(local);
  await committee.getByRole('button', { name: '发起表决' }).click();
  await expect(committee.getByText('表决中').first()).toBeVisible();
  await shot(committee, 'proposals-1-voting-open');

  // The resident votes once (confirming), and a second vote is refused.
  await resident.goto(portalPath('proposals'));
  await resident
    .getByRole('link', { name: new RegExp(title) })
    .first()
    .click();
  await resident.getByRole('radio', { name: '赞成' }).check();
  await resident.getByRole('button', { name: '投票' }).click();
  await expect(resident.getByRole('alert')).toContainText('投票后不能修改');
  await resident.getByRole('button', { name: '确定' }).click();
  await expect(resident.locator('.sp-success')).toContainText('您已投票');
  await shot(resident, 'proposals-2-voted');
  await resident.reload();
  await resident.getByRole('radio', { name: '反对' }).check();
  await resident.getByRole('button', { name: '投票' }).click();
  await resident.getByRole('button', { name: '确定' }).click();
  await expect(resident.getByRole('alert')).toContainText('每人每个议题限投一票');
  await shot(resident, 'proposals-3-second-vote-refused');
  await residentCtx.close();
  await elderCtx.close();
  await committeeCtx.close();
});
