import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dragInto } from './support/drag';
import { PEOPLE } from './support/portal';
import { studioSignIn } from './support/sign-in';

const COMMUNITY = 'cuiyuan';
const artifacts = join(fileURLToPath(new URL('../../', import.meta.url)), 'test-results', 'studio');
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

test.describe.configure({ mode: 'serial' });

test('an operator selects and reorders blocks in the phone preview and edits a heading through its form', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, PEOPLE.operator);
  await expect(page).toHaveURL(new RegExp(`/studio/c/${COMMUNITY}/compose`));
  const canvas = page.getByTestId('preview-canvas');
  const picks = canvas.locator(':scope > [data-testid="preview-block"]');
  await expect(picks.first()).toBeVisible();
  const ids = () => picks.evaluateAll((els) => els.map((e) => e.getAttribute('data-block-id')));
  const before = await ids();
  expect(before.length).toBeGreaterThan(1);

  // A click on what residents see selects that block: outlined, its properties open.
  await picks.nth(1).click();
  await expect(picks.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('property-title')).not.toBeEmpty();
  await expect(
    page.locator(
      `[data-testid="canvas-block"][data-block-id="${before[1]}"] [data-testid="canvas-block-select"]`,
    ),
  ).toHaveAttribute('aria-pressed', 'true');

  // Dragging it above the first block inside the phone reorders the page.
  await dragInto(page, picks.nth(1), picks.nth(0));
  await expect.poll(ids).toEqual([before[1], before[0], ...before.slice(2)]);

  // A heading dragged from the palette onto the phone lands there, selected, with its form.
  const heading = page.locator('[data-entry="p:heading"]');
  await heading.scrollIntoViewIfNeeded();
  await dragInto(page, heading, picks.nth(1));
  await expect(picks).toHaveCount(before.length + 1);
  const panel = page.getByTestId('property-panel');
  await expect(page.getByTestId('property-title')).toContainText('标题');
  const zh = panel.locator('[data-pointer="/text/zh-CN"] input');
  await zh.fill('邻里节快乐');
  await panel.locator('[data-pointer="/text/en"] input').fill('Happy neighbours day');
  await expect(canvas.getByRole('heading', { name: '邻里节快乐' })).toBeAttached();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', {
    timeout: 15_000,
  });

  // The history names the steps in words.
  await page.getByRole('tab', { name: '操作记录' }).click();
  const steps = page.getByTestId('history-step');
  await expect(steps.first()).toContainText('移动');
  await expect(steps.nth(1)).toHaveText('添加 标题「标题」');
  await expect(steps.last()).toContainText(/修改 标题「.+」 的 文字/);
  await shot(page, 'compose-canvas');

  // The keyboard reaches and works the palette and the canvas: Enter adds, Alt+↑ moves.
  const text = page.locator('[data-entry="p:text"]');
  await text.focus();
  await page.keyboard.press('Enter');
  await expect(picks).toHaveCount(before.length + 2);
  const added = await page.getByTestId('property-title').textContent();
  expect(added).toContain('文本');
  const selected = canvas.locator('[data-testid="preview-block"][aria-pressed="true"]');
  const at = await selected.getAttribute('data-block-id');
  const order = await ids();
  await selected.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(ids).not.toEqual(order);
  expect((await ids()).indexOf(at)).toBe(order.indexOf(at) - 1);

  // Undo everything so the shared demo draft is as it was for the other journeys.
  await page.getByRole('tab', { name: '操作记录' }).click();
  await page.getByTestId('history-steps').getByRole('button', { name: '载入的草稿' }).click();
  await expect.poll(ids).toEqual(before);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', {
    timeout: 15_000,
  });
});
