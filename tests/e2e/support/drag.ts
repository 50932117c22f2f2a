import type { Locator, Page } from '@playwright/test';

/**
 * Drags `from` onto the upper part of `to`. The studio's Sortable lists run in fallback
 * (mouse-event) mode, so a drag is real mouse moves in steps, not HTML5 drag events.
 * Both ends are scrolled into view first: the palette grows with every standard plugin, and a
 * mouse press outside the viewport selects text instead of starting a drag.
 */
export async function dragInto(page: Page, from: Locator, to: Locator): Promise<void> {
  await to.scrollIntoViewIfNeeded();
  await from.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 5 });
  // Sortable draws its dragged copy once it has taken the drag. Moving on before that (a busy
  // machine) dropped nowhere, and the canvas kept its blocks.
  await page.locator('.sortable-fallback').first().waitFor({ state: 'attached' });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 4, { steps: 15 });
  await page.mouse.up();
}
