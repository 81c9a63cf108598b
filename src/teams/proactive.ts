// Messages the bot sends without being spoken to first (reminders, expert answers),
// at the botbuilder edge: the shared ProactiveMessenger (src/reminders/proactive.ts)
// over botbuilder's proactive turn (CloudAdapter.continueConversationAsync) and the
// turn's ConnectorClient, so that authentication works as for replies. Every
// botbuilder type stays in this file. Two things differ from the SDK's defaults:
// - The SDK's HTTP pipeline (@azure/core-rest-pipeline's defaultRetryPolicy)
//   retries up to 3 times on its own: 429 and 503 after their Retry-After,
//   however long; other 5xx but 501/505, 408 and ECONNRESET/ECONNREFUSED/
//   ETIMEDOUT/ENOTFOUND with exponential backoff (1 s base, 64 s cap). We
//   remove that policy from the turn's client, so every request is one HTTP
//   attempt and the caller decides about retries (src/reminders/retry.ts).
// - 1:1 conversations are created with the client's createConversation rather
//   than adapter.createConversationAsync, which makes the request outside our
//   reach (its own client, retries on, no abort signal).
import type { Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationReference, TurnContext } from 'botbuilder';
import type { ProactiveMessenger } from '../reminders/messenger';
import { createMessenger, type BotConnector, type MessengerOptions } from '../reminders/proactive';
import type { Lang } from '../kernel/lang';
import type { Config } from '../config';
import type { Logger } from '../log';
import { createAdapter, createAuthentication } from './adapter';

export interface ProactiveOptions extends MessengerOptions {
  /** The adapter from createAdapter (adapter.ts). */
  readonly adapter: CloudAdapter;
  readonly log: Logger;
}

type ConnectorClient = Awaited<ReturnType<ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>['create']>>;

/** The name of the policy that @azure/core-rest-pipeline adds to every client's pipeline. */
const SDK_RETRY_POLICY = 'defaultRetryPolicy';

export function createProactiveMessenger({ adapter, appId, log, ...options }: ProactiveOptions): ProactiveMessenger {
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

  return createMessenger(
    {
      continueConversation: (reference, logic) =>
        adapter.continueConversationAsync(appId ?? '', reference as unknown as Partial<ConversationReference>, (context) => logic(() => connectorOver(connectorOf(context)))),
      httpFailureOf,
    },
    { appId, ...options },
  );
}

function connectorOver(connector: ConnectorClient): BotConnector {
  // The activities are Bot Framework JSON; botbuilder's Activity type wants fields a message leaves out.
  const activity = (json: object) => json as Partial<Activity> as Activity;
  return {
    send: (conversationId, message, abortSignal) => connector.conversations.sendToConversation(conversationId, activity(message), { abortSignal }),
    update: (conversationId, activityId, message, abortSignal) => connector.conversations.updateActivity(conversationId, activityId, activity(message), { abortSignal }),
    membersPage: (conversationId, { pageSize, continuationToken }, abortSignal) =>
      // The typings want a token on the first page too; an undefined one is left out of the query (as TeamsInfo does).
      connector.conversations.getConversationPagedMembers(conversationId, { pageSize, continuationToken: continuationToken as string, abortSignal }),
    createPersonalConversation: ({ bot, member, tenantId }, abortSignal) =>
      connector.conversations.createConversation(
        // botbuilder's serializer requires a name on every account.
        { isGroup: false, bot: { name: '', ...bot }, members: [{ id: member.id, name: member.name ?? '' }], tenantId, channelData: tenantId ? { tenant: { id: tenantId } } : {} },
        { abortSignal },
      ),
  };
}

/** botbuilder's RestError: its status, the Bot Connector's `{ error: { code } }` (not always copied onto the error) and Retry-After. */
function httpFailureOf(err: unknown) {
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    statusCode?: unknown;
    code?: unknown;
    response?: { headers?: { get?(name: string): string | undefined }; bodyAsText?: unknown };
  };
  if (typeof e.statusCode !== 'number') return undefined;
  const code = connectorCode(e.response?.bodyAsText) ?? (typeof e.code === 'string' && e.code ? e.code : undefined);
  const retryAfter = e.response?.headers?.get?.('retry-after') ?? undefined;
  return { status: e.statusCode, ...(code ? { code } : {}), ...(retryAfter ? { retryAfter } : {}) };
}

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
