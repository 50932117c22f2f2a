import { expect, test, type APIRequestContext } from '@playwright/test';
import { clientFor } from './support/api';
import {
  attachPhoto,
  axe,
  COMMUNITY,
  login,
  PEOPLE,
  phoneContext,
  portalPath,
  recordCard,
  shot,
} from './support/portal';

/**
 * The elder lets the resident (her daughter here) act for her and receive her notices, as she
 * would with a code in 我的 → 家人 (that journey is the family spec's). Returns the undo.
 */
async function linkFamily(request: APIRequestContext): Promise<() => Promise<void>> {
  const api = clientFor(request);
  await api.session.login(PEOPLE.elder.username, PEOPLE.elder.password);
  const elderId = (await api.session.me())!.account.id;
  await api.session.logout();
  // A run that timed out could not undo its link: start from none, so a retry is a fresh run.
  await api.session.login(PEOPLE.resident.username, PEOPLE.resident.password);
  for (const old of await api.family.links(COMMUNITY))
    if (old.other.accountId === elderId) await api.family.revoke(COMMUNITY, old.id);
  await api.session.logout();
  await api.session.login(PEOPLE.elder.username, PEOPLE.elder.password);
  const { code } = await api.family.invite(COMMUNITY, {
    relation: 'child',
    grant: { act: true, notify: true },
  });
  await api.session.logout();
  await api.session.login(PEOPLE.resident.username, PEOPLE.resident.password);
  const link = await api.family.accept(COMMUNITY, code, { act: false, notify: false });
  await api.session.logout();
  return async () => {
    await api.session.login(PEOPLE.resident.username, PEOPLE.resident.password);
    await api.family.revoke(COMMUNITY, link.id);
    await api.session.logout();
  };
}

test('home care: an elder books, staff assign a caregiver by name, the caregiver finishes, the family sees it done and rates', async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);

  // A resident under 60 is told why, instead of being shown a form the server would refuse.
  const familyCtx = await phoneContext(browser);
  const family = await familyCtx.newPage();
  await login(family, 'resident');
  await family.goto(portalPath('home-care'));
  await expect(family.getByTestId('not-eligible')).toContainText(
    '上门服务面向 60 岁及以上的老人，家人可以代为预约。',
  );
  await expect(family.getByRole('button', { name: '预约', exact: true })).toHaveCount(0);
  await shot(family, 'home-care-0-not-eligible');
  expect(await axe(family)).toEqual([]);

  const unlink = await linkFamily(request);
  try {
    // The elder (80+) books a bath tomorrow morning; the places shown are the bath's.
    const elderCtx = await phoneContext(browser);
    const elder = await elderCtx.newPage();
    await login(elder, 'elder');
    await elder.goto(portalPath('home-care'));
    await elder.locator('.sp-chips label').nth(1).click();
    await elder.getByRole('radio', { name: '助浴' }).click();
    await expect(elder.locator('.sp-slots__left').first()).toContainText('剩');
    await elder.getByRole('radio', { name: /上午/ }).click();
    await elder.getByLabel('上门地址（楼栋门牌）').fill('5幢1单元201');
    await shot(elder, 'home-care-1-book');
    expect(await axe(elder)).toEqual([]);
    await elder.getByRole('button', { name: '预约', exact: true }).click();
    await expect(elder.locator('.sp-success')).toBeVisible();

    // Staff pick the caregiver from the people holding the role, by name — never an id.
    const staffCtx = await phoneContext(browser);
    const staff = await staffCtx.newPage();
    await login(staff, 'staff');
    await staff.goto(portalPath('home-care/queue'));
    // The queue may hold other visits (seeds, an earlier attempt): work on a booked bath's card
    // and count the assigned baths, so the outcome is this assignment's.
    const assignedBaths = recordCard(staff, '助浴').filter({ hasText: '已派单' });
    const booked = recordCard(staff, '助浴').filter({ hasText: '已预约' }).first();
    const caregiver = booked.getByRole('radio', { name: '物业 李师傅' });
    await expect(caregiver).toBeVisible();
    const before = await assignedBaths.count();
    await caregiver.click();
    await shot(staff, 'home-care-2-assign');
    expect(await axe(staff)).toEqual([]);
    // Still picked: a full-page screenshot lays the page out again for a moment, at no width,
    // and the list used to turn its cards into a table and back, which started their forms
    // afresh (CI, twice: 「必填」 under an empty radio after 派单).
    await expect(caregiver).toBeChecked();
    await booked.getByRole('button', { name: '派单' }).click();
    // The outcome is one more card saying 已派单 (the form leaves the card when the list reloads).
    await expect(assignedBaths).toHaveCount(before + 1);

    // The caregiver (the same staff member) starts at the door and finishes with notes and a photo.
    await staff.goto(portalPath('home-care/work'));
    await staff.getByRole('button', { name: '开始服务' }).first().click();
    await expect(staff.getByText('服务中').first()).toBeVisible();
    await staff.getByLabel('服务记录').fill('协助洗澡，老人精神很好。');
    await attachPhoto(staff);
    await staff.getByRole('button', { name: '完成服务' }).click();
    await expect(staff.getByText('已完成').first()).toBeVisible();
    await shot(staff, 'home-care-3-finished');
    expect(await axe(staff)).toEqual([]);

    // The daughter is told; her mother's visit reads done, and she rates it for her.
    await family.goto(portalPath('me/inbox'));
    const message = family.getByRole('button', { name: /家人的上门服务已完成/ }).first();
    await expect(message).toBeVisible();
    await message.click();
    await expect(
      family.getByRole('heading', { name: '我和家人的上门服务', level: 1 }),
    ).toBeVisible();
    await expect(family.getByText('协助洗澡，老人精神很好。')).toBeVisible();
    await family.locator('.van-rate__item').nth(4).click();
    await family.getByRole('button', { name: '评价' }).click();
    await expect(family.getByText('已评价').first()).toBeVisible();
    await shot(family, 'home-care-4-rated');
    expect(await axe(family)).toEqual([]);
    await elderCtx.close();
    await staffCtx.close();
  } finally {
    await unlink();
    await familyCtx.close();
  }
});
