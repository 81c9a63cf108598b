// Messages the bot sends without being spoken to first (reminders, expert answers),
// on the Microsoft 365 Agents SDK: the shared ProactiveMessenger
// (src/reminders/proactive.ts) over this SDK's proactive turn
// (CloudAdapter.continueConversation), whose ConnectorClient carries the bot's
// credentials. Each request goes through that client's HttpClient: one HTTP
// attempt (this SDK does not retry on its own), aborted by the call's signal.
import type { ConversationReference } from '@microsoft/agents-activity';
import type { CloudAdapter, ConnectorClient, HttpClient } from '@microsoft/agents-hosting';
import type { Config } from '../config';
import type { Lang } from '../kernel/lang';
import type { Logger } from '../log';
import type { ProactiveMessenger } from '../reminders/messenger';
import { createMessenger, type BotConnector, type MessengerOptions } from '../reminders/proactive';
import { createAgentsAdapter } from './adapter';

export interface AgentsProactiveOptions extends MessengerOptions {
  readonly adapter: CloudAdapter;
}

export function createAgentsProactiveMessenger({ adapter, appId, ...options }: AgentsProactiveOptions): ProactiveMessenger {
  return createMessenger(
    {
      continueConversation: (reference, logic) =>
        // Without credentials the SDK wants an identity rather than an empty app id: an empty one is anonymous.
        adapter.continueConversation(appId ?? {}, reference as unknown as ConversationReference, (context) =>
          logic(() => {
            const connector = context.turnState.get<ConnectorClient | undefined>(adapter.ConnectorClientKey);
            if (!connector) throw new Error('the proactive turn has no ConnectorClient');
            return connectorOver(connector.httpClient);
          }),
        ),
      httpFailureOf,
    },
    { appId, ...options },
  );
}

const path = (conversationId: string, rest = '') => `/v3/conversations/${encodeURIComponent(conversationId)}${rest}`;

function connectorOver(http: HttpClient): BotConnector {
  return {
    send: async (conversationId, activity, signal) => (await http.request<{ id?: string }>({ method: 'POST', url: path(conversationId, '/activities'), data: activity, signal })).data ?? {},
    update: async (conversationId, activityId, activity, signal) =>
      (await http.request<{ id?: string }>({ method: 'PUT', url: path(conversationId, `/activities/${encodeURIComponent(activityId)}`), data: activity, signal })).data ?? {},
    membersPage: async (conversationId, { pageSize, continuationToken }, signal) => {
      const params = { pageSize: String(pageSize), ...(continuationToken ? { continuationToken } : {}) };
      return (await http.request<{ members?: { id: string }[]; continuationToken?: string }>({ method: 'GET', url: path(conversationId, '/pagedmembers'), params, signal })).data ?? {};
    },
    createPersonalConversation: async ({ bot, member, tenantId }, signal) => {
      const parameters = { isGroup: false, bot, members: [{ id: member.id, ...(member.name ? { name: member.name } : {}) }], tenantId, channelData: tenantId ? { tenant: { id: tenantId } } : {} };
      return (await http.request<{ id?: string; serviceUrl?: string }>({ method: 'POST', url: '/v3/conversations', data: parameters, signal })).data ?? {};
    },
  };
}

/** The SDK's HttpError: its status, the Bot Connector's `{ error: { code } }` and Retry-After. */
function httpFailureOf(err: unknown) {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { status?: unknown; response?: { headers?: Headers; data?: unknown } };
  if (typeof e.status !== 'number') return undefined;
  const code = (e.response?.data as { error?: { code?: unknown } } | undefined)?.error?.code;
  const retryAfter = e.response?.headers?.get('retry-after') ?? undefined;
  return { status: e.status, ...(typeof code === 'string' && code ? { code } : {}), ...(retryAfter ? { retryAfter } : {}) };
}

/** The messenger for the composition root: its own adapter, built from the bot's credentials like the endpoint's. */
export function createAgentsMessenger(bot: Config['bot'], options: { readonly defaultLang: Lang; readonly log: Logger }): ProactiveMessenger {
  const { adapter } = createAgentsAdapter(bot, options);
  return createAgentsProactiveMessenger({ adapter, appId: bot.appId });
}
