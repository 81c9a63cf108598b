// The Microsoft 365 Agents SDK adapter built from the configuration, and the
// error boundary of every turn: the SDK's token checks (authorizeJWT) with ours
// after them, outbound credentials, and the serviceUrl allow-list that every
// Bot Connector call passes. Every @microsoft/agents-hosting type stays in src/agents/.
import {
  AuthType,
  authorizeJWT,
  type CloudAdapter,
  type AuthConfiguration,
  type AuthProvider,
  type Connections,
  type TurnContext,
} from '@microsoft/agents-hosting';
import type { Config } from '../config';
import { reply } from '../conversation/replies';
import type { Lang } from '../kernel/lang';
import { describeError, type Logger } from '../log';
import { localeLang } from '../protocol/activity';
import { serviceUrlPolicy } from '../protocol/service-url';
import { TimedCloudAdapter } from './connector-timeout';

const TURN_LOG = Symbol('turn log');

/** Keeps the turn's logger (its turnId) in the TurnContext, for the error boundary. */
export function setTurnLog(context: TurnContext, log: Logger): void {
  context.turnState.set(TURN_LOG, log);
}

function turnLogOf(context: TurnContext, fallback: Logger): Logger {
  return (context.turnState.get(TURN_LOG) as Logger | undefined) ?? fallback;
}

/** Teams (and every other Bot Framework channel) signs its requests as this issuer. */
const CHANNEL_ISSUER = 'https://api.botframework.com';

/** The SDK's settings from our configuration (never from the environment: src/config.ts reads that). */
function authConfigurationOf(bot: Config['bot']): AuthConfiguration {
  if (bot.appId === undefined) return {};
  const settings: AuthConfiguration = {
    clientId: bot.appId,
    authType: bot.appType === 'UserAssignedMSI' ? AuthType.UserManagedIdentity : AuthType.ClientSecret,
    ...(bot.appPassword ? { clientSecret: bot.appPassword } : {}),
    ...(bot.tenantId ? { tenantId: bot.tenantId } : {}),
    // Tokens from a local authority (tests) are checked against its keys (…/discovery/v2.0/keys).
    ...(bot.openIdMetadataUrl ? { authority: authorityOf(bot.openIdMetadataUrl) } : {}),
  };
  // One connection, for every serviceUrl: the SDK looks connections up by audience and serviceUrl.
  return { ...settings, connections: new Map([['serviceConnection', settings]]), connectionsMap: [{ serviceUrl: '*', connection: 'serviceConnection' }] };
}

/** The local authority of BOT_OPENID_METADATA_URL: the metadata document's folder. */
function authorityOf(metadataUrl: string): string {
  const url = new URL(metadataUrl);
  return `${url.origin}${url.pathname.replace(/\/\.well-known\/openid-configuration$/, '')}`;
}

/**
 * Outbound credentials against a local authority: requests carry no token,
 * since the one place to get one (Microsoft Entra ID) is not reachable offline.
 */
function tokenlessConnections(settings: AuthConfiguration): Connections {
  const provider = { connectionSettings: settings, getAccessToken: async () => '' } as unknown as AuthProvider;
  return {
    getConnection: () => provider,
    getDefaultConnection: () => provider,
    getTokenProvider: () => provider,
    getTokenProviderFromActivity: () => provider,
    getDefaultConnectionConfiguration: () => settings,
  };
}

export interface AgentsAuthentication {
  /** The SDK's check of the Authorization header, then ours; a refusal names its reason for the log. */
  authenticate(authorization: string | undefined): Promise<{ readonly ok: true; readonly identity: Record<string, unknown> } | { readonly ok: false; readonly reason: string }>;
  readonly allowsServiceUrl: (serviceUrl: string) => boolean;
}

/** The Agents SDK's CloudAdapter, the SDK's token middleware and our checks, from the configuration. */
export function createAgentsAdapter(bot: Config['bot'], { defaultLang, log: baseLog }: { readonly defaultLang: Lang; readonly log: Logger }): { adapter: CloudAdapter; auth: AgentsAuthentication } {
  const settings = authConfigurationOf(bot);
  const allowsServiceUrl = serviceUrlPolicy(bot);
  const adapter = new TimedCloudAdapter(settings, undefined, undefined, { validateServiceUrl: true }, { enabled: true, isAllowed: (url) => url != null && allowsServiceUrl(String(url)) });
  if (bot.appId !== undefined && bot.openIdMetadataUrl !== undefined) adapter.connectionManager = tokenlessConnections(settings);
  // The one error boundary of a turn: log what failed (never what was said) and apologise for a failed message.
  adapter.onTurnError = async (context: TurnContext, err: unknown) => {
    const { activity } = context;
    const log = turnLogOf(context, baseLog);
    log.error('turn failed', { activityType: activity.type, conversationType: activity.conversation?.conversationType, ...describeError(err) });
    if (activity.type !== 'message') return;
    try {
      await context.sendActivity(reply('apology', localeLang(activity, defaultLang)));
    } catch (sendErr) {
      log.error('could not send the apology', describeError(sendErr));
    }
  };
  const middleware = authorizeJWT(settings);
  return {
    adapter,
    auth: {
      allowsServiceUrl,
      async authenticate(authorization) {
        const request = { method: 'POST', headers: { authorization }, user: undefined as Record<string, unknown> | undefined };
        const response = collector();
        let passed = false;
        await middleware(request as never, response, () => {
          passed = true;
        });
        if (!passed || !request.user) return { ok: false, reason: refusalOf(response.body) };
        if (bot.appId === undefined) return { ok: true, identity: request.user };
        // After the SDK's checks: a channel token for this bot, with an expiry (the SDK accepts one without).
        const claims = request.user;
        if (claims['iss'] !== CHANNEL_ISSUER) return { ok: false, reason: 'token not issued by the Bot Framework channel service' };
        if (claims['aud'] !== bot.appId) return { ok: false, reason: 'token not issued for this bot' };
        if (typeof claims['exp'] !== 'number' || !Number.isFinite(claims['exp'])) return { ok: false, reason: 'token without an expiry' };
        return { ok: true, identity: claims };
      },
    },
  };
}

function refusalOf(body: unknown): string {
  const message = (body as { 'jwt-auth-error'?: unknown } | undefined)?.['jwt-auth-error'];
  return typeof message === 'string' ? message.slice(0, 160) : 'refused';
}

/** A WebResponse (the SDK's view of an HTTP response) that keeps what was written, for the restify server to answer with. */
export function collector() {
  const response = {
    statusCode: 200,
    body: undefined as unknown,
    headersSent: false,
    writableEnded: false,
    status(code: number) {
      response.statusCode = code;
      return response;
    },
    setHeader() {
      return response;
    },
    send(body?: unknown) {
      response.body = body;
      return response;
    },
    end() {
      response.writableEnded = true;
      return response;
    },
  };
  return response;
}
