import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { FirstPages } from './first-page';

// A built portal in miniature: the real template's shape, and a renderer module standing in for
// the built one (this tests what the server does with a rendered page, not Vue's rendering: the
// browser suite checks that against the real build).
const root = mkdtempSync(join(tmpdir(), 'first-page-'));
const dist = join(root, 'dist');
mkdirSync(join(dist, 'assets'), { recursive: true });
mkdirSync(join(root, 'dist-server'));
writeFileSync(
  join(dist, 'index.html'),
  `<!doctype html>
<html lang="zh-CN">
  <head>
    <title>社区服务 · Community services</title>
    <script type="module" crossorigin src="/c/assets/index-1.js"></script>
    <link rel="stylesheet" crossorigin href="/c/assets/index-1.css">
  </head>
  <body>
    <div id="app"><p class="shell-boot" role="status">正在加载…</p></div>
  </body>
</html>
`,
);
writeFileSync(join(dist, 'assets', 'index-1.css'), '.shell{color:red}');
writeFileSync(
  join(root, 'dist-server', 'entry-server.js'),
  `export let calls = 0;
export async function render(req) {
  calls++;
  globalThis.firstPageCalls = calls;
  if (req.url.includes('/me/')) return undefined;
  if (req.url.includes('/broken')) throw new Error('renderer failed');
  return {
    html: '<main><h1>' + req.runtime.title + '</h1></main>',
    title: req.runtime.title + ' & co',
    lang: req.prefsCookie === 'en.1' ? 'en' : 'zh-CN',
    rootClass: req.prefsCookie === 'en.1' ? 'sp-elder' : '',
    rootStyle: { '--sp-primary': '#123456' },
    state: { runtime: req.runtime, manifests: req.manifests },
  };
}
`,
);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const warnings: unknown[] = [];
const pages = new FirstPages(dist, { warn: (...args: unknown[]) => warnings.push(args) });
const request = (url: string, cookie?: string) =>
  ({ originalUrl: url, headers: cookie ? { cookie } : {} }) as unknown as Request;
const data = (title: string, etag = '"e1"') => ({
  runtime: Buffer.from(JSON.stringify({ title })),
  etag,
  projections: Buffer.from(JSON.stringify({ 'std.x': { views: [] } })),
});

describe('the first page drawn on the server', () => {
  it('puts the page, its title, language, theme and state into the built template', async () => {
    const page = await pages.page(request('/c/a/', 'scene.prefs=en.1'), 'a', data('首页'));
    const html = page!.body.toString('utf8');
    expect(html).toContain('<html lang="en" class="sp-elder" style="--sp-primary:#123456">');
    expect(html).toContain('<title>首页 &#38; co</title>');
    expect(html).toContain('<div id="app"><main><h1>首页</h1></main></div>');
    // The entry stylesheet inline: one round trip less before the first paint.
    expect(html).toContain('<style>.shell{color:red}</style>');
    expect(html).not.toContain('index-1.css');
    const state = /<script type="application\/json" id="sp-state">(.*)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(state)).toEqual({
      runtime: { title: '首页' },
      manifests: { 'std.x': { views: [] } },
    });
    expect(page!.gzip.length).toBeLessThan(page!.body.length);
  });

  it('keeps a value from closing the state element or running as script', async () => {
    const evil = '</script><script>alert(1)</script><!--';
    const html = (await pages.page(request('/c/b/'), 'b', data(evil)))!.body.toString('utf8');
    const state = html.slice(html.indexOf('id="sp-state">'));
    expect(state.match(/<\/script>/g)).toHaveLength(1);
    expect(state).toContain('\\u003c/script>\\u003cscript>alert(1)');
    expect(html).toContain(
      '<title>&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#60;!-- &#38; co</title>',
    );
  });

  it('draws a page once per bundle version, path and preferences', async () => {
    const before = (globalThis as { firstPageCalls?: number }).firstPageCalls!;
    await pages.page(request('/c/c/'), 'c', data('one'));
    await pages.page(request('/c/c/?utm=1'), 'c', data('one'));
    expect((globalThis as { firstPageCalls?: number }).firstPageCalls).toBe(before + 1);
    // Published again: another ETag, drawn afresh.
    const next = await pages.page(request('/c/c/'), 'c', data('two', '"e2"'));
    expect(next!.body.toString('utf8')).toContain('<h1>two</h1>');
    await pages.page(request('/c/c/', 'scene.prefs=en.1'), 'c', data('two', '"e2"'));
    expect((globalThis as { firstPageCalls?: number }).firstPageCalls).toBe(before + 3);
  });

  it("draws a member's page each time and keeps it nowhere", async () => {
    const viewer = { me: { account: { displayName: '王阿姨' } }, here: null, unread: 2 };
    const before = (globalThis as { firstPageCalls?: number }).firstPageCalls!;
    const one = await pages.page(request('/c/f/'), 'f', data('f'), viewer as never);
    await pages.page(request('/c/f/'), 'f', data('f'), viewer as never);
    expect((globalThis as { firstPageCalls?: number }).firstPageCalls).toBe(before + 2);
    expect(one!.personal).toBe(true);
    // The visitor's page of the same address is drawn (and kept) apart from the member's.
    const visitor = await pages.page(request('/c/f/'), 'f', data('f'));
    expect(visitor!.personal).toBe(false);
    expect((globalThis as { firstPageCalls?: number }).firstPageCalls).toBe(before + 3);
  });

  it('leaves to the browser what the renderer does not draw, and survives its failure', async () => {
    expect(await pages.page(request('/c/d/me/login'), 'd', data('x'))).toBeUndefined();
    expect(await pages.page(request('/c/d/broken'), 'd', data('x'))).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });

  it('reads only the preferences cookie the portal writes', async () => {
    const html = (await pages.page(
      request('/c/e/', 'scene.prefs=en.1x; other=1'),
      'e',
      data('e'),
    ))!.body.toString('utf8');
    expect(html).toContain('<html lang="zh-CN"');
  });
});

describe('without a built renderer', () => {
  it('answers undefined, so the plain app page is sent', async () => {
    const none = new FirstPages(join(root, 'nowhere'), { warn: () => undefined });
    expect(await none.page(request('/c/a/'), 'a', data('x'))).toBeUndefined();
  });
});
