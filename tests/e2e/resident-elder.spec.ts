import { expect, test } from '@playwright/test';
import { openPortalPage, picturesAnswered } from './support/open-page';
import { axe, COMMUNITY, login, phone, portalPath, shot, watchErrors } from './support/portal';

test.use(phone);

test('elder mode: bigger text and targets, AAA contrast, remembered after a reload', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(portalPath());
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const toggle = page.getByTestId('elder-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await shot(page, 'elder-0-normal');
  expect(await axe(page)).toEqual([]);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.getByTestId('elder-toggle')).toHaveAttribute('aria-pressed', 'true');
  const base = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(base).toBeGreaterThanOrEqual(20);
  // Every button and link the resident can press is at least 48 px high.
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main button, main a, .shell-header button')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({
        text: el.textContent?.trim().slice(0, 20),
        h: el.getBoundingClientRect().height,
      }))
      .filter((x) => x.h < 48),
  );
  expect(small).toEqual([]);
  await shot(page, 'elder-1-on');
  expect(await axe(page, { aaa: true })).toEqual([]);
  expect(errors).toEqual([]);
});

test('elder mode on the pages a signed-in elder uses passes AAA contrast', async ({ page }) => {
  await login(page, 'elder');
  // The operator recorded her as 80+: elder mode is on without her asking.
  await expect(page.getByTestId('elder-toggle')).toHaveAttribute('aria-pressed', 'true');
  for (const path of ['', 'canteen/book', 'convention', 'points-mall']) {
    // Read once the page, its parts' code and its data have come and been drawn, and its
    // pictures have their answers (they are not part of the page's busy state).
    await openPortalPage(page, COMMUNITY, path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await picturesAnswered(page);
    await shot(page, `elder-2-${path.replace('/', '-') || 'home'}`);
    expect(await axe(page, { aaa: true }), path || 'home').toEqual([]);
  }
});

test('elder mode: form placeholders reach 4.5:1 and card edges 3:1 against the white page', async ({
  page,
}) => {
  await login(page, 'elder');
  await expect(page.getByTestId('elder-toggle')).toHaveAttribute('aria-pressed', 'true');
  // The repair form: text fields with placeholders, inside a card on the page.
  await page.goto(portalPath('repairs/new'));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('input[placeholder], textarea[placeholder]').first()).toBeVisible();
  const measured = await page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const ratio = (a: string, b: string) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    const pageBg = getComputedStyle(document.body).backgroundColor;
    const placeholders = [
      ...document.querySelectorAll<HTMLElement>('input[placeholder], textarea[placeholder]'),
    ]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({
        what: el.getAttribute('placeholder'),
        ratio: ratio(getComputedStyle(el, '::placeholder').color, pageBg),
      }));
    const cards = [...document.querySelectorAll<HTMLElement>('main .sp-form, main .sp-card')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => {
        const s = getComputedStyle(el);
        const edge = parseFloat(s.borderTopWidth) > 0 ? ratio(s.borderTopColor, pageBg) : 1;
        return { what: el.className, ratio: Math.max(edge, ratio(s.backgroundColor, pageBg)) };
      });
    return { pageBg, placeholders, cards };
  });
  expect(measured.placeholders.length).toBeGreaterThan(0);
  expect(measured.cards.length).toBeGreaterThan(0);
  for (const p of measured.placeholders)
    expect(p.ratio, String(p.what)).toBeGreaterThanOrEqual(4.5);
  for (const c of measured.cards) expect(c.ratio, c.what).toBeGreaterThanOrEqual(3);
  console.log('elder contrast', JSON.stringify(measured));
  await shot(page, 'elder-3-repair-form');
});
