// The first hour in Microsoft 365 Agents Playground's own web page, as a
// newcomer meets it after `npm run playground`: Debian's chromium (playwright-core)
// on the real playground (tests/support/playground.ts) in front of the real bot.
// The welcome card appears, the tour starts from its button and goes two steps,
// a question typed in the box gets an answer card, a card of ours shows its text
// as text in the page's markdown renderer, and a suggested question is answered
// when clicked. Only 127.0.0.1 is reachable (the page asks a CDN for
// fonts, which is blocked and harmless). Screenshots go to
// test-artifacts/playground/ (git-ignored).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { renderAnswerCard } from '../../src/cards/render';
import { bullets } from '../../src/kernel/format';
import { launchChromium, loopbackContext } from '../support/chromium';
import { startPlayground, type Playground } from '../support/playground';
import { startTestBot, type TestBot } from '../support/test-bot';

jest.setTimeout(120_000);

const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'playground');
// What the playground page fetches from elsewhere: its web fonts and an animation worklet.
const CDN = 'res-1.cdn.office.net';

let t: TestBot;
let p: Playground;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const offSite: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await startTestBot({ env: { REMINDER_TICK_SECONDS: '0' } });
  p = await startPlayground({ endpoint: `${t.bot.url}/api/messages` });
  browser = await launchChromium();
  context = await loopbackContext(browser, offSite, { viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
}, 90_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await p?.close();
  await t?.close();
});

afterEach(() => {
  expect(offSite.filter((url) => new URL(url).hostname !== CDN)).toEqual([]);
});

const cards = () => page.locator('.ac-adaptiveCard');
const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/** The card that appears after `count` cards were shown. */
async function nextCard(count: number): Promise<Locator> {
  await page.waitForFunction((n) => document.querySelectorAll('.ac-adaptiveCard').length > n, count, { timeout: 20_000 });
  return cards().nth(count);
}

let welcome: Locator;

it('shows the welcome card when the page opens (the playground installs the bot)', async () => {
  await page.goto(p.url);
  welcome = cards().first();
  await welcome.waitFor({ timeout: 30_000 });
  // The playground's client says en-US.
  await welcome.getByText('Welcome to the Sikker By assistant').waitFor();
  await welcome.getByRole('button', { name: 'Getting started with Sikker By' }).waitFor();
  await shot('1-welcome');
});

it('starts the tour from its button on the welcome card and goes two steps with Next', async () => {
  const shown = await cards().count();
  await welcome.getByRole('button', { name: 'Getting started with Sikker By' }).click();
  const tour = await nextCard(shown);
  await tour.getByText(/Getting started with Sikker By · step 1 of \d+/).waitFor();
  await shot('2-tour-step-1');
  await tour.getByRole('button', { name: 'Next' }).click();
  await tour.getByText(/Getting started with Sikker By · step 2 of \d+/).waitFor();
  await tour.getByRole('button', { name: 'Next' }).click();
  await tour.getByText(/Getting started with Sikker By · step 3 of \d+/).waitFor();
  // The welcome card is still there above it.
  await welcome.getByText('Welcome to the Sikker By assistant').waitFor();
  await shot('3-tour-step-3');
});

let answer: Locator;

it('answers a question typed in the message box with an answer card and its source', async () => {
  const shown = await cards().count();
  const asked = t.asked.length;
  const box = page.locator('[data-lexical-editor="true"][role="textbox"]');
  await box.click();
  await box.pressSequentially('Hvornår blev Sikker By-strategien 2022-2025 godkendt?');
  await box.press('Enter');
  answer = await nextCard(shown);
  expect(t.asked.length).toBe(asked + 1);
  const reply = t.asked.at(-1);
  expect(reply?.question.text).toBe('Hvornår blev Sikker By-strategien 2022-2025 godkendt?');
  await answer.getByText(reply!.answer.title, { exact: true }).first().waitFor();
  // A Danish question gets a Danish answer, whatever the client's locale.
  expect(reply?.answer.lang).toBe('da');
  await answer.getByText(new RegExp(`Kilde: ${escape(reply!.answer.citations[0]!.title)}`)).first().waitFor();
  await shot('4-typed-question');
});

it('renders card text as text in its markdown renderer: a date after a bullet is no nested list, stars stay stars', async () => {
  // A card of ours with the text that used to turn into markup, posted into the chat as the bot would send it.
  const card = renderAnswerCard(
    {
      kind: 'answer', lang: 'da', title: 'Beslutninger', text: bullets(['3. november 2022: Borgerrepræsentationen godkendte strategien', '1. marts 2023: orientering']),
      facts: [{ label: '1. marts 2023', value: 'fodnote ** til 2023-beløbet' }], warnings: [], citations: [], followUps: [], suggestions: [], summary: 'Beslutninger',
    },
    { answerId: 'markdown-check' },
  );
  const shown = await cards().count();
  const posted = await fetch(`${p.url}/_connector/v3/conversations/${encodeURIComponent(p.conversationId('personal'))}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', from: { id: p.ids.bot.id }, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }),
  });
  expect(posted.status).toBeLessThan(300);
  const rendered = await nextCard(shown);
  await rendered.getByText('Beslutninger', { exact: true }).first().waitFor();
  expect(await rendered.locator('li').count()).toBe(2);
  expect(await rendered.locator('li ol, li ul, ol').count()).toBe(0);
  // A marker's space may be a no-break space (cardText): it reads as a space.
  expect((await rendered.locator('li').allInnerTexts()).map((t) => t.replace(/\u00A0/g, ' '))).toEqual(['3. november 2022: Borgerrepræsentationen godkendte strategien', '1. marts 2023: orientering']);
  const text = await rendered.innerText();
  expect(text).toContain('fodnote ** til 2023-beløbet');
  expect(text).not.toContain('\\');
  await shot('5-card-text');
});

it('answers a suggested question when it is clicked', async () => {
  const question = t.asked.at(-1)?.answer.followUps[0];
  expect(question).toBeDefined();
  const shown = await cards().count();
  await answer.getByRole('button', { name: question }).click();
  const second = await nextCard(shown);
  const reply = t.asked.at(-1);
  expect(reply?.question.text).toBe(question);
  await second.getByText(reply!.answer.title, { exact: true }).first().waitFor();
  // No message of the person's shows a clicked question, so the card says what it answers.
  await second.getByText(`Du spurgte: ${question}`, { exact: true }).waitFor();
  await shot('6-suggested-question');
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
