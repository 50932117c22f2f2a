import {
  expect,
  test,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { dragInto } from './support/drag';
import { axe } from './support/portal';
import { portalSignIn, studioSignIn, type Credentials } from './support/sign-in';

// Demo data seeded by the server in development mode (server/src/seeds/demo.ts).
const COMMUNITY = 'cuiyuan';
const OPERATOR = { username: 'op-cuiyuan', password: 'demo-operator-2025' };
const ADMIN = { username: 'admin', password: 'demo-admin-2025' };
const RESIDENT = { username: 'resident-cuiyuan', password: 'demo-resident-2025' };
const NEW_TITLE = `E2E 公告 ${Date.now() % 100000}`;

/** Signs in to the studio; people who compose land on the community's compose screen. */
async function signIn(page: Page, who: Credentials) {
  await studioSignIn(page, who);
  await expect(page).toHaveURL(new RegExp(`/studio/c/${COMMUNITY}/compose`));
  await expect(page.getByTestId('canvas-page')).toBeVisible();
}

/** A resident signed in through the portal's own login page. */
async function residentPortal(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await portalSignIn(page, COMMUNITY, RESIDENT);
  return { context, page };
}

const saved = (page: Page) =>
  expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', {
    timeout: 10_000,
  });

test.describe.configure({ mode: 'serial' });

test('an operator composes, previews, undoes, publishes and rolls back the portal', async ({
  page,
  browser,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.text().includes('Content Security Policy') && errors.push(m.text()));
  await signIn(page, OPERATOR);

  // Drag the notice-board card from the palette onto the home page.
  const canvas = page.getByTestId('canvas-page');
  const before = await canvas.locator(':scope > [data-testid="canvas-block"]').count();
  const entry = page.locator('[data-entry="std.notice-board/home-card"]');
  await dragInto(page, entry, canvas.locator(':scope > [data-testid="canvas-block"]').first());
  await expect(canvas.locator(':scope > [data-testid="canvas-block"]')).toHaveCount(before + 1);

  // The new block is selected; give it a title in the property panel.
  const panel = page.getByTestId('property-panel');
  const title = panel.getByRole('textbox').first();
  await title.fill(NEW_TITLE);
  const preview = page.getByTestId('phone-preview');
  await expect(preview).toContainText(NEW_TITLE);

  // Undo and redo from the keyboard (focus outside the text field).
  await page.getByTestId('tab-canvas').click();
  await page.keyboard.press('Control+z');
  await expect(preview).not.toContainText(NEW_TITLE);
  await page.keyboard.press('Control+Shift+z');
  await expect(preview).toContainText(NEW_TITLE);
  await expect(page.getByTestId('history-steps')).toBeAttached();
  await saved(page);

  // The code tab shows the same page as JSON in Monaco (lazy, under the server's CSP).
  await page.getByTestId('tab-code').click();
  await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.monaco-editor .view-lines')).toContainText(NEW_TITLE);
  // Text that does not parse is explained in the reader's language, with its line and column.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(',');
  await expect(page.getByTestId('code-alert')).toContainText(
    /JSON 格式错误（第 \d+ 行第 \d+ 列）|Not valid JSON \(line \d+, column \d+\)/,
  );
  await page.keyboard.press('Backspace');
  await page.getByTestId('tab-canvas').click();
  await expect(preview).toContainText(NEW_TITLE);

  // Publish: the report and the diff come first.
  await page.getByTestId('publish').click();
  const dialog = page.getByTestId('publish-dialog');
  await expect(dialog.getByTestId('json-diff')).toContainText(NEW_TITLE);
  // Beside the diff, the live version and the draft as residents' phones draw them.
  const after = dialog.getByTestId('publish-after');
  await expect(after.getByTestId('phone-preview')).toContainText(NEW_TITLE);
  await expect(dialog.getByTestId('publish-before').getByTestId('phone-preview')).toBeVisible();
  await expect(dialog.getByTestId('publish-before')).not.toContainText(NEW_TITLE);
  await page.screenshot({ path: test.info().outputPath('publish-dialog.png') });
  expect(await axe(page), 'publish dialog').toEqual([]);
  await dialog.getByTestId('publish-confirm').click();
  await expect(dialog.getByTestId('publish-done')).toBeVisible();
  await expect(dialog.getByTestId('open-portal')).toHaveAttribute('href', `/c/${COMMUNITY}/`);

  // The resident portal shows the new title.
  const resident = await residentPortal(browser);
  await resident.page.goto(`/c/${COMMUNITY}/`);
  await expect(resident.page.getByText(NEW_TITLE).first()).toBeVisible();

  // Roll back to the version before and the resident sees the old portal again.
  await page.keyboard.press('Escape');
  await page.getByTestId('nav-history').click();
  const rows = page.getByTestId('versions');
  await expect(rows.getByTestId('live-version')).toBeVisible();
  const rollback = rows.locator('[data-testid^="rollback-"]').first();
  await rollback.click();
  await page.getByRole('button', { name: /确定|OK/ }).click();
  await expect(page.locator('.el-message--success')).toBeVisible();
  await resident.page.reload();
  await expect(resident.page.locator('body')).not.toContainText(NEW_TITLE, { timeout: 10_000 });
  await resident.context.close();

  // The draft still holds the new card: the history page says so until the operator resets it.
  const differs = page.getByTestId('draft-differs');
  await expect(differs).toBeVisible();
  expect(await axe(page), 'history after a rollback').toEqual([]);
  await differs.getByTestId('reset-draft').click();
  await expect(differs).toHaveCount(0);
  await page.getByTestId('nav-compose').click();
  await expect(page.getByTestId('canvas-page')).toBeVisible();
  await expect(
    page.getByTestId('canvas-page').locator('[data-testid="canvas-block"]').first(),
  ).toBeVisible();
  await expect(page.getByTestId('phone-preview')).not.toContainText(NEW_TITLE);
  expect(errors).toEqual([]);
});

