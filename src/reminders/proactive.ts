// The ProactiveMessenger of both SDK edges (src/teams/proactive.ts on botbuilder,
// src/agents/proactive.ts on the Microsoft 365 Agents SDK), without any SDK: what a
// call sends and reads, its deadline, and how a failure comes back. An edge gives
// only its proactive turn, the four Bot Connector calls through the turn's client,
// and the reading of its SDK's HTTP errors.
//
// - Every call runs in a proactive turn of the stored conversation, so that its
//   requests carry the bot's credentials as replies do, and makes each request
//   once: the caller decides about retries (src/reminders/retry.ts) with the
//   pacer's and the store's knowledge.
// - Every call has a deadline; when it passes, the request is aborted (its socket
//   closed) and the call answers `{ ok: false, error: 'timeout' }`.
// - Nothing is thrown: an error inside the turn would go to the SDK's onTurnError
//   and be lost to the caller, so each comes back as a Failure.
import type { Failure, OutgoingMessage, ProactiveMessenger, RosterMember, StoredConversation } from './messenger';

/** A channel account as references and activities carry it. */
interface Account {
  readonly id: string;
  readonly name?: string;
  readonly aadObjectId?: string;
}

/**
 * The Bot Framework ConversationReference (JSON) a proactive turn is opened with:
 * the stored one, with the newest conversation id and serviceUrl.
 */
interface Reference {
  readonly [field: string]: unknown;
  readonly channelId: string;
  readonly serviceUrl: string;
  readonly conversation: { readonly [field: string]: unknown; readonly id: string; readonly tenantId?: string };
  readonly bot?: Account;
  readonly user?: Account;
}

/** An outgoing message activity (JSON). */
interface MessageActivity {
  readonly type: 'message';
  readonly channelId: string;
  readonly serviceUrl: string;
  readonly conversation: Reference['conversation'];
  readonly from?: Account;
  readonly recipient?: Account;
  readonly text?: string;
  readonly summary?: string;
  readonly attachments?: readonly { readonly contentType: string; readonly content: object }[];
}

/** What creating a 1:1 conversation needs; the edge writes its SDK's parameters from it. */
interface PersonalConversationParameters {
  readonly bot: Account;
  readonly member: RosterMember;
  readonly tenantId?: string;
}

/** The Bot Connector calls of a proactive turn, through the turn's client: one HTTP attempt each, aborted by `signal`. */
export interface BotConnector {
  send(conversationId: string, activity: MessageActivity, signal: AbortSignal): Promise<{ readonly id?: string }>;
  update(conversationId: string, activityId: string, activity: MessageActivity & { readonly id: string }, signal: AbortSignal): Promise<{ readonly id?: string }>;
  membersPage(
    conversationId: string,
    page: { readonly pageSize: number; readonly continuationToken?: string },
    signal: AbortSignal,
  ): Promise<{ readonly members?: readonly { readonly id: string }[]; readonly continuationToken?: string }>;
  createPersonalConversation(parameters: PersonalConversationParameters, signal: AbortSignal): Promise<{ readonly id?: string; readonly serviceUrl?: string }>;
}

/** What an SDK edge gives the messenger. */
export interface ProactiveEdge {
  /**
   * Runs `logic` in a proactive turn of `reference` (the SDK's continueConversation);
   * `connector()` gives the turn's client. Rejects when the turn could not start
   * (credentials, the connector could not be created).
   */
  continueConversation(reference: Reference, logic: (connector: () => BotConnector) => Promise<void>): Promise<void>;
  /** An error of the SDK's HTTP client that carries a response: its status, the Bot Connector's error code, Retry-After. */
  httpFailureOf(err: unknown): { readonly status: number; readonly code?: string; readonly retryAfter?: string } | undefined;
}

export interface MessengerOptions {
  /** The bot's app id; undefined when authentication is off (local development and tests). */
  readonly appId: string | undefined;
  /** Deadline of one call, token and every request of it included. */
  readonly timeoutMs?: number;
  /** Members per roster page (Teams accepts 50 to 500). */
  readonly pageSize?: number;
}

const TIMED_OUT = Symbol('timed out');

