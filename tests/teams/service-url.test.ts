// The serviceUrl allow-list (ALLOWED_SERVICE_URL_HOSTS): which URLs the bot
// may call, and that a refused one is never called, neither for a reply nor
// for a proactive message. Inbound refusals with authentication on are in
// auth.test.ts.
import { loadConfig } from '../../src/config';
import type { Logger } from '../../src/log';
import { createAuthentication } from '../../src/teams/adapter';
import { createTeamsMessenger } from '../../src/teams/proactive';
import { startFakeConnector } from '../support/fake-connector';
import { BOT, TENANT, USER, message } from '../support/teams-activities';
import { startTestBot } from '../support/test-bot';

const APP_ID = '6f1c2b1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';
const credentials = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' };

const allows = (env: Record<string, string>) => createAuthentication(loadConfig({ NODE_ENV: 'test', ...env }).bot).allowsServiceUrl;

describe('which serviceUrls the bot may call', () => {
  it("allows Teams' hosts by default, over https only, and nothing that merely looks like them", () => {
    const allowed = allows(credentials);
    expect(allowed('https://smba.trafficmanager.net/emea/')).toBe(true);
    expect(allowed('https://smba.trafficmanager.net/teams/')).toBe(true);
    expect(allowed('https://SMBA.TrafficManager.net/amer/')).toBe(true);
    expect(allowed('https://emea.smba.trafficmanager.net/x/')).toBe(true);
    expect(allowed('http://smba.trafficmanager.net/emea/')).toBe(false);
    expect(allowed('https://smba.trafficmanager.net.example.com/emea/')).toBe(false);
    expect(allowed('https://evilsmba.trafficmanager.net/emea/')).toBe(false);
    expect(allowed('https://example.com/smba.trafficmanager.net/')).toBe(false);
    expect(allowed('https://smba.infra.gcc.teams.microsoft.com/teams')).toBe(false);
    expect(allowed('http://127.0.0.1:3978/')).toBe(false);
    expect(allowed('not a url')).toBe(false);
    expect(allowed('')).toBe(false);
  });

  it('allows loopback as well while authentication is off (local development and tests)', () => {
    const allowed = allows({});
    expect(allowed('http://127.0.0.1:3978/')).toBe(true);
    expect(allowed('http://localhost:3978/')).toBe(true);
    expect(allowed('http://[::1]:3978/')).toBe(true);
    expect(allowed('https://smba.trafficmanager.net/emea/')).toBe(true);
    expect(allowed('https://example.com/')).toBe(false);
    expect(allowed('file:///etc/passwd')).toBe(false);
  });

  it('replaces the default with the configured hosts, which may include a loopback address', () => {
    const allowed = allows({ ...credentials, ALLOWED_SERVICE_URL_HOSTS: ' 127.0.0.1 , Bots.Example.com ' });
    expect(allowed('http://127.0.0.1:3978/')).toBe(true);
    expect(allowed('https://eu.bots.example.com/')).toBe(true);
    expect(allowed('http://bots.example.com/')).toBe(false);
    expect(allowed('http://localhost:3978/')).toBe(false);
    expect(allowed('https://smba.trafficmanager.net/emea/')).toBe(false);
  });

  it('names a bad ALLOWED_SERVICE_URL_HOSTS', () => {
    expect(() => loadConfig({ ALLOWED_SERVICE_URL_HOSTS: 'https://smba.trafficmanager.net/' })).toThrow(/ALLOWED_SERVICE_URL_HOSTS: a comma-separated list of host names/);
    expect(() => loadConfig({ ALLOWED_SERVICE_URL_HOSTS: ' , ' })).toThrow(/ALLOWED_SERVICE_URL_HOSTS/);
    expect(loadConfig({ ALLOWED_SERVICE_URL_HOSTS: 'a.example, b.example' }).bot.allowedServiceUrlHosts).toEqual(['a.example', 'b.example']);
    expect(loadConfig({}).bot.allowedServiceUrlHosts).toBeUndefined();
  });
});

describe('a reply to an allowed loopback serviceUrl', () => {
  it('reaches the fake connector through "localhost" too (so auth.test.ts can show that a refused localhost is never called)', async () => {
    const t = await startTestBot();
    try {
      const activity = message('Hvad er Sikker By?', t.from('personal', { serviceUrl: t.connector.url.replace('127.0.0.1', 'localhost') }));
      expect((await t.post(activity)).status).toBe(200);
      expect(t.connector.to(activity.conversation.id).length).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});

describe('a proactive message', () => {
  it('is refused before any request to a host that is not allowed, and delivered to one that is (authentication on, offline)', async () => {
    const connector = await startFakeConnector();
    const lines: string[] = [];
    const log: Logger = { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
    try {
      const { bot } = loadConfig({
        NODE_ENV: 'test',
        ...credentials,
        // Never fetched: a proactive message checks no inbound token. It makes the outbound credentials tokenless.
        BOT_OPENID_METADATA_URL: 'http://127.0.0.1:9/.well-known/openid-configuration',
        ALLOWED_SERVICE_URL_HOSTS: '127.0.0.1',
      });
      const messenger = createTeamsMessenger(bot, { defaultLang: 'da', log });
      const chat = (conversationId: string, serviceUrl: string) => ({
        conversationId,
        serviceUrl,
        tenantId: TENANT,
        reference: { user: USER, bot: BOT, channelId: 'msteams', conversation: { id: conversationId, conversationType: 'personal', isGroup: false, tenantId: TENANT } },
      });

      const refused = await messenger.send(chat('a:refused', connector.url.replace('127.0.0.1', 'localhost')), { text: 'Husk fristen i morgen.' });
      expect(refused).toEqual({ ok: false, error: 'ServiceUrlNotAllowedError: the serviceUrl host localhost is not allowed (ALLOWED_SERVICE_URL_HOSTS)' });
      expect(connector.attempts).toEqual([]);

      const delivered = await messenger.send(chat('a:allowed', connector.url), { text: 'Husk fristen i morgen.' });
      expect(delivered).toMatchObject({ ok: true });
      expect(connector.attempts.map((a) => [a.conversationId, a.outcome])).toEqual([['a:allowed', 'ok']]);
    } finally {
      await connector.close();
    }
  });
});

describe('the clients a turn replies with', () => {
  const activity = (serviceUrl: string) => message('Hej', { serviceUrl });

  it('are built once per serviceUrl and reused by later turns; proactive turns get their own', async () => {
    const auth = createAuthentication(loadConfig({ NODE_ENV: 'test' }).bot);
    const clientFor = async (serviceUrl: string) => {
      const turn = await auth.authenticateRequest(activity(serviceUrl) as never, '');
      return turn.connectorFactory!.create(serviceUrl, turn.audience);
    };
    const first = await clientFor('http://127.0.0.1:3978/');
    expect(await clientFor('http://127.0.0.1:3978/')).toBe(first);
    expect(await clientFor('http://127.0.0.1:3979/')).not.toBe(first);
    // Not allowed: refused every time, never cached.
    await expect(clientFor('https://example.com/')).rejects.toThrow(/not allowed/);
    await expect(clientFor('https://example.com/')).rejects.toThrow(/not allowed/);

    const turn = await auth.authenticateRequest(activity('http://127.0.0.1:3978/') as never, '');
    const proactive = await auth.createConnectorFactory(turn.claimsIdentity).create('http://127.0.0.1:3978/', turn.audience);
    expect(proactive).not.toBe(first);
    expect(await auth.createUserTokenClient(turn.claimsIdentity)).toBe(await auth.createUserTokenClient(turn.claimsIdentity));
  });
});
