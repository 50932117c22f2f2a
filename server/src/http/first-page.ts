import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { FirstPageViewer } from './first-page-viewer';
import { gzipToKeep } from './gzip';

/** What the server needs of a community to draw its first page (from the runtime's cache). */
export interface FirstPageData {
  /** The runtime bundle's JSON bytes and ETag, as the runtime route sends them. */
  runtime: Buffer;
  etag: string;
  /** Its plugins' client projections, by plugin id (JSON bytes), or undefined when none. */
  projections: Buffer | undefined;
}

/** The portal's server renderer (packages/portal/src/entry-server.ts), as built. */
interface Rendered {
  html: string;
  title: string;
  lang: string;
  rootClass: string;
  rootStyle: Record<string, string>;
  state: unknown;
}
type Render = (req: {
  url: string;
  runtime: unknown;
  etag: string;
  manifests: unknown;
  prefsCookie?: string;
  viewer?: FirstPageViewer;
}) => Promise<Rendered | undefined>;

export interface FirstPageHtml {
  body: Buffer;
  gzip: Buffer;
  /** Drawn for one signed-in member: never cached anywhere, by us or on the way. */
  personal: boolean;
}

const MAX_CACHED_PAGES = 2000;

/** The portal's `scene.prefs` cookie (language and elder mode), only in the shape it writes. */
const PREFS = /(?:^|;\s*)scene\.prefs=((?:zh-CN|en)\.[01])(?:;|$)/;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * JSON inside `<script type="application/json">`: `<` written as `\u003c`, so no value can
 * close the element (`</script>`) or open a comment; the browser never runs it (CSP unchanged).
 */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The resident portal's first page drawn on the server: the built renderer
 * (`dist-server/entry-server.js`) renders a portal page from the community's cached runtime
 * bundle into the built `index.html` — as a visitor sees it, or as the signed-in member it is
 * for sees it — with the state the browser hydrates from in a JSON element and the entry
 * stylesheet inline (one round trip less before anything shows on a slow phone network).
 * Visitors' pages are kept per bundle ETag, path and preferences cookie, so a publish draws
 * afresh and a busy community's home page is rendered once; a member's page is never kept.
 *
 * Without a built renderer (a test run, a studio-only build) or for pages it does not draw
 * (shell pages, members-only pages for a visitor), `page` answers undefined and the plain app
 * page is sent.
 */
export class FirstPages {
  private render: Promise<Render | undefined> | undefined;
  private template: { mtimeMs: number; html: string } | undefined;
  private readonly pages = new Map<string, Promise<FirstPageHtml | undefined>>();

  constructor(
    private readonly portalDist: string,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  /**
   * Loads the built renderer now rather than on the first visit (its code is about a megabyte:
   * the first visitor after a start would wait for it).
   */
  warm(): void {
    if (this.readTemplate()) void this.renderer().catch(() => undefined);
  }

  /**
   * The page for this request; `viewer` is the signed-in member it is drawn for (their page is
   * drawn each time and kept nowhere: it holds their name, their unread count, their items).
   */
  page(
    req: Request,
    communityId: string,
    data: FirstPageData,
    viewer?: FirstPageViewer,
  ): Promise<FirstPageHtml | undefined> {
    const prefsCookie = PREFS.exec(req.headers.cookie ?? '')?.[1];
    const template = this.readTemplate();
    if (!template) return Promise.resolve(undefined);
    // The path alone: portal pages read no query, and a query per request must not each cost a
    // render and a place in the cache.
    const path = req.originalUrl.split('?')[0]!;
    if (viewer)
      return this.draw(path, data, prefsCookie, template.html, viewer).catch((err: unknown) => {
        this.logger.warn({ err, communityId }, 'signed-in first page not drawn on the server');
        return undefined;
      });
    const key = [communityId, data.etag, path, prefsCookie ?? '', template.mtimeMs].join('\n');
    let hit = this.pages.get(key);
    if (!hit) {
      hit = this.draw(path, data, prefsCookie, template.html).catch((err: unknown) => {
        // The browser draws the page itself then; a failure here must not cost the visitor it.
        this.logger.warn({ err, communityId }, 'first page not drawn on the server');
        return undefined;
      });
      if (this.pages.size >= MAX_CACHED_PAGES) this.pages.delete(this.pages.keys().next().value!);
      this.pages.set(key, hit);
    }
    return hit;
  }

  private async draw(
    url: string,
    data: FirstPageData,
    prefsCookie: string | undefined,
    template: string,
    viewer?: FirstPageViewer,
  ): Promise<FirstPageHtml | undefined> {
    const render = await this.renderer();
    if (!render) return undefined;
    const page = await render({
      url,
      runtime: JSON.parse(data.runtime.toString('utf8')),
      etag: data.etag,
      manifests: data.projections ? JSON.parse(data.projections.toString('utf8')) : {},
      prefsCookie,
      ...(viewer ? { viewer } : {}),
    });
    if (!page) return undefined;
    const style = Object.entries(page.rootStyle)
      .map(([k, v]) => `${k}:${v}`)
      .join(';');
    const html = template
      .replace(
        /<html lang="[^"]*">/,
        `<html lang="${escapeHtml(page.lang)}"${page.rootClass ? ` class="${escapeHtml(page.rootClass)}"` : ''} style="${escapeHtml(style)}">`,
      )
      .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(page.title)}</title>`)
      .replace(
        /<link rel="stylesheet"[^>]*href="\/c\/assets\/([\w.-]+\.css)"[^>]*>/,
        (link, file) => this.inlineCss(file, link),
      )
      .replace(
        /<div id="app">[\s\S]*?<\/div>\s*<\/body>/,
        () =>
          `<div id="app">${page.html}</div>\n    <script type="application/json" id="sp-state">${scriptJson(page.state)}</script>\n  </body>`,
      );
    const body = Buffer.from(html);
    return { body, gzip: gzipToKeep(body), personal: !!viewer };
  }

  private inlineCss(file: string, link: string): string {
    const path = join(this.portalDist, 'assets', file);
    if (!existsSync(path)) return link;
    // The stylesheet is ours (built from the portal's sources); `</style` cannot occur in it.
    return `<style>${readFileSync(path, 'utf8')}</style>`;
  }

  /** The built index.html, read again when a build replaced it. */
  private readTemplate(): { mtimeMs: number; html: string } | undefined {
    const path = join(this.portalDist, 'index.html');
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      return undefined;
    }
    if (this.template?.mtimeMs !== mtimeMs) {
      this.template = { mtimeMs, html: readFileSync(path, 'utf8') };
      this.render = undefined;
      this.pages.clear();
    }
    return this.template;
  }

  private renderer(): Promise<Render | undefined> {
    this.render ??= (async () => {
      const entry = join(this.portalDist, '..', 'dist-server', 'entry-server.js');
      if (!existsSync(entry)) return undefined;
      const mod = (await import(pathToFileURL(entry).href)) as { render?: Render };
      return typeof mod.render === 'function' ? mod.render : undefined;
    })();
    return this.render;
  }
}