export function createMessenger(edge: ProactiveEdge, { appId, timeoutMs = 15_000, pageSize = 500 }: MessengerOptions): ProactiveMessenger {
  /** Runs `work` in a proactive turn of `target` within the deadline, and reports how it failed. */
  async function inTurn<T>(target: StoredConversation, work: (connector: BotConnector, signal: AbortSignal, reference: Reference) => Promise<T>) {
    const reference = referenceOf(target);
    const controller = new AbortController();
    let outcome: { readonly ok: true; readonly value: T } | Failure | undefined;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve(TIMED_OUT);
      }, timeoutMs);
    });
    const turn = edge
      .continueConversation(reference, async (connector) => {
        try {
          outcome = { ok: true, value: await work(connector(), controller.signal, reference) };
        } catch (err) {
          outcome = failureOf(edge, err, controller.signal);
        }
      })
      .catch((err: unknown) => {
        // Before the turn ran: credentials or the connector could not be created.
        outcome = failureOf(edge, err, controller.signal);
      });
    try {
      if ((await Promise.race([turn, deadline])) === TIMED_OUT) return { ok: false, error: 'timeout' } as const;
    } finally {
      clearTimeout(timer);
    }
    return outcome ?? ({ ok: false, error: 'the proactive turn ended without running' } as const);
  }

  return {
    async send(target, message) {
      const result = await inTurn(target, async (connector, signal, reference) => (await connector.send(target.conversationId, activityOf(message, reference), signal)).id ?? '');
      return result.ok ? { ok: true, activityId: result.value } : result;
    },

    async update(target, activityId, message) {
      const result = await inTurn(target, async (connector, signal, reference) => {
        const response = await connector.update(target.conversationId, activityId, { ...activityOf(message, reference), id: activityId }, signal);
        return response.id || activityId;
      });
      return result.ok ? { ok: true, activityId: result.value } : result;
    },

    async roster(team) {
      // A channel reference may name a thread ("19:…@thread.tacv2;messageid=…"); members belong to the channel.
      const conversationId = team.conversationId.split(';')[0] ?? team.conversationId;
      const result = await inTurn(team, async (connector, signal) => {
        const members: RosterMember[] = [];
        let continuationToken: string | undefined;
        do {
          const page = await connector.membersPage(conversationId, { pageSize, ...(continuationToken ? { continuationToken } : {}) }, signal);
          members.push(...(page.members ?? []).map(memberOf));
          continuationToken = page.continuationToken || undefined;
        } while (continuationToken);
        return members;
      });
      return result.ok ? { ok: true, members: result.value } : result;
    },

    async openPersonalConversation(team, member) {
      const result = await inTurn(team, async (connector, signal, reference) => {
        const tenantId = team.tenantId ?? reference.conversation.tenantId;
        const bot = reference.bot ?? { id: `28:${appId ?? ''}` };
        const created = await connector.createPersonalConversation({ bot, member, ...(tenantId ? { tenantId } : {}) }, signal);
        if (!created.id) throw new Error('the Bot Connector created a conversation without an id');
        const serviceUrl = created.serviceUrl || team.serviceUrl;
        const personal = {
          channelId: reference.channelId,
          serviceUrl,
          bot,
          user: { id: member.id, ...(member.name ? { name: member.name } : {}), ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}) },
          conversation: { id: created.id, conversationType: 'personal', isGroup: false, ...(tenantId ? { tenantId } : {}) },
        };
        return { conversationId: created.id, serviceUrl, ...(tenantId ? { tenantId } : {}), reference: personal };
      });
      return result.ok ? { ok: true, conversation: result.value } : result;
    },
  };
}

/**
 * The stored reference with the stored conversation id and serviceUrl (the newest
 * known: Teams may move a conversation to another serviceUrl), and without its
 * activityId, which would make the message a reply to an old one. Empty strings
 * (botbuilder's references hold some) are left out: the Agents SDK refuses them.
 */
function referenceOf(target: StoredConversation): Reference {
  const stored = (typeof target.reference === 'object' && target.reference !== null ? target.reference : {}) as Record<string, unknown>;
  const { activityId: _replyTo, ...rest } = stored;
  return {
    ...rest,
    ...(rest['user'] ? { user: withoutEmptyStrings(rest['user']) as unknown as Account } : {}),
    ...(rest['bot'] ? { bot: withoutEmptyStrings(rest['bot']) as unknown as Account } : {}),
    channelId: typeof stored['channelId'] === 'string' && stored['channelId'] ? stored['channelId'] : 'msteams',
    serviceUrl: target.serviceUrl,
    conversation: {
      isGroup: false,
      ...withoutEmptyStrings(stored['conversation']),
      id: target.conversationId,
      ...(target.tenantId ? { tenantId: target.tenantId } : {}),
    },
  };
}

function withoutEmptyStrings(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== ''));
}

function activityOf(message: OutgoingMessage, reference: Reference): MessageActivity {
  return {
    type: 'message',
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    conversation: reference.conversation,
    ...(reference.bot ? { from: reference.bot } : {}),
    ...(reference.user ? { recipient: reference.user } : {}),
    ...(message.text !== undefined ? { text: message.text } : {}),
    ...(message.summary !== undefined ? { summary: message.summary } : {}),
    ...(message.card !== undefined ? { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: message.card }] } : {}),
  };
}

/** Both SDKs type members as ChannelAccount; Teams sends TeamsChannelAccount, whose extra fields they keep. */
function memberOf(account: { id: string }): RosterMember {
  const text = (key: keyof RosterMember) => {
    const value = (account as Partial<Record<keyof RosterMember, unknown>>)[key];
    return typeof value === 'string' && value ? { [key]: value } : {};
  };
  return { id: account.id, ...text('name'), ...text('aadObjectId'), ...text('userPrincipalName'), ...text('email') };
}

/** A failure as the core sees it. An HTTP error's message is left out: it may quote the connector's answer at length. */
function failureOf(edge: ProactiveEdge, err: unknown, signal: AbortSignal): Failure {
  if (signal.aborted) return { ok: false, error: 'timeout' };
  const http = edge.httpFailureOf(err);
  if (http) {
    const { status, code, retryAfter } = http;
    return { ok: false, status, ...(code ? { code } : {}), ...(retryAfter ? { retryAfter } : {}), error: `HTTP ${status}${code ? ` ${code}` : ''}` };
  }
  // No response: a network error (its code, e.g. ECONNREFUSED, on the error or on its cause) or a bug here (its message).
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; name?: unknown; cause?: { code?: unknown } };
  const code = typeof e.cause?.code === 'string' ? e.cause.code : typeof e.code === 'string' ? e.code : undefined;
  const name = typeof e.name === 'string' ? e.name : typeof err;
  const detail = code ?? (err instanceof Error ? err.message : undefined);
  return { ok: false, ...(code ? { code } : {}), error: detail ? `${name}: ${detail}` : name };
}
