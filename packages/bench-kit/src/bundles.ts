// What a built app (a Vite `dist`) contains: its JS size and whether a UI library got in. The
// portal must never ship Element Plus and the studio never Vant (`@scene/forms` keeps each
// widget map behind its own entry point); the size benches and the browser suite check it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export type UiLibrary = 'vant' | 'element-plus';

// Text that only each library's own code and styles carry: Vant prefixes its classes `van-`,
// Element Plus names its error class and its CSS variables `--el-color-…`.
const markers: Record<UiLibrary, { js: RegExp; css: RegExp }> = {
  vant: { js: /[`'"]van-[a-z]/, css: /\.van-[a-z]/ },
  'element-plus': { js: /ElementPlusError/, css: /--el-color-primary/ },
};

const assets = (dist: string) =>
  readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f));

/** The built scripts and stylesheets (under `assets/`) that contain `library`'s code. */
export function filesWithLibrary(dist: string, library: UiLibrary): string[] {
  return assets(dist).filter((f) => {
    const text = readFileSync(join(dist, 'assets', f), 'utf8');
    return (f.endsWith('.js') ? markers[library].js : markers[library].css).test(text);
  });
}

/** All of a build's JS, each file gzipped at level 9, in KB (one decimal). */
export function jsGzipKb(dist: string): number {
  const bytes = assets(dist)
    .filter((f) => f.endsWith('.js'))
    .reduce((n, f) => n + gzipSync(readFileSync(join(dist, 'assets', f)), { level: 9 }).length, 0);
  return Number((bytes / 1024).toFixed(1));
}
