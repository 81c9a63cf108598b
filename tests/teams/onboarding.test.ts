// The whole onboarding tour through the real HTTP endpoint, with a restart of
// the bot in the middle: the tour resumes at the same step, then the quiz is
// answered and scored. Buttons update the tour card in place.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TOUR_LENGTH, QUIZ_LENGTH } from '../../src/onboarding/tour';
import { cardIn, message, submit, submitData } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

const dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-tour-'));
const env = { SQLITE_PATH: path.join(dir, 'tour.sqlite') };
const CONVERSATION = 'a:tour-conversation';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text of the card that is now in the chat under `id`: the last POST or PUT of it. */
function cardText(t: TestBot, id: string): string {
  const versions = t.connector.sent.filter((s) => s.id === id);
  return JSON.stringify(cardIn(versions.at(-1)!.activity));
}

async function press(t: TestBot, cardId: string, matches: (data: Record<string, unknown>) => boolean): Promise<void> {
  const card = cardIn(t.connector.sent.filter((s) => s.id === cardId).at(-1)!.activity);
  const data = submitData(card).find(matches);
  if (!data) throw new Error(`no such button on ${cardText(t, cardId)}`);
  const res = await t.post(submit(data, { ...t.from('personal', { conversationId: CONVERSATION }), replyToId: cardId }));
  expect(res.status).toBe(200);
}

it('walks the tour, survives a restart at the same step, and ends with a scored quiz', async () => {
  let t = await startTestBot({ env });
  let cardId: string;
  try {
    expect((await t.post(message('Kom godt i gang', t.from('personal', { conversationId: CONVERSATION })))).status).toBe(200);
    const first = t.connector.to(CONVERSATION).filter((s) => s.method === 'POST' && cardIn(s.activity)).at(-1)!;
    cardId = first.id;
    expect(cardText(t, cardId)).toContain(`trin 1 af ${TOUR_LENGTH}`);
    await press(t, cardId, (d) => d.action === 'tour.go' && d.step === 1);
    await press(t, cardId, (d) => d.action === 'tour.go' && d.step === 2);
    // The card was updated in place (PUT), not sent again.
    expect(t.connector.to(CONVERSATION).filter((s) => s.method === 'PUT' && s.targetId === cardId)).toHaveLength(2);
    expect(cardText(t, cardId)).toContain(`trin 3 af ${TOUR_LENGTH}`);
  } finally {
    await t.close();
  }

  // A new process on the same database.
  t = await startTestBot({ env });
  try {
    expect((await t.post(message('kom godt i gang', t.from('personal', { conversationId: CONVERSATION })))).status).toBe(200);
    cardId = t.connector.to(CONVERSATION).filter((s) => s.method === 'POST' && cardIn(s.activity)).at(-1)!.id;
    expect(cardText(t, cardId)).toContain(`trin 3 af ${TOUR_LENGTH}`);

    await press(t, cardId, (d) => d.action === 'tour.go' && d.step === 1);
    expect(cardText(t, cardId)).toContain(`trin 2 af ${TOUR_LENGTH}`);
    for (let step = 2; step < TOUR_LENGTH; step++) {
      await press(t, cardId, (d) => d.action === 'tour.go' && d.step === step);
      expect(cardText(t, cardId)).toContain(`trin ${step + 1} af ${TOUR_LENGTH}`);
    }
    await press(t, cardId, (d) => d.action === 'quiz.start');
    for (let q = 0; q < QUIZ_LENGTH; q++) {
      expect(cardText(t, cardId)).toContain(`spørgsmål ${q + 1} af ${QUIZ_LENGTH}`);
      await press(t, cardId, (d) => d.action === 'quiz.answer' && d.question === q && d.choice === 0);
      expect(cardText(t, cardId)).toMatch(/Rigtigt!|Ikke helt\./);
    }
    expect(cardText(t, cardId)).toMatch(new RegExp(`Dit resultat: \\d af ${QUIZ_LENGTH}`));
    // Nothing of this reached the question answering.
    expect(t.asked).toHaveLength(0);
  } finally {
    await t.close();
  }
});
