import { expect, test, type Browser, type Page } from '@playwright/test';
import { exampleManifest, type PluginManifest } from '@scene/schema';
import { ApiError } from '@scene/client';
import { clientFor } from './support/api';
import { dragInto } from './support/drag';
import { portalSignIn, studioSignIn } from './support/sign-in';

// Demo accounts seeded by the server in development mode (server/src/seeds/demo.ts).
const COMMUNITY = 'cuiyuan';
const VENDOR = { username: 'vendor-acme', password: 'demo-vendor-2025' };
const ADMIN = { username: 'admin', password: 'demo-admin-2025' };
const OPERATOR = { username: 'op-cuiyuan', password: 'demo-operator-2025' };
const RESIDENT = { username: 'resident-cuiyuan', password: 'demo-resident-2025' };

const PLUGIN_ID = 'acme.e2e-lockers';
const CARD_TITLE = `E2E 快递柜 ${Date.now() % 100000}`;
const REASON = '隐私说明不够清楚 / privacy note unclear';
// The example data the vendor submits with 1.0.1: its config names the card differently.
const EXAMPLE_TITLE = `E2E 示例柜 ${Date.now() % 100000}`;
const EXAMPLE = {
  config: { title: EXAMPLE_TITLE },
  records: {
    tickets: [
      {
        _id: 't1',
        createdBy: 'u1',
        title: '柜门打不开',
        phone: '13800000000',
        status: 'submitted',
      },
    ],
  },
};

/** The vendor's plugin: the schema package's example with its own id and card title. */
function manifest(version: string): PluginManifest {
  const m = exampleManifest(PLUGIN_ID);
  m.version = version;
  m.name = { 'zh-CN': 'E2E 快递柜', en: 'E2E lockers' };
  (m.config.properties!.title as { default: string }).default = CARD_TITLE;
  m.changelog = [{ version, notes: { 'zh-CN': `版本 ${version}`, en: `Version ${version}` } }];
  return m;
}
const text = (m: unknown) => `${JSON.stringify(m, null, 2)}\n`;
const lineOf = (s: string, needle: string) => s.slice(0, s.indexOf(needle)).split('\n').length;

