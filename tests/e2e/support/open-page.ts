import { expect, type Page } from '@playwright/test';

/**
 * How long a page may take to draw everything on a loaded machine (a slow scan answers after
 * the server's 4 s deadline, a block retries). Each wait below is for an outcome, so the ceiling
 * only costs time when something is really wrong.
 */
const DRAWN_TIMEOUT = 60_000;

/**
 * Waits until the portal's page has drawn what it will draw: its heading is there and its main
 * region is no longer busy. The portal marks `<main>` `aria-busy` from the moment a navigation
 * starts (or the server's page waits for its code) until the page code, every part's code and
 * every data request of the page have come and been drawn, so unlike `networkidle` this needs no
 * half-second of quiet per page, and it cannot read a page before its blocks began to load.
 */
export async function drawn(page: Page): Promise<void> {
  await expect(page.locator('main#main')).toHaveAttribute('aria-busy', 'false', {
    timeout: DRAWN_TIMEOUT,
  });
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
}

/**
 * The community's own pages (its home and `p/<page>`): the server draws them and the browser
 * hydrates that, a path of its own, so they are always opened with a full load.
 */
const drawnByServer = (path: string) => path === '' || /^p\/[^/?]+(\?|$)/.test(path);

/**
 * Opens `path` below `/c/<communityId>/` and waits until it is drawn (`drawn`). When this
 * community's portal is already on screen, the page is reached the way the portal moves between
 * its own pages, without reloading its document and scripts: a new history entry and a
 * `popstate`, which the portal's router answers as it does the browser's back and forward. The
 * community's own pages, and `reload: true`, load the whole document instead, as an address
 * typed in would.
 */
export async function openPortalPage(
  page: Page,
  communityId: string,
  path: string,
  opts: { reload?: boolean } = {},
): Promise<void> {
  const url = `/c/${communityId}/${path}`;
  const here = new URL(page.url());
  const inApp =
    !opts.reload &&
    !drawnByServer(path) &&
    here.pathname.startsWith(`/c/${communityId}/`) &&
    // The portal's app is running (not a boot screen or an error page).
    (await page.locator('main#main[aria-busy]').count()) > 0;
  if (!inApp) {
    await page.goto(url);
  } else if (here.pathname + here.search !== url) {
    // The router starts the navigation (and marks the page busy) within the event, so the
    // page reads busy before this returns.
    await page.evaluate((to) => {
      history.pushState({}, '', to);
      dispatchEvent(new PopStateEvent('popstate', { state: {} }));
    }, url);
  }
  await drawn(page);
}

/**
 * A dashboard's first answer after a fresh start may wait for the roll-ups (DASHBOARD_WAIT_MS is
 * 60 s in playwright.config.ts), and the studio is busy until it comes: room for that and more.
 */
const STUDIO_DRAWN_TIMEOUT = 90_000;

/**
 * Waits until the studio's screen has drawn what it will draw: its main region is no longer
 * busy. The studio marks `<main>` `aria-busy` while a navigation (its screen's code) or any of
 * its API requests is on the way, counted until what came has been drawn.
 */
export async function studioDrawn(page: Page): Promise<void> {
  await expect(page.locator('main.studio-layout__main')).toHaveAttribute('aria-busy', 'false', {
    timeout: STUDIO_DRAWN_TIMEOUT,
  });
}

/**
 * Opens `path` below `/studio/` and waits until it is drawn (`studioDrawn`). When the studio's
 * layout is already on screen, the screen is reached the way the studio moves between its own
 * screens, without reloading its document and scripts: a new history entry and a `popstate`,
 * which the studio's router answers as it does the browser's back and forward (its guards and
 * redirects included). Otherwise, or with `reload: true`, the whole document is loaded.
 */
export async function openStudioPage(
  page: Page,
  path: string,
  opts: { reload?: boolean } = {},
): Promise<void> {
  const url = `/studio/${path}`;
  const here = new URL(page.url());
  const inApp =
    !opts.reload &&
    here.pathname.startsWith('/studio/') &&
    (await page.locator('main.studio-layout__main[aria-busy]').count()) > 0;
  if (!inApp) {
    await page.goto(url);
  } else if (here.pathname + here.search !== url) {
    // No history state: the router then takes the address as it is and navigates to it. It
    // counts the navigation as busy from its first guard, run in the promise callbacks of this
    // event; the page is read only after them (a task later).
    await page.evaluate(async (to) => {
      history.pushState(null, '', to);
      dispatchEvent(new PopStateEvent('popstate', { state: null }));
      await new Promise((next) => setTimeout(next, 0));
    }, url);
  }
  await studioDrawn(page);
}

/**
 * Waits until the page's pictures have their answers. They are not part of the busy state, and a
 * refused one is a refusal a walk must see; one loaded only when scrolled to is never asked for
 * (as under `networkidle`).
 */
export async function picturesAnswered(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.images].every((i) => i.complete || i.loading === 'lazy'),
  );
}
