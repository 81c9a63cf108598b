// The Bot Framework activity protocol, which both SDK edges speak (botbuilder in
// src/teams/, the Microsoft 365 Agents SDK in src/agents/): an incoming activity
// read as a Turn (who, where, what, language, time), and a Reply written as an
// outgoing activity. Pure functions of plain JSON; no SDK type is needed, because
// the wire format is the same for every SDK.
import type { Reply, Turn, TurnEvent } from '../conversation/turn';
import type { Lang } from '../kernel/lang';
import { ConversationRecord } from '../storage/reminder-store';

/** A channel account as the activity carries it. */
interface Account {
  readonly id?: string;
  readonly name?: string | null;
  readonly aadObjectId?: string | null;
}

/**
 * The fields of an incoming activity that the bot reads. Both SDKs' Activity types
 * fit it; the endpoint has checked their types before a turn starts.
 */
export interface Activity {
  readonly type: string;
  readonly id?: string | null;
  readonly replyToId?: string | null;
  readonly serviceUrl?: string | null;
  readonly channelId?: string | null;
  readonly locale?: string | null;
  readonly text?: string | null;
  readonly name?: string | null;
  readonly action?: string | null;
  readonly value?: unknown;
  readonly conversation?: { readonly id?: string; readonly conversationType?: string | null; readonly tenantId?: string | null; readonly isGroup?: boolean | null } | null;
  readonly from?: Account | null;
  readonly recipient?: Account | null;
  readonly entities?: readonly { readonly type: string }[] | null;
  readonly membersAdded?: readonly Account[] | null;
  readonly membersRemoved?: readonly Account[] | null;
  readonly channelData?: unknown;
}

/** Longer messages are cut: nobody asks a 5,000-character question, and the core should not search one. */
export const MAX_QUESTION_CHARS = 1000;

/** English when the client says so, otherwise the bot's default language; the core still looks at the text. */
export function localeLang(activity: Activity, defaultLang: Lang): Lang {
  return /^en\b/i.test(activity.locale ?? '') ? 'en' : defaultLang;
}

/** Personal (1:1) chat, as opposed to a group chat or a channel. */
function isPersonal(activity: Activity): boolean {
  const type = activity.conversation?.conversationType;
  return type ? type === 'personal' : !activity.conversation?.isGroup;
}

function recipientMentions(activity: Activity): { text?: string }[] {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).filter(
    (e) => e.type === 'mention' && botId !== undefined && (e as { mentioned?: { id?: string } }).mentioned?.id === botId,
  ) as { text?: string }[];
}

function mentionsBot(activity: Activity): boolean {
  return recipientMentions(activity).length > 0;
}

/**
 * The question in a message: the bot's @mentions removed (every one of them,
 * unlike TurnContext.removeRecipientMention, which removes the first), markup
 * dropped, whitespace collapsed, cut to MAX_QUESTION_CHARS.
 */
function questionText(activity: Activity): string {
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

function tenantOf(activity: Activity): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return typeof fromChannelData === 'string' ? fromChannelData : (activity.conversation?.tenantId ?? undefined);
}

/** The bot itself is among the members added: it was just installed in this chat or team. */
function botWasAdded(activity: Activity): boolean {
  const botId = activity.recipient?.id;
  return botId !== undefined && (activity.membersAdded ?? []).some((m) => m.id === botId);
}

function botWasRemoved(activity: Activity): boolean {
  const botId = activity.recipient?.id;
  return botId !== undefined && (activity.membersRemoved ?? []).some((m) => m.id === botId);
}

function teamOf(activity: Activity): string | undefined {
  const teamId = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  return typeof teamId === 'string' ? teamId : undefined;
}

/**
 * The conversation reference the SDKs build (TurnContext.getConversationReference),
 * without the activity id: a reminder is a new message, not a reply to whatever
 * this activity was.
 */
function referenceOf(activity: Activity) {
  const { from: user, recipient: bot, conversation, channelId, locale, serviceUrl } = activity;
  return { user: user && { ...user }, bot: bot && { ...bot }, conversation: conversation && { ...conversation }, channelId, locale, serviceUrl };
}

/** Where this activity came from, as the store keeps it for proactive messages (reminders). */
function conversationRecordOf(activity: Activity, at: Date): ConversationRecord | undefined {
  const { conversation, serviceUrl } = activity;
  if (!conversation?.id || !serviceUrl) return undefined;
  const teamId = teamOf(activity);
  const kind = isPersonal(activity) ? 'personal' : teamId !== undefined && conversation.conversationType === 'channel' ? 'channel' : 'groupChat';
  const tenantId = tenantOf(activity);
  const reference = referenceOf(activity);
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

function eventOf(activity: Activity): TurnEvent {
  switch (activity.type) {
    case 'message':
      // Action.Submit arrives as a message with a value (and no @mention, even in a channel).
      if (activity.value !== undefined && activity.value !== null) return { kind: 'button', value: activity.value };
      return { kind: 'message', text: questionText(activity), addressed: isPersonal(activity) || mentionsBot(activity) };
    case 'invoke':
      return { kind: 'execute', name: activity.name ?? '', value: activity.value };
    case 'installationUpdate':
      if (activity.action === 'add') return { kind: 'added' };
      if (activity.action === 'remove') return removed(activity);
      return { kind: 'other' };
    case 'conversationUpdate':
      if (botWasRemoved(activity)) return removed(activity);
      if (botWasAdded(activity)) return { kind: 'added' };
      return { kind: 'other' };
    default:
      return { kind: 'other' };
  }
}

/** Removed from a team's channel: every conversation of the team goes. */
function removed(activity: Activity): TurnEvent {
  const teamId = activity.conversation?.conversationType === 'channel' ? teamOf(activity) : undefined;
  return teamId ? { kind: 'removed', teamId } : { kind: 'removed' };
}

/** An incoming activity as the conversation core's turn. */
export function turnOf(activity: Activity, defaultLang: Lang, at: Date): Turn {
  const from = activity.from;
  const aadObjectId = from?.aadObjectId ?? undefined;
  const tenantId = tenantOf(activity);
  const record = conversationRecordOf(activity, at);
  return {
    user: { id: aadObjectId ?? from?.id ?? '', ...(from?.name ? { name: from.name } : {}), ...(aadObjectId ? { aadObjectId } : {}) },
    conversation: {
      id: activity.conversation?.id ?? '',
      personal: isPersonal(activity),
      ...(tenantId ? { tenantId } : {}),
      ...(record ? { record } : {}),
    },
    event: eventOf(activity),
    lang: localeLang(activity, defaultLang),
    at,
  };
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * A reply as the activity to send. A card goes alone with its summary: text and
 * a card in one activity would be split by Teams, and give back a single id.
 */
export interface OutgoingActivity {
  readonly type: 'message';
  readonly text?: string;
  readonly textFormat?: string;
  readonly summary?: string;
  readonly attachments?: { contentType: string; content: unknown }[];
}

export function activityOf(reply: Exclude<Reply, { kind: 'invokeResponse' }>): OutgoingActivity {
  switch (reply.kind) {
    case 'text':
      return { type: 'message', text: reply.text, ...(reply.markdown ? { textFormat: 'markdown' } : {}) };
    case 'card':
    case 'replace':
      return { type: 'message', summary: reply.card.summary, attachments: [{ contentType: ADAPTIVE_CARD, content: reply.card.card }] };
  }
}
