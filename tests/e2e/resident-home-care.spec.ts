import { expect, test, type APIRequestContext } from '@playwright/test';
import { peopleExampleManifest } from '@scene/schema';
import { clientFor } from './support/api';
import { apiLogin, axe, COMMUNITY, login, phoneContext, portalPath, shot } from './support/portal';

const manifest = peopleExampleManifest('acme.home-care');

/**
 * The vendor publishes the worked example of MANIFEST.md, the admin approves it, the operator
 * installs it and publishes the portal.
 */
async function installHomeCare(request: APIRequestContext): Promise<void> {
  const api = clientFor(request);
  await api.session.login('vendor-acme', 'demo-vendor-2025');
  await api.registry.publish(manifest);
  await api.session.logout();
  await api.session.login('admin', 'demo-admin-2025');
  await api.registry.review(manifest.id, manifest.version, 'approve');
  await api.session.logout();
  await apiLogin(request, 'operator');
  await api.installations.install(COMMUNITY, {
    pluginId: manifest.id,
    acceptPermissions: ['notify:send'],
  });
  // Staff hold its coordinator and caregiver roles by default (grantedTo): no explicit grants.
  // Its card goes on a members' page; publishing brings its pages into the residents' bundle.
  const draft = await api.portals.draft(COMMUNITY);
  const page = draft.portal.pages.find((p) => !p.public)!;
  page.blocks.push({ id: 'home-care', kind: 'plugin', plugin: manifest.id, view: 'home-card' });
  const saved = await api.portals.saveDraft(COMMUNITY, draft.portal, draft.etag);
  await api.portals.publish(COMMUNITY, { etag: saved.etag, note: 'home care' });
  await api.session.logout();
}

test('home care: eligibility shows its reason, an elder books a visit, staff assign a caregiver by name', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  await installHomeCare(request);

  // A resident under 60 is told why, instead of being shown a form the server would refuse.
  const youngCtx = await phoneContext(browser);
  const young = await youngCtx.newPage();
  await login(young, 'resident');
  await young.goto(portalPath('care'));
  await expect(young.getByTestId('not-eligible')).toContainText(
    '上门助老服务面向 60 岁及以上的老人，家人可以代为预约。',
  );
  await expect(young.getByRole('button', { name: '预约', exact: true })).toHaveCount(0);
  await shot(young, 'home-care-0-not-eligible');
  expect(await axe(young)).toEqual([]);
  await youngCtx.close();

  // The elder (80+) books tomorrow morning.
  const elderCtx = await phoneContext(browser);
  const elder = await elderCtx.newPage();
  await login(elder, 'elder');
  await elder.goto(portalPath('care'));
  await elder.locator('.sp-chips label').nth(1).click();
  await elder.getByRole('radio', { name: /上午/ }).click();
  await elder.getByRole('radio', { name: '陪伴聊天' }).click();
  await elder.getByRole('button', { name: '预约', exact: true }).click();
  await expect(elder.locator('.sp-success')).toBeVisible();

  // Staff pick the caregiver from the people holding the role, by name — never an id.
  const staffCtx = await phoneContext(browser);
  const staff = await staffCtx.newPage();
  await login(staff, 'staff');
  await staff.goto(portalPath('care/queue'));
  const caregiver = staff.getByRole('radio', { name: '物业 李师傅' });
  await expect(caregiver).toBeVisible();
  await caregiver.click();
  await shot(staff, 'home-care-1-assign-picker');
  expect(await axe(staff)).toEqual([]);
  await staff.getByRole('button', { name: '派单' }).click();
  // Wait for the outcome, the visit's row saying 已派单: the assign form (and the success line
  // under it) leaves the row as soon as the list reloads, so on a quick machine it is gone first.
  await expect(staff.getByRole('row', { name: /陪伴聊天\s*已派单/ }).first()).toBeVisible();

  // The elder sees her visit assigned.
  await elder.goto(portalPath('care/mine'));
  await expect(elder.getByText('已派单').first()).toBeVisible();
  await shot(elder, 'home-care-2-assigned');
  await elderCtx.close();
  await staffCtx.close();
});
