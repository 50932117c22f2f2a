import type { Locator, Page } from '@playwright/test';

/**
 * Drags `from` onto the upper part of `to`. The studio's Sortable lists run in fallback
 * (mouse-event) mode, so a drag is real mouse moves in steps, not HTML5 drag events.
 */
export async function dragInto(page: Page, from: Locator, to: Locator): Promise<void> {
  // The palette grows with the standard plugins: its entry may start below the fold.
  await from.scrollIntoViewIfNeeded();
  await to.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 4, { steps: 15 });
  await page.mouse.up();
}
