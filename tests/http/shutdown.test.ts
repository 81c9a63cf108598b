// Graceful shutdown: closing the bot lets a turn in flight finish and send its
// answer, refuses new requests, and closes the store last.
import { message } from '../support/teams-activities';
import { startTestBot } from '../support/test-bot';

it('finishes the turn in flight, sends its answer, then refuses new requests and closes the store', async () => {
  let release: () => void = () => {};
  const started = new Promise<void>((resolve) => {
    release = resolve;
  });
  const t = await startTestBot({
    assistant: (real) => ({
      help: (lang) => real.help(lang),
      ask: async (question, conversationId, alongside) => {
        release();
        await new Promise((resolve) => setTimeout(resolve, 400));
        return real.ask(question, conversationId, alongside);
      },
    }),
  });
  const activity = message('Hvor meget får Exit KK i 2024?', t.from('personal'));
  const inFlight = t.post(activity);
  await started;
  const closing = t.bot.close();

  const res = await inFlight;
  expect(res.status).toBe(200);
  await closing;
  const answer = t.connector.to(activity.conversation.id).find((s) => s.activity.type === 'message');
  expect(JSON.stringify(answer?.activity)).toContain('4,2 mio. kr.');
  await expect(t.post(message('Og i 2025?', t.from('personal')))).rejects.toThrow();
  await expect(t.bot.store.ping()).rejects.toThrow();
  await t.connector.close();
});
