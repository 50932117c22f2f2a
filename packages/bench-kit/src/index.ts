// What the benchmarks and the browser tests share: how figures are reported to `pnpm bench`, and
// how Debian's Chromium is launched on these machines.
export { reportFigure, type Figure } from './figures';
export { chromiumExecutable, chromiumArgs, chromiumLaunchOptions } from './chromium';
