// What the fault tests (tests/reliability/) share: asking through the real
// endpoint with the time it took, pressing a card's 👍, and the figures for the
// closing table (printed with FAULT_REPORT=1; the tests assert the behaviour).
import { cardIn, message, submit, submitData, type ActivityOptions } from './teams-activities';
import type { TestBot } from './test-bot';

export interface Asked {
  readonly status: number;
  /** From posting the activity to the HTTP answer. */
  readonly ms: number;
  readonly conversationId: string;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: Math.round(performance.now() - started) };
}

/** Posts a question in a conversation of its own (or the one in `from`). */
export async function ask(t: TestBot, text: string, from: ActivityOptions = t.from()): Promise<Asked> {
  const activity = message(text, from);
  const { value: res, ms } = await timed(() => t.post(activity));
  return { status: res.status, ms, conversationId: activity.conversation.id };
}

/** The messages the bot sent to a conversation (no typing indicators: a slow first search shows one). */
export function replies(t: TestBot, conversationId: string) {
  return t.connector.to(conversationId).filter((s) => s.activity.type === 'message');
}

/** The last message the bot sent to a conversation, as the connector got it. */
function lastSent(t: TestBot, conversationId: string) {
  return replies(t, conversationId).at(-1);
}

/** Presses 👍 on the answer card last sent to the conversation. */
export async function rateUp(t: TestBot, conversationId: string): Promise<number> {
  const sent = lastSent(t, conversationId);
  const data = submitData(cardIn(sent?.activity ?? {})).find((d) => d.action === 'feedback' && d.rating === 'up');
  if (!sent || !data) throw new Error('no answer card with a 👍 button in that conversation');
  const res = await t.post(submit(data, { ...t.from('personal', { conversationId }), replyToId: sent.id }));
  return res.status;
}

/** What the user saw last in a conversation: the card's title, or the text. */
export function seen(t: TestBot, conversationId: string): string {
  const activity = lastSent(t, conversationId)?.activity;
  if (!activity) return '(nothing)';
  const card = cardIn(activity);
  const title = (card?.body as { text?: string }[] | undefined)?.[0]?.text;
  return card ? `card: ${title ?? '?'}` : `text: ${String(activity.text)}`;
}

/** One row of the closing note's table, when FAULT_REPORT is set. */
export function report(fault: string, row: Record<string, string | number>): void {
  if (process.env.FAULT_REPORT) process.stdout.write(`FAULT ${fault}: ${JSON.stringify(row)}\n`);
}

/** A metric in the bot's /metrics, summed over its labels (0 when absent). */
export async function metric(t: TestBot, name: string): Promise<number> {
  const text = await (await fetch(`${t.bot.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}
