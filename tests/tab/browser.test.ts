// The personal tab in a real browser: Debian's chromium, driven by
// playwright-core, against the real bot started in-process. Every request that
// is not to 127.0.0.1 is aborted and recorded, and the test fails if there was
// one. Screenshots go to test-artifacts/tab/ (git-ignored).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TAB_CSP } from '../../src/http/tab-routes';
import { launchChromium, loopbackContext } from '../support/chromium';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { startTestBot, type TestBot } from '../support/test-bot';

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'tab');
const AXE = readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const PAGES = ['principles', 'initiatives', 'funding', 'deadlines', 'contacts'] as const;
const kb = shippedKnowledgeBase();

let bot: TestBot;
let browser: Browser;
const offSite: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'src', 'tab', 'build-tab.mjs')], { cwd: ROOT, stdio: 'pipe' });
  mkdirSync(ARTIFACTS, { recursive: true });
  bot = await startTestBot({ env: { REMINDER_TICK_SECONDS: '0' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await bot?.close();
});

afterEach(() => {
  expect(offSite).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

async function newContext(locale = 'da-DK', colorScheme: 'light' | 'dark' = 'light'): Promise<BrowserContext> {
  return loopbackContext(browser, offSite, { locale, colorScheme, viewport: { width: 1280, height: 860 } });
}

async function open(context: BrowserContext, query = '', page = 'principles'): Promise<Page> {
  const tab = await context.newPage();
  tab.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  tab.on('pageerror', (err) => consoleErrors.push(err.message));
  await tab.goto(`${bot.bot.url}/tab${query}#${page}`);
  await tab.waitForSelector('body[data-ready="true"]');
  return tab;
}

async function show(tab: Page, page: (typeof PAGES)[number]): Promise<void> {
  await tab.evaluate((id) => {
    window.location.hash = id;
  }, page);
  await tab.waitForSelector(`#page-${page}:not([hidden])`);
}

/** axe-core on what the page shows now; serious and critical violations fail with what and where. */
async function expectAccessible(tab: Page, label: string): Promise<void> {
  await tab.evaluate(AXE);
  const violations = await tab.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect({ page: label, serious }).toEqual({ page: label, serious: [] });
}

async function screenshot(tab: Page, name: string): Promise<void> {
  await tab.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

describe('the personal tab in chromium', () => {
  it('is served with a strict Content-Security-Policy and its own script, style and data', async () => {
    const page = await fetch(`${bot.bot.url}/tab`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(TAB_CSP);
    expect(TAB_CSP).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const script = await fetch(`${bot.bot.url}/tab/app.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(`${bot.bot.url}/tab/app.css`)).headers.get('content-type')).toMatch(/^text\/css/);
    const data = (await (await fetch(`${bot.bot.url}/tab/data.json?lang=en`)).json()) as { lang: string; version: string };
    expect(data).toMatchObject({ lang: 'en', version: kb.version });
    expect((await fetch(`${bot.bot.url}/tab/data.json?lang=xx`)).status).toBe(400);
  });

  it('serves the privacy and terms pages the Teams manifest links to', async () => {
    for (const [route, heading] of [['/privatliv', /privatliv/], ['/vilkaar', /vilkår for brug/]] as const) {
      const res = await fetch(`${bot.bot.url}${route}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(TAB_CSP);
      expect(await res.text()).toMatch(heading);
    }
  });

  it('shows the knowledge base on every page, passes axe-core, and is screenshot in light mode', async () => {
    const context = await newContext();
    const tab = await open(context, '?theme=default');
    expect(await tab.getAttribute('html', 'data-theme')).toBe('default');
    expect(await tab.getAttribute('html', 'lang')).toBe('da');

    const principle = kb.principles.find((p) => p.strategy === 'strategy-2022-2025');
    await tab.getByRole('heading', { name: principle?.title ?? '?' }).waitFor();
    await expectAccessible(tab, 'principles');
    await screenshot(tab, 'principles-light');

    await show(tab, 'initiatives');
    const nyStart = kb.initiatives.find((i) => i.id === 'ny-start');
    const row = tab.locator('#initiatives-table tr[data-id="ny-start"]');
    expect(await row.locator('th').textContent()).toBe(nyStart?.name);
    expect(await row.locator('td').allTextContents()).toContain('6,8');
    expect(await tab.locator('#initiatives-table tbody tr').count()).toBe(kb.initiatives.length);
    await expectAccessible(tab, 'initiatives');
    await screenshot(tab, 'initiatives-light');

    await show(tab, 'funding');
    expect(await tab.locator('svg.chart rect.bar').count()).toBe(kb.budgetPackage.expiryTotals.length);
    expect(await tab.locator('#funding-table tbody td.num').allTextContents()).toEqual(
      kb.budgetPackage.expiryTotals.map((e) => `${e.stated.toFixed(1).replace('.', ',')} mio. kr.`),
    );
    await expectAccessible(tab, 'funding');
    await screenshot(tab, 'funding-light');

    await show(tab, 'deadlines');
    expect(await tab.locator('.timeline .tl-item').count()).toBe(kb.deadlines.length);
    await tab.locator('.tl-today').waitFor();
    await tab.getByText(kb.deadlines[0]?.title ?? '?', { exact: true }).waitFor();
    await expectAccessible(tab, 'deadlines');
    await screenshot(tab, 'deadlines-light');

    await show(tab, 'contacts');
    const center = tab.locator('article:has(#org-center-for-sikker-by)');
    expect(await center.locator('.warning').textContent()).toContain('1. februar 2010');
    expect(await center.locator('dd').allTextContents()).toContain('3366 2027');
    await expectAccessible(tab, 'contacts');
    await screenshot(tab, 'contacts-light');

    for (const page of PAGES) {
      await show(tab, page);
      const sources = await tab.locator(`#page-${page} .sources li`).count();
      expect({ page, sources: sources > 0 }).toEqual({ page, sources: true });
    }
    await context.close();
  });

  it('sorts the initiatives by a column and filters them by administration', async () => {
    const context = await newContext();
    const tab = await open(context, '', 'initiatives');
    const years = async () => (await tab.locator('#initiatives-table tbody tr td:nth-of-type(6)').allTextContents()).map(Number);
    const header = tab.locator('th[data-key="last"]');

    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await years();
    expect(ascending).toEqual([...kb.initiatives.map((i) => i.lastFundedYear)].sort((a, b) => a - b));

    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await years()).toEqual([...ascending].reverse());

    await tab.locator('th[data-key="name"]').getByRole('button').click();
    const names = await tab.locator('#initiatives-table tbody th').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'da')));

    await tab.getByLabel('Vis forvaltning').selectOption('bif');
    const bif = kb.initiatives.filter((i) => i.administrations.includes('bif'));
    expect(bif.length).toBeGreaterThan(0);
    expect((await tab.locator('#initiatives-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))).sort()).toEqual(
      bif.map((i) => i.id).sort(),
    );
    expect(await tab.locator('.count').textContent()).toBe(`${bif.length} af ${kb.initiatives.length} indsatser vist`);
    await expectAccessible(tab, 'initiatives filtered');

    await tab.getByLabel('Vis forvaltning').selectOption('');
    expect(await tab.locator('#initiatives-table tbody tr').count()).toBe(kb.initiatives.length);
    await context.close();
  });

  it('switches theme: ?theme=dark and contrast as Teams gives them, and the browser preference live', async () => {
    const dark = await newContext();
    const tab = await open(dark, '?theme=dark');
    expect(await tab.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await tab.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(31, 31, 31)');
    for (const page of PAGES) {
      await show(tab, page);
      await expectAccessible(tab, `${page} (dark)`);
      await screenshot(tab, `${page}-dark`);
    }
    await dark.close();

    const contrast = await newContext();
    const high = await open(contrast, '?theme=contrast');
    expect(await high.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
    for (const page of PAGES) {
      await show(high, page);
      await expectAccessible(high, `${page} (contrast)`);
    }
    await show(high, 'initiatives');
    await screenshot(high, 'initiatives-contrast');
    await contrast.close();

    const live = await newContext();
    const follows = await open(live);
    expect(await follows.getAttribute('html', 'data-theme')).toBe('default');
    await follows.emulateMedia({ colorScheme: 'dark' });
    await follows.waitForSelector('html[data-theme="dark"]');
    await follows.emulateMedia({ colorScheme: 'light' });
    await follows.waitForSelector('html[data-theme="default"]');
    await live.close();
  });

  it('lists the sources of every page by title and date, never by file name', async () => {
    const context = await newContext();
    const tab = await open(context);
    for (const page of PAGES) {
      await show(tab, page);
      const items = await tab.locator(`#page-${page} .sources li`).allTextContents();
      for (const text of items) {
        expect({ page, text, fileName: /\.(txt|md|pdf)\b|[0-9a-f]{12}/.test(text) }).toEqual({ page, text, fileName: false });
        const source = kb.sources.find((s) => text.startsWith(`${s.title} · `));
        expect({ page, text, known: source !== undefined }).toEqual({ page, text, known: true });
      }
    }
    await context.close();
  });

  it('shows today first on the timeline, then the upcoming deadlines soonest first, then the past ones', async () => {
    const context = await newContext();
    const tab = await open(context, '', 'deadlines');
    const entries = await tab.locator('.timeline > li').evaluateAll((lis) =>
      lis.map((li) => ({ cls: li.className, id: li.getAttribute('data-id'), due: li.querySelector('time')?.getAttribute('datetime') ?? null })),
    );
    expect(entries[0]?.cls).toBe('tl-today');
    const today = entries.findIndex((e) => e.cls === 'tl-today');
    const pastHeading = entries.findIndex((e) => e.cls === 'tl-past');
    const upcoming = entries.slice(today + 1, pastHeading < 0 ? undefined : pastHeading);
    const past = pastHeading < 0 ? [] : entries.slice(pastHeading + 1);
    expect(upcoming.length + past.length).toBe(kb.deadlines.length);
    expect(upcoming.every((e) => e.cls === 'tl-item')).toBe(true);
    expect(past.every((e) => e.cls === 'tl-item past')).toBe(true);
    const dues = (list: typeof entries) => list.map((e) => e.due ?? '');
    expect(dues(upcoming)).toEqual([...dues(upcoming)].sort());
    expect(dues(past)).toEqual([...dues(past)].sort().reverse());
    // The test bot's today (its clock) lies after some deadlines and before others.
    expect(upcoming.length).toBeGreaterThan(0);
    expect(past.length).toBeGreaterThan(0);
    await tab.getByText('Overståede frister').waitFor();
    await context.close();
  });

  it('says which strategy followed an ended one, and never numbers a principle the sources leave unnumbered', async () => {
    const context = await newContext();
    const tab = await open(context);
    const older = tab.locator('section.strategy:has(#strategy-strategy-2018-2021) .badge');
    const newer = kb.strategies.find((x) => x.id === 'strategy-2022-2025');
    expect(await older.textContent()).toBe(`Strategiperioden 2018–2021 er slut. Den nyere strategi i kilderne er ${newer?.name}.`);
    const labels = await tab.locator('section.strategy:has(#strategy-strategy-2022-2025) .principle .eyebrow').allTextContents();
    const subject = kb.principles.filter((p) => p.strategy === 'strategy-2022-2025' && p.kind === 'fagprincip');
    expect(labels).toEqual(subject.map((p) => (p.number === undefined ? 'Fagprincip (uden nummer i kilderne)' : `Fagprincip ${p.number}`)));
    await context.close();
  });

  it('fits a 375 px wide phone on every page in both languages: no sideways scrolling', async () => {
    for (const locale of ['da-DK', 'en-US']) {
      const context = await loopbackContext(browser, offSite, { locale, viewport: { width: 375, height: 740 } });
      const tab = await open(context);
      for (const page of PAGES) {
        await show(tab, page);
        const widths = await tab.evaluate(() => {
          const wide = [...document.querySelectorAll<HTMLElement>('body *')]
            .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5 && !el.closest('.scroll'))
            .slice(0, 3)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
          return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, wide };
        });
        expect({ locale, page, ...widths }).toEqual({ locale, page, scroll: widths.client, client: widths.client, wide: [] });
        if (page === 'initiatives' || page === 'deadlines') await screenshot(tab, `${page}-375-${locale}`);
      }
      await context.close();
    }
  });

  it('speaks English when the locale is English', async () => {
    const context = await newContext('en-US');
    const tab = await open(context, '', 'initiatives');
    expect(await tab.getAttribute('html', 'lang')).toBe('en');
    await tab.getByRole('heading', { name: 'Initiatives and funding' }).waitFor();
    await tab.getByLabel('Show administration').waitFor();
    expect(await tab.locator('#initiatives-table tr[data-id="ny-start"] td').allTextContents()).toContain('6.8');
    await expectAccessible(tab, 'initiatives (English)');
    await screenshot(tab, 'initiatives-en');
    await show(tab, 'deadlines');
    const titles = await tab.locator('.tl-title').allTextContents();
    expect(titles.sort()).toEqual(kb.deadlines.map((d) => d.en?.title ?? d.title).sort());
    expect(titles.some((t) => t.startsWith('End of Sikker By funding: '))).toBe(true);
    expect(titles.filter((t) => /Udløb|Midtvejsstatus|opfølgning/.test(t))).toEqual([]);
    await screenshot(tab, 'deadlines-en');
    await context.close();
  });
});
