// Real inbound token validation through POST /api/messages: the bot runs with
// an app id and password, and takes its signing keys from a local OpenID
// authority (BOT_OPENID_METADATA_URL), whose key signs the tokens here. Each bad
// token differs from the valid one in one respect only, and the valid one is
// answered, so each 401 is about that respect.
import net, { type AddressInfo } from 'node:net';
import { generateSigningKey, signToken, startOpenIdServer, CHANNEL_ISSUER, EMULATOR_ISSUER, type Claims, type OpenIdServer, type SignOptions } from '../support/openid-server';
import { ConfigError, loadConfig } from '../../src/config';
import { message, type TeamsActivity } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

const APP_ID = '6f1c2b1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';
const OTHER_APP_ID = '0e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b';
const QUESTION = 'Hvad er Sikker By?';

/** The log without each request's access line ("info turn …"): what the refusals themselves logged. */
const problemLines = (t: TestBot) => t.logs.filter((l) => !l.startsWith('info turn '));

const credentials = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' };

let authority: OpenIdServer;
/** Every token signed here, to check that none reaches a log. */
const issued: string[] = [];
let consoleError: jest.SpyInstance;
/** A port nothing listens on: bound once, then closed. */
let closedPort = 0;
/** What botbuilder writes to console.error (it reports some token failures there). */
const consoleLines: string[] = [];

