// Messages the bot sends without being spoken to first (reminders), at the
// Teams edge. The core sees only the SDK-free ProactiveMessenger below; every
// botbuilder type stays in this file.
//
// Each call runs in a proactive turn (CloudAdapter.continueConversationAsync)
// and makes its Bot Connector request with the turn's ConnectorClient, so
// that authentication works as for replies. Two things differ from the SDK's
// defaults:
// - The SDK's HTTP pipeline (@azure/core-rest-pipeline's defaultRetryPolicy)
//   retries up to 3 times on its own: 429 and 503 after their Retry-After,
//   however long; other 5xx but 501/505, 408 and ECONNRESET/ECONNREFUSED/
//   ETIMEDOUT/ENOTFOUND with exponential backoff (1 s base, 64 s cap). We
//   remove that policy from the turn's client, so every request is one HTTP
//   attempt and the caller decides about retries (src/reminders/retry.ts)
//   with the pacer's and the store's knowledge.
// - The SDK sets no request timeout (a hung connector holds the call
//   forever). Every call here has a deadline; when it passes, the request is
//   aborted (its socket closed) and the call answers `{ ok: false, error: 'timeout' }`.
// 1:1 conversations are created with the client's createConversation rather
// than adapter.createConversationAsync, which makes the request outside our
// reach (its own client, retries on, no abort signal).
import {
  CardFactory,
  type Activity,
  type CloudAdapter,
  type ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { Failure, OutgoingMessage, ProactiveMessenger, RosterMember, StoredConversation } from '../reminders/messenger';
import type { Lang } from '../kernel/lang';
import type { Config } from '../config';
import type { Logger } from '../log';
import { createAdapter, createAuthentication } from './adapter';

export interface ProactiveOptions {
  /** The adapter from createAdapter (adapter.ts). */
  readonly adapter: CloudAdapter;
  /** The bot's app id; undefined when authentication is off (local development and tests). */
  readonly appId: string | undefined;
  /** Deadline of one call, token and every request of it included. */
  readonly timeoutMs?: number;
  /** Members per roster page (Teams accepts 50 to 500). */
  readonly pageSize?: number;
  readonly log: Logger;
}

type ConnectorClient = Awaited<ReturnType<ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>['create']>>;

/** The name of the policy that @azure/core-rest-pipeline adds to every client's pipeline. */
const SDK_RETRY_POLICY = 'defaultRetryPolicy';
const TIMED_OUT = Symbol('timed out');

export function createProactiveMessenger({ adapter, appId, timeoutMs = 15_000, pageSize = 500, log }: ProactiveOptions): ProactiveMessenger {
  let warnedAboutRetries = false;

  /** The turn's client, with the SDK's own retries removed (see the top of this file). */
  const connectorOf = (context: TurnContext): ConnectorClient => {
    const connector: ConnectorClient | undefined = context.turnState.get(adapter.ConnectorClientKey);
    if (!connector) throw new Error('the proactive turn has no ConnectorClient');
    // `client` is private in botbuilder-stdlib's typings; the test suite pins that this works.
    const pipeline = (connector as unknown as { client?: { pipeline?: { removePolicy?(o: { name: string }): unknown[] } } }).client?.pipeline;
    const removed = pipeline?.removePolicy?.({ name: SDK_RETRY_POLICY }) ?? [];
    if (removed.length === 0 && !warnedAboutRetries) {
      warnedAboutRetries = true;
      log.warn('could not remove the Bot Framework SDK retry policy: it may retry each request up to 3 times');
    }
    return connector;
  };

  /** Runs `work` in a proactive turn of `target` within the deadline, and reports how it failed. */
  async function inTurn<T>(
    target: StoredConversation,
    work: (connector: ConnectorClient, signal: AbortSignal, reference: Partial<ConversationReference>) => Promise<T>,
  ): Promise<{ readonly ok: true; readonly value: T } | Failure> {
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
    const turn = adapter
      .continueConversationAsync(appId ?? '', reference, async (context) => {
        // Caught here: an error thrown from the turn would go to the adapter's onTurnError and be lost to us.
        try {
          outcome = { ok: true, value: await work(connectorOf(context), controller.signal, reference) };
        } catch (err) {
          outcome = failureOf(err, controller.signal);
        }
      })
      .catch((err: unknown) => {
        // Before the turn ran: credentials or the connector could not be created.
        outcome = failureOf(err, controller.signal);
      });
    try {
      if ((await Promise.race([turn, deadline])) === TIMED_OUT) return { ok: false, error: 'timeout' };
    } finally {
      clearTimeout(timer);
    }
    return outcome ?? { ok: false, error: 'the proactive turn ended without running' };
  }

  return {
    async send(target, message) {
      const result = await inTurn(target, async (connector, abortSignal, reference) => {
        const activity = activityOf(message, reference);
        const response = await connector.conversations.sendToConversation(target.conversationId, activity, { abortSignal });
        return response.id ?? '';
      });
      return result.ok ? { ok: true, activityId: result.value } : result;
    },

    async update(target, activityId, message) {
      const result = await inTurn(target, async (connector, abortSignal, reference) => {
        const activity = { ...activityOf(message, reference), id: activityId };
        const response = await connector.conversations.updateActivity(target.conversationId, activityId, activity, { abortSignal });
        return response.id || activityId;
      });
      return result.ok ? { ok: true, activityId: result.value } : result;
    },

    async roster(team) {
      // A channel reference may name a thread ("19:…@thread.tacv2;messageid=…"); members belong to the channel.
      const conversationId = team.conversationId.split(';')[0] ?? team.conversationId;
      const result = await inTurn(team, async (connector, abortSignal) => {
        const members: RosterMember[] = [];
        let continuationToken: string | undefined;
        do {
          const page = await connector.conversations.getConversationPagedMembers(conversationId, {
            pageSize,
            // The typings want a token on the first page too; an undefined one is left out of the query (as TeamsInfo does).
            continuationToken: continuationToken as string,
            abortSignal,
          });
          members.push(...(page.members ?? []).map(memberOf));
          continuationToken = page.continuationToken || undefined;
        } while (continuationToken);
        return members;
      });
      return result.ok ? { ok: true, members: result.value } : result;
    },

    async openPersonalConversation(team, member) {
      const result = await inTurn(team, async (connector, abortSignal, reference) => {
        const tenantId = team.tenantId ?? reference.conversation?.tenantId;
        const bot = reference.bot ?? { id: `28:${appId ?? ''}`, name: '' };
        const created = await connector.conversations.createConversation(
          {
            isGroup: false,
            bot,
            members: [{ id: member.id, name: member.name ?? '' }],
            tenantId,
            channelData: tenantId ? { tenant: { id: tenantId } } : {},
          },
          { abortSignal },
        );
        if (!created.id) throw new Error('the Bot Connector created a conversation without an id');
        const serviceUrl = created.serviceUrl || team.serviceUrl;
        const personal: Partial<ConversationReference> = {
          channelId: reference.channelId ?? 'msteams',
          serviceUrl,
          bot,
          user: { id: member.id, name: member.name ?? '', ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}) },
          conversation: { id: created.id, conversationType: 'personal', isGroup: false, name: '', ...(tenantId ? { tenantId } : {}) },
        };
        return { conversationId: created.id, serviceUrl, ...(tenantId ? { tenantId } : {}), reference: personal };
      });
      return result.ok ? { ok: true, conversation: result.value } : result;
    },
  };
}