test('a second operator editing the same draft is never overwritten', async ({ page, browser }) => {
  await signIn(page, OPERATOR);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  // Admins land on the operations overview; they open the community's compose screen from there.
  await studioSignIn(otherPage, ADMIN);
  await expect(otherPage.getByTestId('operations-overview')).toBeVisible();
  await otherPage.goto(`/studio/c/${COMMUNITY}/compose`);
  await expect(otherPage.getByTestId('canvas-page')).toBeVisible();
  await otherPage.getByTestId('community-switcher').click();
  await otherPage.getByRole('option', { name: '翠苑未来社区' }).click();
  await expect(otherPage).toHaveURL(new RegExp(`/studio/c/${COMMUNITY}/compose`));

  // The other operator removes a block and their autosave lands first.
  const theirs = otherPage
    .getByTestId('canvas-page')
    .locator(':scope > [data-testid="canvas-block"]');
  const count = await theirs.count();
  await theirs.last().getByTestId('remove-block').click();
  await expect(theirs).toHaveCount(count - 1);
  await saved(otherPage);

  // This operator's next change meets a stale ETag: the studio stops and asks.
  const mine = page.getByTestId('canvas-page').locator(':scope > [data-testid="canvas-block"]');
  await mine.first().getByTestId('remove-block').click();
  const conflict = page.getByTestId('conflict-dialog');
  await expect(conflict).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'conflict');
  await conflict.getByTestId('conflict-compare').click();
  await expect(conflict.getByTestId('conflict-diff')).toContainText(/删除|Removed|新增|Added/);

  // Reloading takes their draft; nothing of theirs was lost.
  await conflict.getByTestId('conflict-reload').click();
  await page.getByRole('button', { name: /确定|OK/ }).click();
  await saved(page);
  await expect(mine).toHaveCount(count - 1);
  await other.close();
});

test('the administrator reads the audit log in words and narrows it by kind and person', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await studioSignIn(page, ADMIN);
  await page.goto('/studio/platform/audit');
  const table = page.getByTestId('audit-table');
  const sentences = table.getByTestId('audit-sentence');
  await expect(sentences.first()).toBeVisible();
  // Nothing a person cannot read: no action codes, ids, JSON or ISO timestamps.
  const raw = /\b[a-z]+\.[a-z-]+\b|[a-f0-9]{24}|[{}"]|\d{4}-\d{2}-\d{2}T/;
  expect(await table.locator('.el-table__body').innerText()).not.toMatch(raw);

  // The rollback of the first journey, by kind and then by the operator's name.
  await page.getByTestId('audit-kind').click();
  await page.getByRole('option', { name: '回滚门户' }).click();
  await expect(sentences.first()).toContainText(/翠苑未来社区 门户从第 \d+ 版回滚到第 \d+ 版/);
  await page.getByTestId('audit-actor').click();
  await page.getByRole('option', { name: '翠苑运营 陈晓' }).click();
  await expect(sentences.first()).toContainText('翠苑运营 陈晓 把 翠苑未来社区 门户从第');
  expect(await table.locator('.el-table__body').innerText()).not.toMatch(raw);
  await page.screenshot({ path: test.info().outputPath('audit-log.png') });
  expect(await axe(page), 'audit log').toEqual([]);
});

/** A real 8×8 PNG (the server decodes uploads, so a header alone would not pass). */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWMwXlWOFTEMLQkAJbdVAbuCg2sAAAAASUVORK5CYII=',
  'base64',
);
const loaded = (img: Locator) =>
  expect
    .poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 15_000 })
    .toBeGreaterThan(0);

test('an operator uploads the logo; the preview and a visitor who is not signed in show it', async ({
  page,
  browser,
}) => {
  await signIn(page, OPERATOR);
  await page.getByRole('tab', { name: '主题' }).click();
  const editor = page.getByTestId('theme-editor');
  // Not an image: refused in the form before any request.
  await editor.getByTestId('logo-file').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('hello'),
  });
  await expect(editor).toContainText('只能上传 PNG、JPEG 或 WebP 图片');
  await editor.getByTestId('logo-file').setInputFiles({
    name: 'logo.png',
    mimeType: 'image/png',
    buffer: TINY_PNG,
  });
  await loaded(editor.getByTestId('logo-preview'));
  await loaded(page.getByTestId('preview-logo'));
  expect(await axe(page), 'theme editor with a logo').toEqual([]);
  await saved(page);

  await page.getByTestId('publish').click();
  const dialog = page.getByTestId('publish-dialog');
  await dialog.getByTestId('publish-confirm').click();
  await expect(dialog.getByTestId('publish-done')).toBeVisible();

  const visitor = await browser.newContext();
  const portal = await visitor.newPage();
  await portal.goto(`/c/${COMMUNITY}/`);
  await loaded(portal.locator('.shell-header__logo'));
  await visitor.close();
});
