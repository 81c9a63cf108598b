// Which Bot Connector hosts the bot may call (ALLOWED_SERVICE_URL_HOSTS), for
// both SDK edges: an activity naming another serviceUrl is refused, and no
// request, not even a token request, goes anywhere else.
import type { Config } from '../config';

/**
 * Where Teams' public cloud sends from (`https://smba.trafficmanager.net/{region}/`);
 * a listed host also allows its subdomains. The US government clouds
 * (smba.infra.gcc.teams.microsoft.com, smba.infra.gov/dod.teams.microsoft.us)
 * are left out: add them with ALLOWED_SERVICE_URL_HOSTS if ever needed.
 */
const TEAMS_SERVICE_URL_HOSTS: readonly string[] = ['smba.trafficmanager.net'];

/** The host of a serviceUrl, for logs; never the whole URL. */
export function hostOf(serviceUrl: string): string {
  return URL.canParse(serviceUrl) ? new URL(serviceUrl).hostname : '(not a URL)';
}

const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);

/**
 * Whether the bot may call a serviceUrl: https to a listed host (or a subdomain of
 * one); plain http only to a loopback host (the fake Bot Connector of the tests).
 * Loopback is allowed without being listed while authentication is off.
 */
export function serviceUrlPolicy(bot: Config['bot']): (serviceUrl: string) => boolean {
  const hosts = bot.allowedServiceUrlHosts ?? TEAMS_SERVICE_URL_HOSTS;
  const loopbackWithoutListing = bot.appId === undefined;
  return (serviceUrl) => {
    if (!URL.canParse(serviceUrl)) return false;
    const url = new URL(serviceUrl);
    const host = url.hostname.toLowerCase();
    const loopback = isLoopback(host);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return false;
    if (loopback && loopbackWithoutListing) return true;
    return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
  };
}

