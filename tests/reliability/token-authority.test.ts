// The OpenID metadata (the token authority's keys) hanging: a token check has a time
// limit (503: the channel retries), checks pause for a moment after one failed rather
// than each opening another hanging download, and tokens that cannot be valid (no
// bearer token, alg none, HS256) get 401 without any outbound call. Runs on both edges
// (jest's "agents" project too): the guards are protocol/endpoint.ts's, shared.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSigningKey, signToken, CHANNEL_ISSUER, EMULATOR_ISSUER } from '../support/openid-server';
import { report, timed } from '../support/faults';
import { message } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

const APP_ID = '6f1c2b1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';
const TEAMS_TIMEOUT_MS = 15_000;

/** An authority that accepts connections and never answers. */
let hung: http.Server;
let requests = 0;
let t: TestBot;
beforeAll(async () => {
  hung = http.createServer(() => {
    requests++;
  });
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(hung.address() as AddressInfo).port}/hung/.well-known/openid-configuration`;
  t = await startTestBot({
    env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant', BOT_OPENID_METADATA_URL: url, ALLOWED_SERVICE_URL_HOSTS: '127.0.0.1' },
  });
});
afterAll(async () => {
  await t.close();
  hung.closeAllConnections();
  await new Promise((resolve) => hung.close(resolve));
});

const key = generateSigningKey('some-key');
// botbuilder fetches every token's keys through BOT_OPENID_METADATA_URL. The Agents SDK fetches a
// channel token's keys from Microsoft's fixed address (not reachable here) and any other issuer's from
// the configured authority, the hung server's folder: an Entra-issued token makes it wait on that.
const ISSUER = process.env['TEST_BOT_SDK'] === 'agents' ? EMULATOR_ISSUER : CHANNEL_ISSUER;
const now = () => Math.floor(Date.now() / 1000);
function post(alg: 'RS256' | 'HS256' | 'none') {
  const activity = message('Hvad er Sikker By?', t.from());
  const claims = { iss: ISSUER, aud: APP_ID, serviceurl: activity.serviceUrl, nbf: now() - 60, exp: now() + 3600 };
  const token = signToken(claims, { key, alg, ...(alg === 'HS256' ? { hmacSecret: 'x' } : {}) });
  return timed(() => t.post(activity, { authorization: `Bearer ${token}` }).then((r) => r.status));
}

it('answers 503 within the token check deadline, then 503 at once while paused, with one download open', async () => {
  const first = await post('RS256');
  expect(first.value).toBe(503);
  expect(first.ms).toBeLessThan(TEAMS_TIMEOUT_MS);
  expect(requests).toBe(1);
  const second = await post('RS256');
  expect(second.value).toBe(503);
  expect(second.ms).toBeLessThan(1000);
  expect(requests).toBe(1);
  expect(t.connector.sent).toEqual([]);
  report('token metadata hangs', { firstMs: first.ms, pausedMs: second.ms, downloadsOpen: requests });
});

it.each(['none', 'HS256'] as const)('answers a token with alg %s 401 at once, without asking the authority', async (alg) => {
  const before = requests;
  const result = await post(alg);
  expect(result.value).toBe(401);
  expect(result.ms).toBeLessThan(1000);
  expect(requests).toBe(before);
  expect(t.logs).toContainEqual(expect.stringContaining(`"reason":"token algorithm ${alg} is not allowed"`));
});
