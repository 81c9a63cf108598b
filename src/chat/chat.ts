// A conversation with the assistant in the terminal: the same conversation core
// and the same cards as in Teams, the cards printed as text. A button is
// pressed by typing its number. For trying the bot without a Microsoft 365 tenant.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { buttonCommand } from '../conversation/commands';
import type { Conversation } from '../conversation/conversation';
import type { Reply, Turn, TurnEvent } from '../conversation/turn';
import type { Lang } from '../kernel/lang';
import type { Logger } from '../log';
import { cardToText, type TextButton } from './card-text';

export interface ChatOptions {
  readonly conversation: Conversation;
  readonly lang: Lang;
  readonly input: Readable;
  readonly output: Writable;
  /** Where the conversation's warnings go (never the terminal's own output). */
  readonly log: Logger;
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
  const { conversation, lang, input, output, log, now = () => new Date(), conversationId = `terminal-${randomUUID()}` } = options;
  const print = (line = '') => output.write(`${line}\n`);
  let buttons: readonly TextButton[] = [];

  // The terminal can replace nothing it printed: a replaced card is shown by what would be sent instead.
  const show = (reply: Reply): void => {
    if (reply.kind === 'replace') return show(reply.otherwise);
    if (reply.kind === 'text') {
      print(reply.text);
      return;
    }
    if (reply.kind !== 'card') return;
    const text = cardToText(reply.card.card);
    print();
    for (const line of text.lines) print(line);
    print();
    buttons = text.buttons;
  };

  const turn = async (event: TurnEvent) => {
    const at: Turn = { user: { id: 'terminal' }, conversation: { id: conversationId, personal: true }, event, lang, at: now() };
    for (const reply of await conversation(at, log)) show(reply);
  };

  // An empty message asks for the welcome card.
  await turn({ kind: 'message', text: '', addressed: true });
  print(PROMPT[lang]);
  const lines = createInterface({ input, terminal: false });
  for await (const raw of lines) {
    const line = raw.trim();
    if (QUIT.test(line)) break;
    const button = /^\d+$/.test(line) ? buttons[Number(line) - 1] : undefined;
    if (button) {
      const command = buttonCommand(button.data);
      if (command.name === 'ask') print(`> ${command.question}`);
      await turn({ kind: 'button', value: button.data });
    } else {
      await turn({ kind: 'message', text: line, addressed: true });
    }
  }
  lines.close();
}
