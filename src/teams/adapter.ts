// The Bot Framework adapter built from the configuration, and the error
// boundary of every turn: token checks (botbuilder's and ours), outbound
// credentials, and the serviceUrl allow-list that every Bot Connector call passes.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import type { Lang } from '../kernel/lang';
import type { Config } from '../config';
import { describeError, type Logger } from '../log';
import { reply } from '../conversation/replies';
import { localeLang } from '../protocol/activity';
import type { Metrics } from '../metrics';
import { DEADLINES } from '../reliability/deadline';
import { hostOf, serviceUrlPolicy } from '../protocol/service-url';
import { turnLog } from './turn-log';

/** Teams (and every other Bot Framework channel) signs its requests as this issuer. */
const CHANNEL_ISSUER = 'https://api.botframework.com';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;
type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;
type Claim = { readonly type: string; readonly value: unknown };

/** A token that botbuilder accepted and our own checks did not (see validateClaims below). */
class TokenRejectedError extends Error {
  override name = 'TokenRejectedError';
}

/** A Bot Connector call to a host outside the allow-list, refused before any request was made. */
class ServiceUrlNotAllowedError extends Error {
  override name = 'ServiceUrlNotAllowedError';
  constructor(readonly host: string) {
    super(`the serviceUrl host ${host} is not allowed (ALLOWED_SERVICE_URL_HOSTS)`);
  }
}

/**
 * ConfigurationBotFrameworkAuthentication whose every ConnectorClient (replies,
 * proactive turns, new conversations) is checked against the serviceUrl
 * allow-list before it is created, so no request, not even a token request,
 * goes to another host. botbuilder's own trustServiceUrl does nothing since 4.11.
 *
 * It also reuses clients across turns where botbuilder builds new ones for every
 * turn: building a ConnectorClient (its HTTP pipeline, its credentials) and a
 * UserTokenClient cost more CPU than answering a question. Reply clients are
 * kept per app id, serviceUrl and audience, the inputs they are built from. The
 * clients of proactive turns are not shared: proactive.ts removes the SDK's
 * retry policy from them, which replies keep.
 */
export class TeamsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly replyClients = new BoundedCache<Promise<ConnectorClient>>(MAX_CACHED_CLIENTS);
  private readonly userTokenClients = new BoundedCache<Promise<UserTokenClient>>(MAX_CACHED_CLIENTS);

  constructor(
    settings: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    credentials: CredentialsFactory | undefined,
    validateClaims: (claims: Claim[]) => Promise<void>,
    readonly allowsServiceUrl: (serviceUrl: string) => boolean,
    private readonly requestTimeoutMs: number = DEADLINES.connectorRequestMs,
  ) {
    super(settings, credentials, { requiredEndorsements: [], validateClaims });
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const inner = result.connectorFactory;
    if (!inner) return result;
    const appId = appIdOf(result.claimsIdentity);
    const guarded = this.guarded(inner);
    const connectorFactory: ConnectorFactory = {
      create: (serviceUrl, audience) =>
        this.replyClients.getOrCreate(JSON.stringify([appId, serviceUrl, audience ?? null]), () => guarded.create(serviceUrl, audience)),
    };
    return { ...result, connectorFactory };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.guarded(super.createConnectorFactory(claimsIdentity));
  }

  /** The bot signs no one in (no OAuth prompt), so one client per app id serves every turn. */
  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.getOrCreate(appIdOf(claimsIdentity) ?? '', () => super.createUserTokenClient(claimsIdentity));
  }

  private guarded(inner: ConnectorFactory): ConnectorFactory {
    return {
      create: async (serviceUrl: string, audience?: string) => {
        if (!this.allowsServiceUrl(serviceUrl)) throw new ServiceUrlNotAllowedError(hostOf(serviceUrl));
        return withRequestTimeout(await inner.create(serviceUrl, audience), this.requestTimeoutMs);
      },
    };
  }
}

/** The name of our policy in a client's HTTP pipeline (@azure/core-rest-pipeline). */
const TIMEOUT_POLICY = 'sikkerByRequestTimeout';

interface PipelineRequest {
  timeout: number;
}
interface Pipeline {
  addPolicy(policy: { name: string; sendRequest(request: PipelineRequest, next: (request: PipelineRequest) => Promise<unknown>): Promise<unknown> }): void;
  getOrderedPolicies(): { name: string }[];
}

/**
 * Gives every request of a ConnectorClient a time limit: the SDK sets none, so a
 * hung Bot Connector held a reply (and the request it answers) for as long as it
 * hung. A request past its limit is aborted (its socket closed) and fails with an
 * AbortError, which the SDK's retry policy does not retry.
 */
function withRequestTimeout(client: ConnectorClient, ms: number): ConnectorClient {
  // `client` is private in botbuilder-stdlib's typings, as in proactive.ts; tests/reliability/connector-faults.test.ts pins that this works.
  const pipeline = (client as unknown as { client?: { pipeline?: Pipeline } }).client?.pipeline;
  if (!pipeline) throw new Error('the ConnectorClient has no HTTP pipeline to give a request timeout');
  if (!pipeline.getOrderedPolicies().some((p) => p.name === TIMEOUT_POLICY)) {
    pipeline.addPolicy({
      name: TIMEOUT_POLICY,
      sendRequest: (request, next) => {
        if (!(request.timeout > 0) || request.timeout > ms) request.timeout = ms;
        return next(request);
      },
    });
  }
  return client;
}

