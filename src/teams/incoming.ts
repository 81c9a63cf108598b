// Reading a Teams activity: who it is for, in which language, and the question
// in it. Pure functions of the activity.
import { TurnContext, type Activity } from 'botbuilder';
import { ConversationRecord } from '../storage/reminder-store';
import type { Lang } from '../kernel/lang';

/** Longer messages are cut: nobody asks a 5,000-character question, and the core should not search one. */
export const MAX_QUESTION_CHARS = 1000;

/** English when the client says so, otherwise the bot's default language; the core still looks at the text. */
export function localeLang(activity: Activity, defaultLang: Lang): Lang {
  return /^en\b/i.test(activity.locale ?? '') ? 'en' : defaultLang;
}

/** Personal (1:1) chat, as opposed to a group chat or a channel. */
export function isPersonal(activity: Activity): boolean {
  const type = activity.conversation?.conversationType;
  return type ? type === 'personal' : !activity.conversation?.isGroup;
}

function recipientMentions(activity: Activity): { text?: string }[] {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).filter(
    (e) => e.type === 'mention' && botId !== undefined && (e as { mentioned?: { id?: string } }).mentioned?.id === botId,
  ) as { text?: string }[];
}

export function mentionsBot(activity: Activity): boolean {
  return recipientMentions(activity).length > 0;
}

/**
 * The question in a message: the bot's @mentions removed (every one of them,
 * unlike TurnContext.removeRecipientMention, which removes the first), markup
 * dropped, whitespace collapsed, cut to MAX_QUESTION_CHARS.
 */
export function questionText(activity: Activity): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  for (const { text: mention } of recipientMentions(activity)) {
    if (mention) text = text.split(mention).join(' ');
  }
  // `[^<>]`, not `[^>]`: linear time; a text of 200,000 '<' took a minute with `[^>]`.
  const plain = decodeEntities(text.replace(/<[^<>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  // By code points, so that an emoji at the cut is not split in half.
  return plain.length > MAX_QUESTION_CHARS ? Array.from(plain).slice(0, MAX_QUESTION_CHARS).join('').trimEnd() : plain;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function tenantOf(activity: Activity): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return typeof fromChannelData === 'string' ? fromChannelData : activity.conversation?.tenantId;
}

/** The bot itself is among the members added: it was just installed in this chat or team. */
export function botWasAdded(activity: Activity): boolean {
  return (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
}

export function botWasRemoved(activity: Activity): boolean {
  return (activity.membersRemoved ?? []).some((m) => m.id === activity.recipient?.id);
}

/** Where this activity came from, as the store keeps it for proactive messages (reminders). */
export function conversationRecordOf(activity: Activity, at: Date): ConversationRecord | undefined {
  const { conversation, serviceUrl } = activity;
  if (!conversation?.id || !serviceUrl) return undefined;
  const teamId = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  const kind = isPersonal(activity) ? 'personal' : typeof teamId === 'string' && conversation.conversationType === 'channel' ? 'channel' : 'groupChat';
  const tenantId = tenantOf(activity);
  const reference = TurnContext.getConversationReference(activity);
  // A reminder is a new message, not a reply to whatever this activity was.
  delete reference.activityId;
  const record = ConversationRecord.safeParse({
    // Channel messages carry ";messageid=…" (a thread); the reminder goes to the channel itself.
    conversationId: kind === 'channel' ? conversation.id.split(';')[0] : conversation.id,
    kind,
    serviceUrl,
    reference: { ...reference, conversation: { ...reference.conversation, id: kind === 'channel' ? conversation.id.split(';')[0] : conversation.id } },
    updatedAt: at,
    ...(tenantId ? { tenantId } : {}),
    ...(kind === 'personal' && activity.from?.aadObjectId ? { userAadObjectId: activity.from.aadObjectId } : {}),
    ...(kind === 'channel' ? { teamId } : {}),
  });
  return record.success ? record.data : undefined;
}