beforeAll(async () => {
  authority = await startOpenIdServer();
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  consoleError = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    consoleLines.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message} ${a.stack ?? ''}` : String(a))).join(' '));
  });
});
afterAll(async () => {
  consoleError.mockRestore();
  await authority.close();
});

const now = () => Math.floor(Date.now() / 1000);

/** The claims of a token Teams sends with `activity`. */
function channelClaims(activity: TeamsActivity): Claims {
  return { iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: activity.serviceUrl, nbf: now() - 60, iat: now() - 60, exp: now() + 3600 };
}

function token(claims: Claims, options: Partial<SignOptions> = {}): string {
  const signed = signToken(claims, { key: authority.key, ...options });
  issued.push(signed);
  return signed;
}

const bearer = (jwt: string) => ({ authorization: `Bearer ${jwt}` });

/** Posts `activity` and reports the status and everything that came of it. */
async function deliver(t: TestBot, activity: TeamsActivity, headers: Record<string, string>) {
  const status = (await t.post(activity, headers)).status;
  // A reply would be on its way by now: the endpoint answers after the turn.
  return {
    status,
    // Typing indicators aside: whether one goes out depends on how fast this machine answers.
    requests: t.connector.attempts.filter((a) => a.conversationId === activity.conversation.id && a.body['type'] !== 'typing'),
    asked: t.asked.filter((a) => a.conversationId === activity.conversation.id),
  };
}

describe('a bot with authentication on and a local token authority', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({
      env: { ...credentials, BOT_OPENID_METADATA_URL: authority.metadataUrl('auth-test'), ALLOWED_SERVICE_URL_HOSTS: '127.0.0.1' },
    });
  });
  afterAll(() => t.close());

  it('answers a valid channel token with 200 and its reply reaches the Bot Connector (outbound works offline)', async () => {
    const activity = message(QUESTION, t.from());
    const result = await deliver(t, activity, bearer(token(channelClaims(activity))));
    expect(result.status).toBe(200);
    expect(result.asked.map((a) => a.question.text)).toEqual([QUESTION]);
    expect(result.requests.map((r) => [r.route, r.outcome])).toEqual([['send', 'ok']]);
    expect(t.connector.to(activity.conversation.id)[0]?.activity.replyToId).toBe(activity.id);
    // The keys came from the local authority, not from anywhere else.
    expect(authority.requests).toEqual(['/auth-test/.well-known/openid-configuration', '/keys']);
  });

  const another = generateSigningKey('stranger-key');
  // [case, the reason logged (botbuilder's, jsonwebtoken's or ours), the headers]
  const bad: [string, string, (activity: TeamsActivity) => Record<string, string>][] = [
    ['no Authorization header', 'no bearer token', () => ({})],
    ['an empty Authorization header', 'no bearer token', () => ({ authorization: '' })],
    ['"Bearer" without a token', 'no bearer token', () => ({ authorization: 'Bearer' })],
    ['Basic credentials', 'no bearer token', () => ({ authorization: 'Basic dXNlcjpzZWNyZXQ=' })],
    ['a token that is no JWT', 'unreadable token header', () => ({ authorization: 'Bearer not.a-jwt' })],
    ['a valid token with a trailing word', 'Unauthorized. No valid identity.', (a) => ({ authorization: `Bearer ${token(channelClaims(a))} extra` })],
    ['an expired token (beyond the 5 minute clock tolerance)', 'The token has expired', (a) => bearer(token({ ...channelClaims(a), iat: now() - 7200, nbf: now() - 7200, exp: now() - 600 }))],
    ['a token not valid yet', 'jwt not active', (a) => bearer(token({ ...channelClaims(a), nbf: now() + 3600 }))],
    ['a token without an expiry', 'token without an expiry', (a) => bearer(token(Object.fromEntries(Object.entries(channelClaims(a)).filter(([k]) => k !== 'exp'))))],
    ['a token for another bot (wrong audience)', 'Unauthorized. Invalid AppId passed on token: 0e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b', (a) => bearer(token({ ...channelClaims(a), aud: OTHER_APP_ID }))],
    ['a token of another issuer', 'Unauthorized. No valid identity.', (a) => bearer(token({ ...channelClaims(a), iss: 'https://login.example.com' }))],
    ['a token whose serviceurl claim is another URL', 'Unauthorized. ServiceUrl claim do not match.', (a) => bearer(token({ ...channelClaims(a), serviceurl: 'https://smba.trafficmanager.net/emea/' }))],
    ['a token without a serviceurl claim', 'Unauthorized. ServiceUrl claim do not match.', (a) => bearer(token(Object.fromEntries(Object.entries(channelClaims(a)).filter(([k]) => k !== 'serviceurl'))))],
    ['a token signed by an unknown key id', 'Signing Key could not be retrieved.', (a) => bearer(token(channelClaims(a), { key: another }))],
    ['a token signed by another key under the known key id (wrong signature)', 'invalid signature', (a) => bearer(token(channelClaims(a), { key: another, kid: authority.key.kid }))],
    [
      'an HS256 token keyed with the public key (algorithm confusion)',
      'token algorithm HS256 is not allowed',
      (a) => bearer(token(channelClaims(a), { alg: 'HS256', hmacSecret: authority.key.publicKey.export({ format: 'pem', type: 'spki' }) })),
    ],
    ['an unsigned token (alg none)', 'token algorithm none is not allowed', (a) => bearer(token(channelClaims(a), { alg: 'none' }))],
    [
      'a valid token with its payload swapped for another',
      'invalid signature',
      (a) => {
        const [header, , signature] = token(channelClaims(a)).split('.');
        const payload = Buffer.from(JSON.stringify({ ...channelClaims(a), aud: APP_ID, extra: 'tampered' })).toString('base64url');
        return { authorization: `Bearer ${header}.${payload}.${signature}` };
      },
    ],
  ];

  it.each(bad)('answers %s with 401 and sends nothing', async (_name, reason, headersFor) => {
    const activity = message(QUESTION, t.from());
    const logged = problemLines(t).length;
    const result = await deliver(t, activity, headersFor(activity));
    expect(result.status).toBe(401);
    expect(result.requests).toEqual([]);
    expect(result.asked).toEqual([]);
    const lines = problemLines(t).slice(logged);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^info refused an unauthenticated request .*"status":401/);
    expect(JSON.parse(lines[0]?.slice(lines[0].indexOf('{')) ?? '{}').reason).toBe(reason);
  });

  it('refuses a validly signed emulator token (401), in the hook that checks the issuer', async () => {
    const activity = message(QUESTION, t.from());
    const claims = { iss: EMULATOR_ISSUER, aud: APP_ID, appid: APP_ID, ver: '1.0', serviceurl: activity.serviceUrl, nbf: now() - 60, exp: now() + 3600 };
    const result = await deliver(t, activity, bearer(token(claims)));
    expect(result.status).toBe(401);
    expect(result.requests).toEqual([]);
    expect(result.asked).toEqual([]);
    // botbuilder's emulator path accepted the signature; our issuer check refused it.
    expect(problemLines(t).at(-1)).toMatch(/^info refused an unauthenticated request .*"error":"TokenRejectedError".*"reason":"token not issued by the Bot Framework channel service"/);
  });

  it('answers an authenticated activity from a serviceUrl host that is not allowed with 403 and never calls it', async () => {
    // localhost reaches the fake connector (tests/teams/service-url.test.ts shows it), but only 127.0.0.1 is allowed.
    const activity = message(QUESTION, t.from('personal', { serviceUrl: t.connector.url.replace('127.0.0.1', 'localhost') }));
    const result = await deliver(t, activity, bearer(token(channelClaims(activity))));
    expect(result.status).toBe(403);
    expect(result.requests).toEqual([]);
    expect(result.asked).toEqual([]);
    expect(problemLines(t).at(-1)).toMatch(/^info refused an activity from a serviceUrl host that is not allowed \{"status":403,"host":"localhost","turnId":"[0-9a-f-]{36}"\}$/);
  });

  it('still answers a valid token after all that', async () => {
    const activity = message(QUESTION, t.from());
    const result = await deliver(t, activity, bearer(token(channelClaims(activity))));
    expect(result.status).toBe(200);
    expect(result.requests.map((r) => r.outcome)).toEqual(['ok']);
  });

  it('never logs a token, nor does botbuilder on the console', () => {
    expect(issued.length).toBeGreaterThan(10);
    const everything = [...t.logs, ...consoleLines].join('\n');
    for (const jwt of issued) {
      const signature = jwt.split('.')[2];
      expect(everything).not.toContain(jwt);
      if (signature) expect(everything).not.toContain(signature);
    }
  });
});

describe('a production configuration', () => {
  it('refuses emulator tokens (401) and serves channel tokens (200)', async () => {
    // NODE_ENV=production refuses BOT_OPENID_METADATA_URL (see 'the configuration' below), so the
    // local authority is put in after loading; everything else is production's.
    const t = await startTestBot({
      env: { ...credentials, NODE_ENV: 'production', ALLOWED_SERVICE_URL_HOSTS: '127.0.0.1' },
      configure: (config) => ({ ...config, bot: { ...config.bot, openIdMetadataUrl: authority.metadataUrl('production') } }),
    });
    try {
      const emulated = message(QUESTION, t.from());
      const emulatorClaims = { iss: EMULATOR_ISSUER, aud: APP_ID, appid: APP_ID, ver: '1.0', nbf: now() - 60, exp: now() + 3600 };
      const refused = await deliver(t, emulated, bearer(token(emulatorClaims)));
      expect(refused.status).toBe(401);
      expect(refused.requests).toEqual([]);
      expect(refused.asked).toEqual([]);
      expect(problemLines(t).at(-1)).toMatch(/"reason":"token not issued by the Bot Framework channel service"/);

      const real = message(QUESTION, t.from());
      const served = await deliver(t, real, bearer(token(channelClaims(real))));
      expect(served.status).toBe(200);
      expect(served.requests.map((r) => r.outcome)).toEqual(['ok']);
    } finally {
      await t.close();
    }
  });
});

describe('when the token authority is unreachable', () => {
  it.each([
    ['answers 500', () => authority.brokenMetadataUrl],
    ['refuses connections', () => `http://127.0.0.1:${closedPort}/.well-known/openid-configuration`],
  ])('answers 503 (not 401: the token may be fine) when the authority %s, and sends nothing', async (_name, metadataUrl) => {
    const t = await startTestBot({ env: { ...credentials, BOT_OPENID_METADATA_URL: metadataUrl(), ALLOWED_SERVICE_URL_HOSTS: '127.0.0.1' } });
    try {
      const activity = message(QUESTION, t.from());
      const result = await deliver(t, activity, bearer(token(channelClaims(activity))));
      expect(result.status).toBe(503);
      expect(result.requests).toEqual([]);
      expect(result.asked).toEqual([]);
      expect(problemLines(t).at(-1)).toMatch(/^error could not check a token/);
    } finally {
      await t.close();
    }
  });
});

describe('the configuration', () => {
  it('refuses BOT_OPENID_METADATA_URL in production, saying what it is for', () => {
    const env = { ...credentials, NODE_ENV: 'production', BOT_OPENID_METADATA_URL: 'http://127.0.0.1:1/.well-known/openid-configuration' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/BOT_OPENID_METADATA_URL: not allowed when NODE_ENV=production: it replaces the Bot Framework token authority/);
    expect(loadConfig({ ...env, NODE_ENV: 'test' }).bot.openIdMetadataUrl).toBe(env.BOT_OPENID_METADATA_URL);
    expect(loadConfig({ ...credentials, NODE_ENV: 'production' }).bot.openIdMetadataUrl).toBeUndefined();
  });

  it('refuses a BOT_OPENID_METADATA_URL that is no http(s) URL', () => {
    expect(() => loadConfig({ BOT_OPENID_METADATA_URL: 'file:///keys.json' })).toThrow(/BOT_OPENID_METADATA_URL: an http\(s\) URL/);
  });

  // Production without credentials is refused by tests/config.test.ts ('refuses to start in production without credentials, saying why').
});
