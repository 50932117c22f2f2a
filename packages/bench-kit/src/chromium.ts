/** Debian's Chromium (browsers cannot be downloaded on these machines); CHROMIUM_PATH overrides. */
export const chromiumExecutable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a headless Chromium on a closed network: without the background-networking ones it
 * keeps trying to reach Google's hosts, many connections at a time.
 */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export const chromiumLaunchOptions = {
  executablePath: chromiumExecutable,
  args: [...chromiumArgs],
};
