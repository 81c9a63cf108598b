// Messages the bot sends without being spoken to first (reminders), on the
// Microsoft 365 Agents SDK: the same ProactiveMessenger as the botbuilder edge
// (src/teams/proactive.ts). Each call runs in a proactive turn
// (CloudAdapter.continueConversation), so the turn's ConnectorClient carries
// the bot's credentials, and makes its Bot Connector request through that
// client's HttpClient: one HTTP attempt (this SDK does not retry on its own;
// src/reminders/retry.ts decides), aborted when the call's deadline passes.
import type { ConversationReference } from '@microsoft/agents-activity';
import type { CloudAdapter, ConnectorClient, HttpClient } from '@microsoft/agents-hosting';
import type { Config } from '../config';
import type { Lang } from '../kernel/lang';
import type { Logger } from '../log';
import type { Failure, OutgoingMessage, ProactiveMessenger, RosterMember, StoredConversation } from '../reminders/messenger';
import { createAgentsAdapter } from './adapter';

type Reference = Partial<ConversationReference> & Record<string, unknown>;

export interface AgentsProactiveOptions {
  readonly adapter: CloudAdapter;
  /** The bot's app id; undefined when authentication is off (local development and tests). */
  readonly appId: string | undefined;
  /** Deadline of one call, token and every request of it included. */
  readonly timeoutMs?: number;
  /** Members per roster page (Teams accepts 50 to 500). */
  readonly pageSize?: number;
}

const TIMED_OUT = Symbol('timed out');

