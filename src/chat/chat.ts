// A conversation with the assistant in the terminal: the same assistant and
// the same cards as in Teams, the cards printed as text. A button is pressed by
// typing its number. For trying the bot without a Microsoft 365 tenant.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Lang } from '../kernel/lang';
import type { Answer } from '../answering/answer';
import type { Assistant } from '../answering/assistant';
import { isHelpCommand } from '../answering/messages';
import { CardAction, feedbackThanksText, renderAnswerCard, renderWelcomeCard } from '../cards/render';
import type { Store } from '../storage/store';
import { cardToText, type TextButton } from './card-text';

export interface ChatOptions {
  readonly assistant: Assistant;
  readonly store: Pick<Store, 'recordFeedback'>;
  readonly lang: Lang;
  readonly input: Readable;
  readonly output: Writable;
  readonly now?: () => Date;
  readonly conversationId?: string;
}

const QUIT = /^\/?(exit|quit|afslut|farvel)$/i;

const PROMPT: Record<Lang, string> = {
  da: 'Skriv et spørgsmål, et knapnummer, "hjælp" eller "afslut".',
  en: 'Type a question, a button number, "help" or "exit".',
};

/** Runs until the input ends or the person types "afslut"/"exit". */
export async function runChat(options: ChatOptions): Promise<void> {
  const { assistant, store, lang, input, output, now = () => new Date(), conversationId = `terminal-${randomUUID()}` } = options;
  const print = (line = '') => output.write(`${line}\n`);
  const answers = new Map<string, { question: string; answer: Answer }>();
  let buttons: readonly TextButton[] = [];

  const show = (card: unknown) => {
    const text = cardToText(card);
    print();
    for (const line of text.lines) print(line);
    print();
    buttons = text.buttons;
  };

  const ask = async (question: string) => {
    const answer = await assistant.ask({ text: question, localeLang: lang }, conversationId);
    const answerId = randomUUID();
    answers.set(answerId, { question, answer });
    show(renderAnswerCard(answer, { answerId }));
  };

  const press = async (button: TextButton) => {
    const action = CardAction.safeParse(button.data);
    if (!action.success) return print('?');
    if (action.data.action === 'ask') {
      print(`> ${action.data.question}`);
      return ask(action.data.question);
    }
    const sent = answers.get(action.data.answerId);
    await store.recordFeedback({
      answerId: action.data.answerId,
      rating: action.data.rating,
      question: sent?.question ?? '',
      answerTitle: sent?.answer.title.slice(0, 500) ?? '',
      at: now(),
    });
    print(feedbackThanksText(sent?.answer.lang ?? lang));
  };

  show(renderWelcomeCard(assistant.help(lang)));
  print(PROMPT[lang]);
  const lines = createInterface({ input, terminal: false });
  for await (const raw of lines) {
    const line = raw.trim();
    if (QUIT.test(line)) break;
    const button = /^\d+$/.test(line) ? buttons[Number(line) - 1] : undefined;
    if (button) await press(button);
    else if (line === '' || isHelpCommand(line)) show(renderWelcomeCard(assistant.help(lang)));
    else await ask(line);
  }
  lines.close();
}
