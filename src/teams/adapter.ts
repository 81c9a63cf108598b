// The Bot Framework adapter built from the configuration, and the error
// boundary of every turn.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import type { Lang } from '../answering/answer';
import type { Config } from '../config';
import { describeError, type Logger } from '../log';
import { localeLang } from './incoming';
import { reply } from './replies';

/** Teams (and every other Bot Framework channel) signs its requests as this issuer. */
const CHANNEL_ISSUER = 'https://api.botframework.com';

/** Checks inbound tokens and creates outbound credentials. No app id: authentication off (local development). */
export function createAuthentication(bot: Config['bot']): ConfigurationBotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: bot.appId ?? '',
      MicrosoftAppPassword: bot.appPassword ?? '',
      // botbuilder asserts an app id for the single-tenant and MSI types, even with authentication off.
      MicrosoftAppType: bot.appId ? bot.appType : 'MultiTenant',
      MicrosoftAppTenantId: bot.tenantId ?? '',
    },
    undefined,
    {
      requiredEndorsements: [],
      // botbuilder's emulator-token path checks neither the audience nor the
      // serviceUrl claim: accept channel tokens only.
      validateClaims: async (claims: { type: string; value: string }[]) => {
        const issuer = claims.find((c) => c.type === 'iss')?.value;
        if (issuer !== CHANNEL_ISSUER) throw new Error('token not issued by the Bot Framework channel service');
      },
    },
  );
}

export interface AdapterOptions {
  readonly defaultLang: Lang;
  readonly log: Logger;
}

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** CloudAdapter with its turn runner public, for an activity whose request was already authenticated (see endpoint.ts). */
export class TeamsAdapter extends CloudAdapter {
  runAuthenticated(authenticated: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authenticated, activity, logic);
  }
}

export function createAdapter(auth: ConfigurationBotFrameworkAuthentication, { defaultLang, log }: AdapterOptions): TeamsAdapter {
  const adapter = new TeamsAdapter(auth);
  // The one error boundary of a turn: log what failed (never what was said) and apologise for a failed message.
  adapter.onTurnError = async (context: TurnContext, err: unknown) => {
    const { activity } = context;
    log.error('turn failed', { activityType: activity.type, conversationType: activity.conversation?.conversationType, ...describeError(err) });
    if (activity.type !== 'message') return;
    try {
      await context.sendActivity(reply('apology', localeLang(activity, defaultLang)));
    } catch (sendErr) {
      log.error('could not send the apology', describeError(sendErr));
    }
  };
  return adapter;
}
