import { expect, test, type Page } from '@playwright/test';
import { effectiveRoles, mayOpenView } from '@scene/schema';
import { clientFor } from './support/api';
import { openPortalPage } from './support/open-page';
import { axe, COMMUNITY, login, phoneContext, portalPath, type Person } from './support/portal';

/**
 * axe (WCAG 2.1 A/AA) on every screen of the resident portal, for each demo role: the shell's
 * own pages and every page view of every installed plugin that the role opens, read from the
 * published bundle itself, so a plugin page added later is checked without touching this spec.
 * A detail page opens on the first record its own query gives this person (read through the
 * API as them), so it is checked wherever such a record exists; the walk runs after the journeys
 * (playwright.config.ts), which leave the demo's people their own repairs, requests and bookings.
 */

type Who = Person | 'visitor';

/** The shell's pages below `/c/:id/`, by who sees them (the portal's tabs come from the bundle). */
const SHELL = {
  visitor: ['me/login', 'me/register', 'no-such-page'],
  member: ['me/inbox', 'me/points', 'me/family', 'me/notifications', 'me/close', 'no-such-page'],
  staff: ['me/work'],
};

interface Target {
  path: string;
  /** A detail page: opened with the id of the first record its query gives the viewer. */
  detail?: { plugin: string; query: string };
}

/** The screens this person can reach: tabs, shell pages, and the plugin pages they may open. */
async function targetsFor(page: Page, who: Who): Promise<Target[]> {
  const api = clientFor(page.context().request);
  const answer = await api.runtime.bundle(COMMUNITY);
  if (answer.notModified) throw new Error('no etag was sent');
  const wire = answer.bundle;
  const manifests = await api.runtime.manifests(wire.plugins);
  const me = who === 'visitor' ? null : await api.session.me();
  const membership = me?.memberships.find((m) => m.communityId === COMMUNITY);
  const held = membership ? [membership.role, ...membership.pluginRoles] : [];

  const tabs = wire.portal.tabs.map((t, i) => (i === 0 ? '' : `p/${t.page}`));
  const shell =
    who === 'visitor'
      ? SHELL.visitor
      : [...SHELL.member, ...(who === 'staff' || who === 'operator' ? SHELL.staff : [])];
  const views: Target[] = [];
  for (const m of Object.values(manifests)) {
    const roles = effectiveRoles(held, m);
    for (const view of m.views) {
      if (view.slot !== 'page' || !view.route || !mayOpenView(roles, view)) continue;
      const query = (view.root.props as { query?: unknown } | undefined)?.query;
      views.push({
        path: view.route,
        ...(view.root.type === 'detail' && typeof query === 'string'
          ? { detail: { plugin: m.id, query } }
          : {}),
      });
    }
  }
  return [
    ...tabs.map((path) => ({ path })),
    ...shell.map((path) => ({ path })),
    ...views.filter((v) => !v.detail),
    ...views.filter((v) => v.detail),
  ];
}

/**
 * Opens a screen (inside the portal, as its links do: `openPortalPage`) and waits for what it
 * draws: its heading, nothing on its way (the page no longer busy), no skeleton left.
 */
async function open(page: Page, path: string): Promise<void> {
  await openPortalPage(page, COMMUNITY, path);
  await expect(page.getByTestId('skeleton')).toHaveCount(0);
}

/** The id of the first record a detail page's query gives the signed-in person, if any. */
async function firstRecord(page: Page, plugin: string, query: string): Promise<string | undefined> {
  const api = clientFor(page.context().request);
  const answer = await api.records.query(COMMUNITY, plugin, query, { limit: 1 }).catch(() => null);
  return answer?.kind === 'list' ? answer.items[0]?.id : undefined;
}

for (const who of ['visitor', 'resident', 'elder', 'staff', 'operator'] as const) {
  test(`axe AA on every portal screen the ${who} can open`, async ({ browser }) => {
    test.setTimeout(1_200_000);
    const ctx = await phoneContext(browser);
    const page = await ctx.newPage();
    if (who === 'visitor') await page.goto(portalPath(''));
    else await login(page, who);
    const targets = await targetsFor(page, who);
    expect(targets.length).toBeGreaterThan(who === 'visitor' ? 4 : 10);

    const violations: Record<string, unknown[]> = {};
    const checked: string[] = [];
    const unreached: string[] = [];
    for (const { path, detail } of targets) {
      let at = path;
      if (detail) {
        const id = await firstRecord(page, detail.plugin, detail.query);
        if (!id) {
          unreached.push(path);
          continue;
        }
        at = `${path}?id=${encodeURIComponent(id)}`;
      }
      await open(page, at);
      const found = await axe(page);
      if (found.length) violations[at || '(home)'] = found;
      checked.push(at || '(home)');
    }
    test
      .info()
      .annotations.push(
        { type: 'checked', description: `${checked.length}: ${checked.join(', ')}` },
        { type: 'no record to open', description: unreached.join(', ') || 'none' },
      );
    console.log(`${who}: axe on ${checked.length} screens; no record to open: ${unreached}`);
    expect(violations).toEqual({});
    await ctx.close();
  });
}
