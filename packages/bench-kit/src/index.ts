// What the benchmarks and the browser tests share: how figures are reported to `pnpm bench`, how
// Debian's Chromium is launched on these machines, and what a built app contains.
export { reportFigure, type Figure } from './figures';
export { chromiumExecutable, chromiumArgs, chromiumLaunchOptions } from './chromium';
export { filesWithLibrary, jsGzipKb, type UiLibrary } from './bundles';
