import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createAssistant } from '../../src/answering/service';
import { cardToText } from '../../src/chat/card-text';
import { runChat } from '../../src/chat/chat';
import { createOnboarding } from '../../src/onboarding/service';
import { createConversation } from '../../src/conversation/conversation';
import { renderAnswerCard } from '../../src/cards/render';
import { openStore } from '../../src/storage/open-store';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const kb = shippedKnowledgeBase();

describe('cards as text', () => {
  it('prints the body, facts, table rows and numbered buttons of a real answer card', () => {
    const card = renderAnswerCard(
      {
        kind: 'answer', lang: 'da', title: 'Titel', text: 'Første linje\nAnden linje', facts: [{ label: 'Beløb', value: '4,2 mio. kr.' }],
        table: { columns: ['År', 'Beløb'], rows: [['2024', '4,2']] }, warnings: ['Pas på'], citations: [{ title: 'Kilde A', file: 'a.md', date: '1. marts 2023' }],
        followUps: ['Og i 2025?'], suggestions: [], summary: 'Titel',
      },
      { answerId: 'a1' },
    );
    const { lines, buttons } = cardToText(card);
    expect(lines).toEqual(expect.arrayContaining(['Titel', 'Første linje', 'Anden linje', 'Beløb: 4,2 mio. kr.', 'År | Beløb', '2024 | 4,2']));
    expect(lines.some((l) => l.includes('Pas på'))).toBe(true);
    expect(lines.some((l) => l.includes('Kilde A') || l.includes('1. marts 2023'))).toBe(true);
    expect(buttons.map((b) => b.title)).toEqual(['→ Og i 2025?', '👍', '👎']);
    expect(lines).toContain('  [1] → Og i 2025?');
    expect(buttons[0]?.data).toMatchObject({ action: 'ask', question: 'Og i 2025?' });
  });

  it('shows markdown as a person reads it: no raw ** and no escaping backslashes', () => {
    const card = renderAnswerCard(
      {
        kind: 'answer', lang: 'da', title: 'Fodnote **', text: 'Indsatsen får **4,2 mio. kr.** om året.\n\n- 3\\. november 2022: godkendt', facts: [{ label: '1. marts 2023', value: 'Frist_1' }],
        warnings: [], citations: [], followUps: [], suggestions: [], summary: 'x',
      },
      { answerId: 'a1' },
    );
    const { lines } = cardToText(card);
    expect(lines).toEqual(expect.arrayContaining(['Fodnote **', 'Indsatsen får 4,2 mio. kr. om året.', '- 3. november 2022: godkendt', '1. marts 2023: Frist_1']));
    expect(lines.join('\n')).not.toContain('\\');
  });

  it('ignores what it does not know instead of failing', () => {
    expect(cardToText({ body: [{ type: 'Image', url: 'x' }, null, 'text'], actions: 'nope' })).toEqual({ lines: [], buttons: [] });
    expect(cardToText(undefined)).toEqual({ lines: [], buttons: [] });
  });
});

describe('the terminal chat', () => {
  let dir: string;
  let store: Awaited<ReturnType<typeof openStore>>;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-chat-'));
    store = await openStore({ kind: 'sqlite', path: path.join(dir, 'chat.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function chat(lines: string[], lang: 'da' | 'en' = 'da'): Promise<string> {
    const assistant = createAssistant({ kb: () => kb, store, now: () => new Date('2026-11-22T10:00:00Z'), timeZone: 'Europe/Copenhagen', defaultLang: 'da' });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const now = () => new Date('2026-11-22T10:00:00Z');
    const onboarding = createOnboarding({ kb: () => kb, store, now, timeZone: 'Europe/Copenhagen', random: () => 0.5 });
    const conversation = createConversation({ assistant, store, allowedTenants: [], onboarding });
    const done = runChat({ conversation, lang, input, output, log: { info: () => {}, warn: () => {}, error: () => {} } });
    input.end(lines.map((l) => `${l}\n`).join(''));
    await done;
    return printed;
  }

  it('welcomes, answers, follows up and presses buttons by number', async () => {
    const printed = await chat(['Hvor meget får Exit KK i 2024?', 'og i 2025?', '1', 'afslut', 'Hvem samarbejder i Sikker By?']);
    expect(printed).toMatch(/Velkommen til Sikker By-assistenten/);
    expect(printed).toMatch(/4,2 mio\. kr\. i 2024/);
    expect(printed).toMatch(/4,2 mio\. kr\. i 2025/);
    // Button 1 of the second answer is its first follow-up question, asked as if typed.
    expect(printed).toMatch(/\n> [^\n]+\?\n/);
    // Three answers (two typed, one pressed); the question after "afslut" is never asked.
    expect(printed.match(/Var svaret nyttigt\?/g)).toHaveLength(3);
  });

  it('records a rating pressed by number, with the question it rated', async () => {
    const printed = await chat(['Hvad koster 18+ Rådmandsgade?', '3']);
    expect(printed).toMatch(/\[3\] 👍/);
    expect(printed).toMatch(/Tak for din feedback/);
    const [feedback] = await store.listFeedback(5);
    expect(feedback).toMatchObject({ rating: 'up', question: 'Hvad koster 18+ Rådmandsgade?' });
  });

  it('starts the tour from the button on the welcome card and goes on with its Next button, or when asked in words', async () => {
    // The welcome card is printed first; its tour button's number is found as a person would find it.
    const welcome = await chat([]);
    const tourButton = /\[(\d+)\] Kom godt i gang med Sikker By/.exec(welcome)?.[1];
    expect(tourButton).toBeDefined();
    const printed = await chat([tourButton!]);
    expect(printed).not.toMatch(/\n\?\n/);
    expect(printed).toMatch(/trin 1 af 7/);
    const next = /\[(\d+)\] Næste/.exec(printed.slice(printed.indexOf('trin 1 af 7')))?.[1];
    const twoSteps = await chat([tourButton!, next!]);
    expect(twoSteps).toMatch(/trin 2 af 7/);
    for (const words of ['kom godt i gang', 'Jeg er ny her', 'Kom godt i gang med Sikker By']) expect(await chat([words])).toMatch(/Kom godt i gang med Sikker By · trin \d af 7/);
    expect(await chat(['get started'], 'en')).toMatch(/Getting started with Sikker By · step \d of 7/);
  });

  it('speaks English when started in English', async () => {
    const printed = await chat(['help'], 'en');
    expect(printed).toMatch(/Type a question/);
    expect(printed).toMatch(/Welcome/);
  });
});
