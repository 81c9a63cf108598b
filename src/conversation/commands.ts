// The one table of what a person can ask the bot to do, besides asking a
// question: typed commands and card buttons. Each row says what it recognises
// and where; the conversation (conversation.ts) carries the commands out.
import { CardAction } from '../cards/render';
import { ReminderAction } from '../cards/reminder-cards';
import { OnboardingAction } from '../onboarding/tour';
import { asksForTour } from '../onboarding/triggers';
import { adminCommandOf, type AdminCommandName } from '../reminders/admin';
import { ExpertAction } from '../experts/cards';
import type { CardActionKind } from '../metrics';

export type Command =
  | { readonly name: 'help' }
  | { readonly name: 'tour'; readonly action?: OnboardingAction }
  | { readonly name: 'admin'; readonly command: AdminCommandName }
  | { readonly name: 'ask'; readonly question: string }
  | { readonly name: 'rate'; readonly answerId: string; readonly rating: 'up' | 'down' }
  | { readonly name: 'reminder'; readonly action: ReminderAction }
  /** Spørg en ekspert, Tag den, Send svar, and 👍/👎 on an expert's answer. */
  | { readonly name: 'expert'; readonly action: ExpertAction }
  | { readonly name: 'my questions' }
  /** "ekspertkanal", written (with an @mention) in the channel that is to get the questions; admins only. */
  | { readonly name: 'expert channel' }
  | { readonly name: 'suggestions' }
  | { readonly name: 'decide suggestion'; readonly id: number; readonly decision: 'approved' | 'rejected' }
  | { readonly name: 'report' }
  | { readonly name: 'unknown button' };

/** "hjælp", "hjaelp", "help" (with or without a slash or punctuation), or nothing at all. */
const HELP = /^\/?(hjælp|hjaelp|help)[\s.!?]*$/i;

interface TypedCommand {
  readonly admin: boolean;
  readonly match: (text: string) => Command | undefined;
}

const MY_QUESTIONS = /^\/?(mine spørgsmål|mine spoergsmaal|mine sporgsmal|my questions)[\s.!?]*$/i;
const EXPERT_CHANNEL = /^\/?(ekspertkanal|expert channel)[\s.!]*$/i;
const SUGGESTIONS = /^\/?(forslag|suggestions)[\s.!?]*$/i;
const DECIDE = /^\/?(godkend|approve|afvis|reject)\s+(?:nr\.?\s*|no\.?\s*)?(\d{1,9})[\s.!]*$/i;
const REPORT = /^\/?(rapport|report)[\s.!?]*$/i;

const TYPED: readonly TypedCommand[] = [
  { admin: false, match: (text) => (text === '' || HELP.test(text) ? { name: 'help' } : undefined) },
  { admin: false, match: (text) => (asksForTour(text) ? { name: 'tour' } : undefined) },
  { admin: false, match: (text) => (MY_QUESTIONS.test(text) ? { name: 'my questions' } : undefined) },
  // Recognised wherever it is written: it is meant for a channel. The conversation checks the writer is an admin.
  { admin: false, match: (text) => (EXPERT_CHANNEL.test(text) ? { name: 'expert channel' } : undefined) },
  { admin: true, match: (text) => (SUGGESTIONS.test(text) ? { name: 'suggestions' } : undefined) },
  { admin: true, match: (text) => (REPORT.test(text) ? { name: 'report' } : undefined) },
  {
    admin: true,
    match: (text) => {
      const m = DECIDE.exec(text);
      if (!m?.[1] || !m[2]) return undefined;
      return { name: 'decide suggestion', id: Number(m[2]), decision: /^(godkend|approve)$/i.test(m[1]) ? 'approved' : 'rejected' };
    },
  },
  {
    admin: true,
    match: (text) => {
      const command = adminCommandOf(text);
      return command && { name: 'admin', command };
    },
  },
];

/**
 * The command a typed message gives, or a question to answer. `adminCommands`:
 * whether admin commands are recognised here (a 1:1 chat, so that a channel
 * never sees their reports, and only where admins are configured).
 */
export function typedCommand(text: string, adminCommands: boolean): Command {
  const trimmed = text.trim();
  for (const row of TYPED) {
    if (row.admin && !adminCommands) continue;
    const command = row.match(trimmed);
    if (command) return command;
  }
  return { name: 'ask', question: trimmed };
}

/** The command a card button's data gives; the tour's, the reminders' and the answers' buttons. */
export function buttonCommand(value: unknown): Command {
  const tour = OnboardingAction.safeParse(value);
  if (tour.success) return { name: 'tour', action: tour.data };
  const reminder = ReminderAction.safeParse(value);
  if (reminder.success) return { name: 'reminder', action: reminder.data };
  const expert = ExpertAction.safeParse(value);
  if (expert.success) return { name: 'expert', action: expert.data };
  const card = CardAction.safeParse(value);
  if (!card.success) return { name: 'unknown button' };
  return card.data.action === 'ask'
    ? { name: 'ask', question: card.data.question }
    : { name: 'rate', answerId: card.data.answerId, rating: card.data.rating };
}

/** How /metrics counts a button. */
export function buttonKind(command: Command): CardActionKind {
  switch (command.name) {
    case 'tour':
      return 'tour';
    case 'reminder':
      return 'reminder';
    case 'expert':
      return 'expert';
    case 'ask':
      return 'ask';
    case 'rate':
      return 'feedback';
    default:
      return 'unknown';
  }
}
