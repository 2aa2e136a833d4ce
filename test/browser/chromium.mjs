// What every browser check starts with: Debian's Chromium (or $CHROMIUM) and playwright-core,
// or a FAIL line naming what is missing and exit 1.

import { existsSync } from 'node:fs';

export const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** A `fail(message)` that prints `<check>: FAIL: message` and exits 1, and playwright's chromium. */
export async function browser(check) {
  const fail = (message) => {
    console.error(`${check}: FAIL: ${message}`);
    process.exit(1);
  };
  if (!existsSync(executablePath)) fail(`no Chromium at ${executablePath} (set $CHROMIUM)`);
  try {
    const { chromium } = await import('playwright-core');
    return { fail, chromium };
  } catch {
    return fail('playwright-core is not installed');
  }
}
