// Where the browser tests find Chromium (Debian's package; no browser download), and the one
// message they fail with when it or playwright-core is missing. They never skip: .ci/run
// installs Chromium, and a test that could skip in CI would not be a test.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export const chromiumPath = process.env.HEARSAY_CHROMIUM ?? '/usr/bin/chromium';

function hasPlaywright(): boolean {
  try {
    createRequire(import.meta.url).resolve('playwright-core');
    return true;
  } catch {
    return false;
  }
}

/** Throws, saying how to install it, when Chromium or playwright-core is missing. */
export function requireChromium(): void {
  const missing = !existsSync(chromiumPath)
    ? `Chromium is not installed at ${chromiumPath} (install Debian's package: apt-get update && apt-get install -y chromium; or set HEARSAY_CHROMIUM to its path)`
    : !hasPlaywright()
      ? 'playwright-core is not installed (run npm install)'
      : null;
  if (missing !== null) throw new Error(`${missing}. The browser tests need it: .ci/run installs Chromium.`);
}