async function newSignedIn(browser: Browser, who: { username: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await studioSignIn(page, who);
  return { context, page };
}

/** Replaces the whole text of the Monaco editor the way a vendor does: select all, paste. */
async function pasteIntoEditor(page: Page, value: string) {
  const editor = page.locator('[data-testid="manifest-editor"] .monaco-editor');
  await expect(editor).toBeVisible({ timeout: 20_000 });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((text) => navigator.clipboard.writeText(text), value);
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('ControlOrMeta+v');
  await expect(editor.locator('.view-lines')).toContainText('changelog');
}

async function openEditor(page: Page) {
  await page.goto('/studio/vendor?tab=editor');
  await expect(page.getByTestId('manifest-workbench')).toBeVisible();
}

async function review(page: Page, version: string, decide: (page: Page) => Promise<void>) {
  await page.goto('/studio/review');
  const open = page.getByTestId(`review-open-${PLUGIN_ID}@${version}`);
  await expect(open).toBeVisible();
  await open.click();
  await expect(page.getByTestId('review-validation')).toContainText(
    /完整校验|检查也通过|checked this manifest fully|passes every check/,
  );
  await expect(page.getByTestId('review-diff')).toBeVisible();
  await expect(page.getByTestId('view-preview')).toBeVisible();
  await decide(page);
  await expect(page).toHaveURL(/\/studio\/review$/);
}

test.describe.configure({ mode: 'serial' });

test('a plugin goes from the vendor through review into a community portal', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // --- The vendor writes a manifest with an error: it is shown on its line, submit is off.
  await studioSignIn(page, VENDOR);
  await expect(page).toHaveURL(/\/studio\/vendor/);
  await expect(page.getByTestId('nav-review')).toHaveCount(0);
  await expect(page.getByTestId('nav-marketplace')).toHaveCount(0);
  await openEditor(page);
  const broken = manifest('1.0.0') as unknown as Record<string, unknown>;
  broken.icon = 'not-an-icon';
  const brokenText = text(broken);
  await pasteIntoEditor(page, brokenText);
  const issue = page.getByTestId('manifest-issue').filter({ hasText: '/icon' }).first();
  await expect(issue).toBeVisible();
  await expect(issue).toHaveAttribute('data-line', String(lineOf(brokenText, '"icon"')));
  // In the reader's language and in the words `scene plugin validate` prints.
  await expect(issue).toContainText(/取值 "not-an-icon" 无效|Value "not-an-icon" is not allowed/);
  // Clicking the issue brings its line into view, where Monaco draws the error marker.
  await issue.click();
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  await expect(page.getByTestId('editor-submit')).toBeDisabled();

  // Broken JSON: where and why, never the browser's own English parser message.
  const unparsable = text(manifest('1.0.0')).replace('"version": "1.0.0",', '"version": "1.0.0"');
  await pasteIntoEditor(page, unparsable);
  const syntax = page.locator('[data-testid="manifest-issue"][data-code="json.parse"]');
  await expect(syntax).toContainText(
    /JSON 格式错误（第 \d+ 行第 \d+ 列）|Not valid JSON \(line \d+, column \d+\)/,
  );
  await expect(syntax).not.toContainText('Unexpected');

  // A semantic error (a notification opening a view that does not exist) is found as the vendor
  // types, by the same checks as `scene plugin validate`.
  const semantic = manifest('1.0.0');
  semantic.actions.report!.notify = [
    { to: { role: 'operator' }, title: { 'zh-CN': '新', en: 'New' }, view: 'nowhere' },
  ];
  const semanticText = text(semantic);
  await pasteIntoEditor(page, semanticText);
  const viewIssue = page
    .getByTestId('manifest-issue')
    .filter({ hasText: '/notify/0/view' })
    .first();
  await expect(viewIssue).toHaveAttribute(
    'data-line',
    String(lineOf(semanticText, '"view": "nowhere"')),
  );
  await expect(page.getByTestId('editor-submit')).toBeDisabled();

  // --- Fixed: no issue left, the preview renders the card, and it is submitted.
  await pasteIntoEditor(page, text(manifest('1.0.0')));
  await expect(page.getByTestId('manifest-ok')).toBeVisible();
  await expect(page.getByTestId('view-preview')).toContainText(CARD_TITLE);
  await page.getByTestId('editor-submit').click();
  await expect(page.getByTestId('publish-accepted')).toBeVisible();

  // --- The admin sees it in the queue and rejects it with a reason.
  const admin = await newSignedIn(browser, ADMIN);
  await review(admin.page, '1.0.0', async (p) => {
    await p.getByTestId('review-reject').click();
    const box = p.locator('.studio-reject');
    await box.locator('textarea').fill(REASON);
    await box.getByRole('button', { name: /驳回|Reject/ }).click();
  });

  // --- The vendor sees the reason and resubmits as the next version.
  await page.goto('/studio/vendor');
  await expect(page.getByTestId(`version-status-${PLUGIN_ID}@1.0.0`)).toContainText(
    /已驳回|Rejected/,
  );
  await expect(page.getByTestId(`version-reason-${PLUGIN_ID}@1.0.0`)).toHaveText(REASON);
  await openEditor(page);
  await pasteIntoEditor(page, text(manifest('1.0.1')));
  await expect(page.getByTestId('manifest-ok')).toBeVisible();
  // This time with example data, which the preview shows as it is written.
  await page.getByTestId('fixtures-editor').fill(JSON.stringify(EXAMPLE));
  await expect(page.getByTestId('view-preview')).toContainText(EXAMPLE_TITLE);
  await page.getByTestId('editor-submit').click();
  await expect(page.getByTestId('publish-accepted')).toBeVisible();
  await expect(page.getByText(/示例数据已随版本提交|example data was submitted/)).toBeVisible();

  // --- The admin approves the new version, previewed with the example data from the registry.
  await review(admin.page, '1.0.1', async (p) => {
    await expect(p.getByTestId('view-preview')).toContainText(EXAMPLE_TITLE);
    await p.getByTestId('review-approve').click();
    await p
      .locator('.studio-confirm')
      .getByRole('button', { name: /通过|Approve/ })
      .click();
  });
  await admin.context.close();

  // --- The operator installs it into the community, consenting to each permission.
  const op = await newSignedIn(browser, OPERATOR);
  await op.page.getByTestId('nav-marketplace').click();
  await op.page.getByTestId('market-tier').click();
  await op.page.getByRole('option', { name: /选配|Optional/ }).click();
  await op.page.getByTestId(`market-open-${PLUGIN_ID}`).click();
  await expect(op.page.getByTestId('plugin-page')).toContainText('E2E');
  await op.page.getByTestId('plugin-install').click();
  const dialog = op.page.getByTestId('install-dialog');
  for (const scope of ['points:award', 'notify:send', 'pii:read']) {
    await dialog.getByTestId(`consent-${scope}`).click();
  }
  await dialog.getByTestId('install-confirm').click();
  await expect(op.page.getByTestId('plugin-installed')).toContainText('1.0.1');

  // --- It finds the plugin's card in the compose palette by searching, drags it onto the home
  // page, and publishes.
  await op.page.getByTestId('nav-compose').click();
  await expect(op.page.getByTestId('canvas-page')).toBeVisible();
  await op.page.locator('.palette input').fill('E2E');
  const entry = op.page.locator(`[data-entry="${PLUGIN_ID}/home-card"]`);
  await expect(entry).toBeVisible();
  await dragInto(op.page, entry, op.page.getByTestId('canvas-page'));
  const canvasBlocks = op.page
    .getByTestId('canvas-page')
    .locator(':scope > [data-testid="canvas-block"]');
  await expect(canvasBlocks.filter({ hasText: 'E2E 快递柜' })).toHaveCount(1);
  await expect(op.page.getByText(/已保存|Saved/)).toBeVisible();
  await op.page.getByTestId('publish').click();
  const publish = op.page.getByTestId('publish-dialog');
  await publish.getByTestId('publish-confirm').click();
  await expect(publish.getByTestId('publish-done')).toBeVisible();
  await op.context.close();

  // --- A resident sees the card in the portal.
  const resident = await browser.newContext();
  const rp = await resident.newPage();
  await portalSignIn(rp, COMMUNITY, RESIDENT);
  await rp.goto(`/c/${COMMUNITY}/`);
  await expect(rp.getByText(CARD_TITLE).first()).toBeVisible();
  await resident.close();

  // --- A breaking version without a migration: the registry refuses it, on the right line.
  const breaking = manifest('2.0.0');
  delete breaking.collections.tickets!.schema.properties!.category;
  delete breaking.actions.report!.input!.properties!.category;
  const breakingText = text(breaking);
  await openEditor(page);
  await pasteIntoEditor(page, breakingText);
  // The registry's dry run refuses it while the vendor is still in the editor…
  const refused = page.getByTestId('manifest-issue').filter({ hasText: 'schemaVersion' }).first();
  await expect(refused).toHaveAttribute(
    'data-line',
    String(lineOf(breakingText, '"schemaVersion"')),
  );
  await expect(page.getByTestId('editor-submit')).toBeDisabled();
  // …and publishing it anyway (as the CLI would) is refused the same way.
  const direct = await clientFor(page.request)
    .registry.publish(breaking)
    .catch((err: unknown) => err);
  expect(direct).toBeInstanceOf(ApiError);
  expect(direct).toMatchObject({ status: 400, code: 'breaking_change' });
  expect(errors).toEqual([]);
});
