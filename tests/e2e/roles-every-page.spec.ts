import { expect, test, type APIRequestContext, type Page, type Response } from '@playwright/test';
import { effectiveRoles, mayOpenView, type PluginManifest } from '@scene/schema';
import { openPortalPage, picturesAnswered } from './support/open-page';
import { phoneContext, watchErrors } from './support/portal';
import { portalSignIn } from './support/sign-in';

// roles.spec.ts walks the tab and work pages of one community. This walks every page of every
// installed plugin that each demo role may open, in each live community with people, as issue 13
// asks: a page or block that calls a query its viewer cannot run shows a red permission box,
// and nothing but opening the page finds it.

const RESIDENT = 'demo-resident-2025';
const PEOPLE = {
  resident: { password: RESIDENT, role: 'resident' },
  elder: { password: RESIDENT, role: 'resident' },
  staff: { password: 'demo-staff-2025', role: 'staff' },
  op: { password: 'demo-operator-2025', role: 'operator' },
} as const;
// The live demo communities with residents and staff (the other three have an operator only).
const COMMUNITIES = ['cuiyuan', 'jiangbei'] as const;
const LIVE = ['cuiyuan', 'jiangbei', 'wenxin', 'zhuantang', 'shounan'] as const;

interface Runtime {
  portal: { pages: { id: string }[]; tabs: { page: string }[] };
  plugins: Record<string, { enabled: boolean; version: string; manifestHash: string }>;
}

/**
 * The paths of the pages `role` (a platform role; null: a visitor) may open in the published
 * portal: the portal's own pages, and each installed plugin's page views the role opens, as the
 * portal decides it (`effectiveRoles` + `mayOpenView`). A view that needs a record id from its
 * route (a detail) has nothing to show without one and is left out.
 */
async function pagesFor(
  request: APIRequestContext,
  communityId: string,
  role: string | null,
): Promise<string[]> {
  const runtime = (await (await request.get(`/api/v1/runtime/${communityId}`)).json()) as Runtime;
  const home = runtime.portal.tabs[0]?.page;
  // A visitor gets the home page; the other tab pages ask them to log in or register (the
  // portal opens its own pages to members), which is their purpose, not a refusal.
  const paths = runtime.portal.pages
    .filter((p) => role !== null || p.id === home)
    .map((p) => (p.id === home ? '' : `p/${p.id}`));
  for (const [pluginId, p] of Object.entries(runtime.plugins)) {
    if (!p.enabled) continue;
    const res = await request.get(
      `/api/v1/runtime/plugins/${pluginId}/${p.version}/${p.manifestHash}`,
    );
    const manifest = (await res.json()) as PluginManifest;
    const roles = effectiveRoles(role ? [role] : null, manifest);
    for (const view of manifest.views) {
      if (view.slot !== 'page' || !view.route || view.route.includes(':')) continue;
      if (JSON.stringify(view.root).includes('"route.id"')) continue;
      if (mayOpenView(roles, view)) paths.push(view.route);
    }
  }
  return paths;
}

/** Every 401/403 the portal's API calls got while the page was open. */
function watchRefusals(page: Page): string[] {
  const refusals: string[] = [];
  page.on('response', (r: Response) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/') && (r.status() === 401 || r.status() === 403))
      refusals.push(`${r.status()} ${url.pathname} (on ${new URL(page.url()).pathname})`);
  });
  return refusals;
}

/**
 * Opens each path and collects where a permission error, log-in prompt or broken block shows.
 * A block that failed because the database was too slow to answer (503: on this shared machine
 * a scan can pass the server's 4 s deadline) says nothing about roles: the page is loaded once
 * more, and a block still busy after that is noted, not counted. Pages are reached inside the
 * portal as its links do (`openPortalPage`), and read once everything on them has been drawn.
 */
async function walk(page: Page, communityId: string, paths: string[]): Promise<string[]> {
  const problems: string[] = [];
  let busy = 0;
  page.on('response', (r) => {
    if (r.status() === 503 && new URL(r.url()).pathname.startsWith('/api/')) busy++;
  });
  for (const path of paths) {
    for (let attempt = 0; attempt < 2; attempt++) {
      busy = 0;
      await openPortalPage(page, communityId, path, { reload: attempt > 0 });
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // Every block has its answer: none is left loading to fail or refuse unseen.
      await expect(page.getByTestId('skeleton')).toHaveCount(0);
      const denied = await page.getByText(/没有权限|没有查看此页面的权限|请先登录/).count();
      const failed = await page.locator('.sp-failure, [data-block-error]').count();
      if (denied) problems.push(`${path}: ${denied} permission errors`);
      if (!failed || denied) break;
      if (!busy) {
        problems.push(`${path}: ${failed} failed blocks`);
        break;
      }
      if (attempt === 1)
        test.info().annotations.push({ type: 'busy', description: `${communityId}/${path}` });
    }
  }
  // The last page's pictures have their answers before the walk ends.
  await picturesAnswered(page);
  return problems;
}

test.describe('every page each demo role may open shows no permission error', () => {
  for (const communityId of COMMUNITIES) {
    for (const [who, person] of Object.entries(PEOPLE)) {
      test(`${who}-${communityId}`, async ({ browser, request }) => {
        test.setTimeout(900_000);
        const paths = await pagesFor(request, communityId, person.role);
        // A floor, so a broken listing cannot pass by walking nothing.
        expect(paths.length).toBeGreaterThan(person.role === 'resident' ? 30 : 15);
        const ctx = await phoneContext(browser);
        const page = await ctx.newPage();
        const errors = watchErrors(page);
        await portalSignIn(page, communityId, {
          username: `${who}-${communityId}`,
          password: person.password,
        });
        const refusals = watchRefusals(page);
        const problems = await walk(page, communityId, [
          ...paths,
          'me/inbox',
          'me/notifications',
          ...(person.role === 'resident' ? ['me/points', 'me/family'] : ['me/work']),
        ]);
        expect(problems).toEqual([]);
        expect(refusals).toEqual([]);
        expect(errors).toEqual([]);
        await ctx.close();
      });
    }
  }

  test('a visitor, in every live community', async ({ browser, request }) => {
    test.setTimeout(600_000);
    const ctx = await phoneContext(browser);
    const page = await ctx.newPage();
    const refusals = watchRefusals(page);
    for (const communityId of LIVE) {
      const paths = await pagesFor(request, communityId, null);
      // The portal's pages and the public plugin pages (notices, canteen menu, survey, …).
      expect(paths.length).toBeGreaterThan(4);
      expect(await walk(page, communityId, paths)).toEqual([]);
    }
    expect(refusals).toEqual([]);
    await ctx.close();
  });
});