/**
 * The stored reference, with the stored conversation id and serviceUrl (the
 * newest known: Teams may move a conversation to another serviceUrl). Its
 * activityId is dropped: it would make the message a reply to an old one.
 */
function referenceOf(target: StoredConversation): Partial<ConversationReference> {
  const stored = (typeof target.reference === 'object' && target.reference !== null ? target.reference : {}) as Partial<ConversationReference>;
  const { activityId: _replyTo, ...rest } = stored;
  return {
    ...rest,
    channelId: stored.channelId ?? 'msteams',
    serviceUrl: target.serviceUrl,
    conversation: {
      isGroup: false,
      conversationType: '',
      name: '',
      ...stored.conversation,
      id: target.conversationId,
      ...(target.tenantId ? { tenantId: target.tenantId } : {}),
    },
  };
}

function activityOf(message: OutgoingMessage, reference: Partial<ConversationReference>): Partial<Activity> {
  return {
    type: 'message',
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    conversation: reference.conversation,
    from: reference.bot,
    recipient: reference.user,
    ...(message.text !== undefined ? { text: message.text } : {}),
    ...(message.summary !== undefined ? { summary: message.summary } : {}),
    ...(message.card !== undefined ? { attachments: [CardFactory.adaptiveCard(message.card)] } : {}),
  };
}

/** The SDK types members as ChannelAccount; Teams sends TeamsChannelAccount, whose extra fields the SDK keeps. */
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
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    statusCode?: unknown;
    code?: unknown;
    name?: unknown;
    response?: { headers?: { get?(name: string): string | undefined }; bodyAsText?: unknown };
  };
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status !== undefined) {
    const code = connectorCode(e.response?.bodyAsText) ?? (typeof e.code === 'string' ? e.code : undefined);
    const retryAfter = e.response?.headers?.get?.('retry-after') ?? undefined;
    return {
      ok: false,
      status,
      ...(code ? { code } : {}),
      ...(retryAfter ? { retryAfter } : {}),
      error: `HTTP ${status}${code ? ` ${code}` : ''}`,
    };
  }
  // No response: a network error (its code, e.g. ECONNREFUSED) or a bug here (its message).
  const code = typeof e.code === 'string' ? e.code : undefined;
  const name = typeof e.name === 'string' ? e.name : typeof err;
  const detail = code ?? (err instanceof Error ? err.message : undefined);
  return { ok: false, ...(code ? { code } : {}), error: detail ? `${name}: ${detail}` : name };
}

/** The Bot Connector's `{ error: { code } }`, which the SDK does not always copy onto the error. */
function connectorCode(body: unknown): string | undefined {
  if (typeof body !== 'string' || !body) return undefined;
  try {
    const code = (JSON.parse(body) as { error?: { code?: unknown } } | null)?.error?.code;
    return typeof code === 'string' && code ? code : undefined;
  } catch {
    // Not JSON (a proxy's HTML error page, say): no code to report.
    return undefined;
  }
}

/** The messenger for the composition root: its own adapter, built from the bot's credentials like the endpoint's. */
export function createTeamsMessenger(bot: Config['bot'], options: { readonly defaultLang: Lang; readonly log: Logger }): ProactiveMessenger {
  const adapter = createAdapter(createAuthentication(bot), options);
  return createProactiveMessenger({ adapter, appId: bot.appId, log: options.log });
}
