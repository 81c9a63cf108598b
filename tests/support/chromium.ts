// Debian's chromium through playwright-core, as the browser tests drive it (the
// flags of ../shared/notes/playground.md): no sandbox (root), none of chromium's
// own background traffic, every host name but the loopback unresolvable; and a
// context that aborts and records every request that is not to 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

function debianChromium(): string {
  const found = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error("Debian's chromium is not installed: run `apt-get install -y chromium` (.ci/run installs it before the tests).");
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: debianChromium(), headless: true, args: CHROMIUM_ARGS });
}

/** A context in which only 127.0.0.1 is reachable; what else was asked for goes into `offSite`. */
export async function loopbackContext(browser: Browser, offSite: string[], options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    offSite.push(url.href);
    return route.abort('blockedbyclient');
  });
  return context;
}