// Teams has a handful of regional serviceUrls; the bound only matters against a flood of made-up ones.
const MAX_CACHED_CLIENTS = 64;

/** The app id botbuilder builds a turn's clients for: the token's audience, or its appid claim (emulator). */
function appIdOf(claimsIdentity: ClaimsIdentity): string | undefined {
  return claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? undefined;
}

/** Promises of clients by key, oldest dropped first; a rejected one is forgotten so the next turn tries again. */
class BoundedCache<T extends Promise<unknown>> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly max: number) {}

  getOrCreate(key: string, create: () => T): T {
    const cached = this.entries.get(key);
    if (cached) return cached;
    const created = create();
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, created);
    created.catch(() => {
      if (this.entries.get(key) === created) this.entries.delete(key);
    });
    return created;
  }
}

/**
 * Settings for a local OpenID authority (BOT_OPENID_METADATA_URL, tests only).
 * Setting any of these makes botbuilder take all seven as given, with no
 * defaults, so all are set. The channel's and the emulator's keys both come
 * from the local metadata, so an emulator token can be signed validly and still
 * be refused by validateClaims.
 */
function localAuthoritySettings(metadataUrl: string) {
  const { origin } = new URL(metadataUrl);
  return {
    ToChannelFromBotLoginUrl: `${origin}/login`,
    ToChannelFromBotOAuthScope: CHANNEL_ISSUER,
    ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
    OAuthUrl: origin,
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: false,
  };
}

/**
 * Outbound credentials against a local authority: the app id is checked as in
 * production, but requests carry no token, since the one place to get one
 * (Microsoft Entra ID) is not reachable offline.
 */
function tokenlessCredentials(appId: string): CredentialsFactory {
  return {
    isValidAppId: async (id: string) => id === appId,
    isAuthenticationDisabled: async () => false,
    createCredentials: async () => ({ signRequest: async <T>(request: T) => request }),
  };
}

/**
 * Checks inbound tokens and creates outbound credentials. No app id:
 * authentication off (local development). Production always uses Microsoft's
 * authority and password (or managed identity) credentials.
 */
export function createAuthentication(bot: Config['bot']): TeamsAuthentication {
  const local = bot.appId !== undefined && bot.openIdMetadataUrl !== undefined;
  return new TeamsAuthentication(
    {
      MicrosoftAppId: bot.appId ?? '',
      MicrosoftAppPassword: bot.appPassword ?? '',
      // botbuilder asserts an app id for the single-tenant and MSI types, even with authentication off.
      MicrosoftAppType: bot.appId ? bot.appType : 'MultiTenant',
      MicrosoftAppTenantId: bot.tenantId ?? '',
      ...(local && bot.openIdMetadataUrl ? localAuthoritySettings(bot.openIdMetadataUrl) : {}),
    },
    local && bot.appId ? tokenlessCredentials(bot.appId) : undefined,
    // Run after botbuilder's checks. Its emulator-token path checks neither the
    // audience nor the serviceUrl claim, and it accepts a token without `exp`:
    // accept unexpiring channel tokens for this bot only.
    async (claims) => {
      const claim = (type: string): unknown => claims.find((c) => c.type === type)?.value;
      if (claim('iss') !== CHANNEL_ISSUER) throw new TokenRejectedError('token not issued by the Bot Framework channel service');
      if (claim('aud') !== bot.appId) throw new TokenRejectedError('token not issued for this bot');
      const exp = claim('exp');
      if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new TokenRejectedError('token without an expiry');
    },
    serviceUrlPolicy(bot),
  );
}

export interface AdapterOptions {
  readonly defaultLang: Lang;
  readonly log: Logger;
  readonly metrics?: Partial<Pick<Metrics, 'turnFailed' | 'apology'>>;
}

/** CloudAdapter with its turn runner public, for an activity whose request was already authenticated (see endpoint.ts). */
export class TeamsAdapter extends CloudAdapter {
  runAuthenticated(authenticated: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authenticated, activity, logic);
  }
}

export function createAdapter(auth: TeamsAuthentication, { defaultLang, log: baseLog, metrics }: AdapterOptions): TeamsAdapter {
  const adapter = new TeamsAdapter(auth);
  // The error boundary of what botbuilder runs around the turn (the turn's own is protocol/endpoint.ts):
  // log what failed (never what was said) and apologise for a failed message.
  adapter.onTurnError = async (context: TurnContext, err: unknown) => {
    const { activity } = context;
    const log = turnLog(context, baseLog);
    log.error('turn failed', { activityType: activity.type, conversationType: activity.conversation?.conversationType, ...describeError(err) });
    metrics?.turnFailed?.('error');
    if (activity.type !== 'message') return;
    try {
      await context.sendActivity(reply('apology', localeLang(activity, defaultLang)));
      metrics?.apology?.();
    } catch (sendErr) {
      log.error('could not send the apology', describeError(sendErr));
    }
  };
  return adapter;
}
