import {
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { portalSignIn } from './sign-in';
import { clientFor } from './api';

/** Demo data seeded by `server/src/seeds/demo.ts` in development mode. */
export const COMMUNITY = 'cuiyuan';
export const INVITATION = 'CUIYUAN-2025';
export const PEOPLE = {
  resident: { username: 'resident-cuiyuan', password: 'demo-resident-2025' },
  elder: { username: 'elder-cuiyuan', password: 'demo-resident-2025' },
  /** Missed her last three space bookings: her new bookings are paused. */
  paused: { username: 'paused-cuiyuan', password: 'demo-resident-2025' },
  staff: { username: 'staff-cuiyuan', password: 'demo-staff-2025' },
  operator: { username: 'op-cuiyuan', password: 'demo-operator-2025' },
} as const;
export type Person = keyof typeof PEOPLE;

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const artifacts = join(repoRoot, 'test-results', 'resident');

/** A phone: 390×844, touch, mobile layout. */
export const phone = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
} as const;

export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ ...phone, locale: 'zh-CN' });
}

export const portalPath = (path = '') => `/c/${COMMUNITY}/${path}`;

/** Collects page errors and failed scripts; the portal must run under its CSP without any. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to|eval/i.test(m.text()))
      errors.push(m.text());
  });
  return errors;
}

/** Logs in through the portal's own login page and waits for the greeting of the 'me' page. */
export async function login(page: Page, who: Person): Promise<void> {
  await portalSignIn(page, COMMUNITY, PEOPLE[who]);
  await expect(page.getByText(/您好/)).toBeVisible();
}

/** A record drawn as a card (a `table` on a phone's width), by text it shows. */
export const recordCard = (page: Page, text: string | RegExp): Locator =>
  page.locator('.sp-cards__card').filter({ hasText: text });

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core in the page (through the debugger protocol, so the page's CSP still applies
 * to the page itself) and returns the violations: WCAG 2 A/AA, or with `aaa` the enhanced
 * (7:1) contrast rule too.
 */
export async function axe(page: Page, opts: { aaa?: boolean } = {}): Promise<AxeViolation[]> {
  // A dialog still fading in has its text at part opacity, which axe reads as low contrast:
  // check what the person sees once every finite animation and transition has ended.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  await page.evaluate(axeSource);
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', ...(opts.aaa ? ['wcag2aaa'] : [])];
  const result = await page.evaluate(
    async (values) =>
      // axe is the global the script above defines.
      (
        globalThis as unknown as {
          axe: { run: (c: unknown, o: unknown) => Promise<{ violations: unknown[] }> };
        }
      ).axe.run(document, {
        runOnly: { type: 'tag', values },
        resultTypes: ['violations'],
      }),
    tags,
  );
  return (result.violations as AxeViolation[]).map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target })),
  }));
}

/** A real 8×8 PNG (the server checks image bytes, not names). */
export const PHOTO = {
  name: 'photo.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4EaCBFTEMLQkAaplQAc/OcKAAAAAASUVORK5CYII=',
    'base64',
  ),
};

/** Signs the API `request` fixture in (session cookie), for set-up steps a person would do elsewhere. */
export async function apiLogin(request: APIRequestContext, who: Person): Promise<void> {
  await clientFor(request).session.login(PEOPLE[who].username, PEOPLE[who].password);
}

/** Changes part of a plugin's configuration in the community, as its operator would in the studio. */
export async function configure(
  request: APIRequestContext,
  pluginId: string,
  change: (config: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  const api = clientFor(request);
  await apiLogin(request, 'operator');
  const current = await api.installations.get(COMMUNITY, pluginId);
  await api.installations.update(COMMUNITY, pluginId, { config: change(current.config) });
  await api.session.logout();
}

/**
 * The canteen's menu with lunch and dinner on every day of the week: a meal without a menu
 * cannot be booked, and the default menu has no weekend dinners, so a spec that books a
 * relative day's dinner adds them.
 */
export function everyMealMenu(menu: unknown): unknown[] {
  const entries = Array.isArray(menu) ? [...(menu as Record<string, unknown>[])] : [];
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])
    for (const slot of ['lunch', 'dinner'])
      if (!entries.some((e) => e.day === day && e.slot === slot))
        entries.push({ day, slot, dishes: ['家常菜', '米饭'], price: 12 });
  return entries;
}

/**
 * Chooses a photo in the page's first file input and waits for its upload to be stored (the
 * outcome), so a form is never submitted while the photo is still on its way.
 */
export async function attachPhoto(page: Page): Promise<void> {
  const stored = page.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/uploads$/.test(new URL(r.url()).pathname),
  );
  await page.locator('input[type=file]').first().setInputFiles(PHOTO);
  expect((await stored).ok()).toBe(true);
}

/** The element is on screen and wholly above the portal's tab bar (nothing hides it). */
export async function expectAboveTabbar(page: Page, target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  const box = await target.boundingBox();
  const bar = await page.locator('.shell-tabbar').boundingBox();
  expect(box && bar).toBeTruthy();
  expect(box!.y + box!.height).toBeLessThanOrEqual(bar!.y);
}