export function createAgentsProactiveMessenger({ adapter, appId, timeoutMs = 15_000, pageSize = 500 }: AgentsProactiveOptions): ProactiveMessenger {
  /** Runs `work` in a proactive turn of `target` within the deadline, and reports how it failed. */
  async function inTurn<T>(target: StoredConversation, work: (http: HttpClient, signal: AbortSignal, reference: Reference) => Promise<T>) {
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
    // Without credentials the SDK wants an identity rather than an empty app id: an empty one is anonymous.
    const turn = adapter
      .continueConversation(appId ?? {}, reference as ConversationReference, async (context) => {
        // Caught here: an error thrown from the turn would go to the adapter's onTurnError and be lost to us.
        try {
          const connector = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
          if (!connector) throw new Error('the proactive turn has no ConnectorClient');
          outcome = { ok: true, value: await work(connector.httpClient, controller.signal, reference) };
        } catch (err) {
          outcome = failureOf(err, controller.signal);
        }
      })
      .catch((err: unknown) => {
        // Before the turn ran: credentials or the connector could not be created.
        outcome = failureOf(err, controller.signal);
      });
    try {
      if ((await Promise.race([turn, deadline])) === TIMED_OUT) return { ok: false, error: 'timeout' } as const;
    } finally {
      clearTimeout(timer);
    }
    return outcome ?? ({ ok: false, error: 'the proactive turn ended without running' } as const);
  }

  const path = (conversationId: string, rest = '') => `/v3/conversations/${encodeURIComponent(conversationId)}${rest}`;

  return {
    async send(target, message) {
      const result = await inTurn(target, async (http, signal, reference) => {
        const response = await http.request<{ id?: string }>({ method: 'POST', url: path(target.conversationId, '/activities'), data: activityOf(message, reference), signal });
        return response.data?.id ?? '';
      });
      return result.ok ? { ok: true, activityId: result.value } : result;
    },

    async update(target, activityId, message) {
      const result = await inTurn(target, async (http, signal, reference) => {
        const url = path(target.conversationId, `/activities/${encodeURIComponent(activityId)}`);
        const response = await http.request<{ id?: string }>({ method: 'PUT', url, data: { ...activityOf(message, reference), id: activityId }, signal });
        return response.data?.id || activityId;
      });
      return result.ok ? { ok: true, activityId: result.value } : result;
    },

    async roster(team) {
      // A channel reference may name a thread ("19:…@thread.tacv2;messageid=…"); members belong to the channel.
      const conversationId = team.conversationId.split(';')[0] ?? team.conversationId;
      const result = await inTurn(team, async (http, signal) => {
        const members: RosterMember[] = [];
        let continuationToken: string | undefined;
        do {
          const params = { pageSize: String(pageSize), ...(continuationToken ? { continuationToken } : {}) };
          const page = await http.request<{ members?: { id: string }[]; continuationToken?: string }>({ method: 'GET', url: path(conversationId, '/pagedmembers'), params, signal });
          members.push(...(page.data?.members ?? []).map(memberOf));
          continuationToken = page.data?.continuationToken || undefined;
        } while (continuationToken);
        return members;
      });
      return result.ok ? { ok: true, members: result.value } : result;
    },

    async openPersonalConversation(team, member) {
      const result = await inTurn(team, async (http, signal, reference) => {
        const tenantId = team.tenantId ?? (reference.conversation as { tenantId?: string } | undefined)?.tenantId;
        const bot = reference.bot ?? { id: `28:${appId ?? ''}` };
        const parameters = { isGroup: false, bot, members: [{ id: member.id, ...(member.name ? { name: member.name } : {}) }], tenantId, channelData: tenantId ? { tenant: { id: tenantId } } : {} };
        const created = (await http.request<{ id?: string; serviceUrl?: string }>({ method: 'POST', url: '/v3/conversations', data: parameters, signal })).data;
        if (!created?.id) throw new Error('the Bot Connector created a conversation without an id');
        const serviceUrl = created.serviceUrl || team.serviceUrl;
        const personal = {
          channelId: reference.channelId ?? 'msteams',
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

/** The stored reference with the stored (newest) conversation id and serviceUrl, and no activity id (that would make a reply). */
function referenceOf(target: StoredConversation): Reference {
  const stored = (typeof target.reference === 'object' && target.reference !== null ? target.reference : {}) as Reference;
  const { activityId: _replyTo, ...rest } = stored;
  return {
    ...rest,
    ...(rest.user ? { user: withoutEmptyStrings(rest.user) } : {}),
    ...(rest.bot ? { bot: withoutEmptyStrings(rest.bot) } : {}),
    channelId: stored.channelId ?? 'msteams',
    serviceUrl: target.serviceUrl,
    // The SDK's Activity schema refuses empty strings, which botbuilder's references may hold.
    conversation: {
      isGroup: false,
      ...withoutEmptyStrings(stored.conversation),
      id: target.conversationId,
      ...(target.tenantId ? { tenantId: target.tenantId } : {}),
    },
  } as Reference;
}

function withoutEmptyStrings(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== ''));
}

function activityOf(message: OutgoingMessage, reference: Reference) {
  return {
    type: 'message',
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    conversation: reference.conversation,
    from: reference.bot,
    recipient: reference.user,
    ...(message.text !== undefined ? { text: message.text } : {}),
    ...(message.summary !== undefined ? { summary: message.summary } : {}),
    ...(message.card !== undefined ? { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: message.card }] } : {}),
  };
}

function memberOf(account: { id: string }): RosterMember {
  const text = (key: keyof RosterMember) => {
    const value = (account as Partial<Record<keyof RosterMember, unknown>>)[key];
    return typeof value === 'string' && value ? { [key]: value } : {};
  };
  return { id: account.id, ...text('name'), ...text('aadObjectId'), ...text('userPrincipalName'), ...text('email') };
}

/** A failure as the core sees it. An HTTP error's message is left out: it may quote the connector's answer at length. */
function failureOf(err: unknown, signal: AbortSignal): Failure {
  if (signal.aborted) return { ok: false, error: 'timeout' };
  const e = (typeof err === 'object' && err !== null ? err : {}) as { status?: unknown; code?: unknown; name?: unknown; response?: { headers?: Headers; data?: unknown } };
  if (typeof e.status === 'number') {
    const code = (e.response?.data as { error?: { code?: unknown } } | undefined)?.error?.code;
    const retryAfter = e.response?.headers?.get('retry-after') ?? undefined;
    return {
      ok: false,
      status: e.status,
      ...(typeof code === 'string' && code ? { code } : {}),
      ...(retryAfter ? { retryAfter } : {}),
      error: `HTTP ${e.status}${typeof code === 'string' && code ? ` ${code}` : ''}`,
    };
  }
  // No response: a network error (fetch's cause carries its code, e.g. ECONNREFUSED) or a bug here (its message).
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : typeof e.code === 'string' ? e.code : undefined;
  const name = typeof e.name === 'string' ? e.name : typeof err;
  const detail = code ?? (err instanceof Error ? err.message : undefined);
  return { ok: false, ...(code ? { code } : {}), error: detail ? `${name}: ${detail}` : name };
}

/** The messenger for the composition root: its own adapter, built from the bot's credentials like the endpoint's. */
export function createAgentsMessenger(bot: Config['bot'], options: { readonly defaultLang: Lang; readonly log: Logger }): ProactiveMessenger {
  const { adapter } = createAgentsAdapter(bot, options);
  return createAgentsProactiveMessenger({ adapter, appId: bot.appId });
}
