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
