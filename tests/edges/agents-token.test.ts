// The Agents SDK edge with a signed channel token, offline: a valid one is answered,
// one for another bot or an expired one is refused with 401.
//
// The SDK takes the keys of channel tokens (iss https://api.botframework.com) from a
// fixed URL, https://login.botframework.com/v1/.well-known/keys (buildJwksUri in
// @microsoft/agents-hosting's auth/jwt-middleware.js); no setting changes it (the
// authority and issuers settings only apply to other issuers), and jwks-rsa is built
// there without options. So in this test process only, HTTPS requests for that one
// host go to a local HTTPS server on 127.0.0.1 that publishes the local key, with a
// certificate for login.botframework.com made for this test and trusted for those
// requests only. TLS, jwks-rsa and the SDK's checks run unchanged; anything else
// still meets the loopback guard.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { signToken, startOpenIdServer, CHANNEL_ISSUER, generateSigningKey, type OpenIdServer } from '../support/openid-server';
import { selfSignedCertificate } from '../support/self-signed';
import { cardIn, message, type TeamsActivity } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

const KEYS_HOST = 'login.botframework.com';
const KEYS_PATH = '/v1/.well-known/keys';
const APP_ID = '3b7e1c2d-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

let authority: OpenIdServer;
let keys: https.Server;
const keyRequests: string[] = [];
const request = https.request;
let t: TestBot;

beforeAll(async () => {
  // The local authority gives the local key; BOT_OPENID_METADATA_URL makes the edge's outbound requests tokenless.
  authority = await startOpenIdServer();
  const jwk = authority.key.publicKey.export({ format: 'jwk' });
  const published = JSON.stringify({ keys: [{ kty: jwk.kty, use: 'sig', kid: authority.key.kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
  const { cert, key } = selfSignedCertificate(KEYS_HOST);
  keys = https.createServer({ cert, key }, (req, res) => {
    keyRequests.push(`${req.headers.host} ${req.url}`);
    res.writeHead(req.url === KEYS_PATH ? 200 : 404, { 'content-type': 'application/json' });
    res.end(req.url === KEYS_PATH ? published : '{}');
  });
  await new Promise<void>((resolve) => keys.listen(0, '127.0.0.1', resolve));
  const port = (keys.address() as AddressInfo).port;
  // jwks-rsa calls https.request({ hostname, path, port, method, … }, callback).
  (https as { request: typeof https.request }).request = ((options: unknown, ...rest: unknown[]) => {
    const o = options as https.RequestOptions;
    if (o && typeof o === 'object' && !(o instanceof URL) && o.hostname === KEYS_HOST) {
      options = { ...o, hostname: '127.0.0.1', port, servername: KEYS_HOST, ca: cert, headers: { ...o.headers, host: KEYS_HOST } };
    }
    return (request as (...args: unknown[]) => ReturnType<typeof https.request>)(options, ...rest);
  }) as typeof https.request;
  t = await startTestBot({
    env: {
      BOT_SDK: 'agents', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant',
      BOT_OPENID_METADATA_URL: authority.metadataUrl('agents-token'), ALLOWED_SERVICE_URL_HOSTS: '127.0.0.1',
    },
  });
});
afterAll(async () => {
  (https as { request: typeof https.request }).request = request;
  await t?.close();
  keys?.closeAllConnections();
  await new Promise((resolve) => keys?.close(resolve));
  await authority?.close();
});

const now = () => Math.floor(Date.now() / 1000);
const claims = (activity: TeamsActivity, extra: Record<string, unknown> = {}) => ({
  iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: activity['serviceUrl'], nbf: now() - 60, iat: now() - 60, exp: now() + 3600, ...extra,
});
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

it('answers a channel token signed by the published key with 200 and an answer card', async () => {
  const activity = message('Hvad er Sikker By?', t.from('personal'));
  const response = await t.post(activity, bearer(signToken(claims(activity), { key: authority.key })));
  expect(response.status).toBe(200);
  const sent = t.connector.to(activity.conversation.id).filter((s) => s.activity.type === 'message');
  expect(sent).toHaveLength(1);
  expect(cardIn(sent[0]!.activity)).toBeDefined();
  // The keys came from the stand-in for the fixed URL, over TLS with the name checked.
  expect(keyRequests).toContain(`${KEYS_HOST} ${KEYS_PATH}`);
});

it.each<[string, (activity: TeamsActivity) => string]>([
  ['a token for another bot', (a) => signToken(claims(a, { aud: '0e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b' }), { key: authority.key })],
  // Past the SDK's five minutes of clock tolerance.
  ['an expired token', (a) => signToken(claims(a, { nbf: now() - 7200, iat: now() - 7200, exp: now() - 3600 }), { key: authority.key })],
  ['a token signed by a key that is not published', (a) => signToken(claims(a), { key: generateSigningKey(authority.key.kid) })],
  ['a token for another serviceUrl', (a) => signToken(claims(a, { serviceurl: 'https://smba.trafficmanager.net/emea/' }), { key: authority.key })],
])('refuses %s with 401 and sends nothing', async (_name, token) => {
  const activity = message('Hvad er Sikker By?', t.from('personal'));
  expect((await t.post(activity, bearer(token(activity)))).status).toBe(401);
  expect(t.connector.attempts.filter((a) => a.conversationId === activity.conversation.id)).toEqual([]);
});
