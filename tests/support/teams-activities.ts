// Teams-shaped activities as Teams posts them to /api/messages.
import { randomUUID } from 'node:crypto';

export const BOT = { id: '28:sikker-by-bot', name: 'Sikker By' };
export const USER = { id: '29:test-user', name: 'Test Bruger', aadObjectId: '11111111-2222-4333-8444-555555555555' };
export const TENANT = '00000000-0000-4000-8000-0000000000aa';

export type Scope = 'personal' | 'groupChat' | 'channel';

export interface ActivityOptions {
  readonly serviceUrl: string;
  readonly scope?: Scope;
  readonly conversationId?: string;
  readonly locale?: string;
}

export type TeamsActivity = Record<string, unknown> & { conversation: { id: string; [key: string]: unknown } };

function base(type: string, { serviceUrl, scope = 'personal', conversationId, locale = 'da-DK' }: ActivityOptions): TeamsActivity {
  const id = conversationId ?? (scope === 'personal' ? `a:${randomUUID()}` : `19:${randomUUID()}@thread.tacv2`);
  return {
    type,
    id: `in-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    locale,
    from: USER,
    recipient: BOT,
    conversation: { id, conversationType: scope, isGroup: scope !== 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, ...(scope === 'channel' ? { team: { id: '19:team@thread.tacv2' }, channel: { id } } : {}) },
  };
}

/** An invoke, e.g. adaptiveCard/action for Action.Execute; its response comes back in the HTTP response. */
export function invoke(name: string, value: unknown, options: ActivityOptions): TeamsActivity {
  return { ...base('invoke', options), name, value };
}

export function message(text: string, options: ActivityOptions): TeamsActivity {
  return { ...base('message', options), text, textFormat: 'plain' };
}

/** A message that @mentions the bot, as Teams writes it: `<at>Sikker By</at>` in the text and a mention entity. */
export function mentionMessage(question: string, options: ActivityOptions): TeamsActivity {
  const at = `<at>${BOT.name}</at>`;
  return {
    ...message(`${at} ${question}`, options),
    entities: [{ type: 'mention', text: at, mentioned: BOT }],
  };
}

/** An Action.Submit click: a message with the button's data as its value, replying to the card's activity. */
export function submit(value: unknown, options: ActivityOptions & { replyToId?: string }): TeamsActivity {
  return { ...base('message', options), value, replyToId: options.replyToId };
}

export function installationUpdate(action: 'add' | 'remove', options: ActivityOptions): TeamsActivity {
  return { ...base('installationUpdate', options), action };
}

export function botAdded(options: ActivityOptions): TeamsActivity {
  return { ...base('conversationUpdate', options), membersAdded: [BOT] };
}

export function userAdded(options: ActivityOptions): TeamsActivity {
  return { ...base('conversationUpdate', options), membersAdded: [USER] };
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The adaptive card in a sent activity, if it has one. */
export function cardIn(activity: Record<string, unknown>): Record<string, unknown> | undefined {
  const attachments = activity.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined;
  return attachments?.find((a) => a.contentType === ADAPTIVE_CARD)?.content;
}

/** Every Action.Submit data object in a card. */
export function submitData(card: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Submit' && o.data && typeof o.data === 'object') found.push(o.data as Record<string, unknown>);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}
