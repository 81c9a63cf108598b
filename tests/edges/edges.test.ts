// What both Teams edges must do alike, each run here against a bot on botbuilder
// (src/teams/) and one on the Microsoft 365 Agents SDK (src/agents/). The rest of
// the HTTP-level suite (tests/teams/) runs on both through jest's "agents" project.
import net from 'node:net';
import { Client } from 'pg';
import { signToken, startOpenIdServer, CHANNEL_ISSUER, EMULATOR_ISSUER, type OpenIdServer } from '../support/openid-server';
import { cardIn, message, submit, submitData, type TeamsActivity } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

const EDGES = ['botbuilder', 'agents'] as const;
const APP_ID = '6f1c2b1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';
const OTHER_APP_ID = '0e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b';
const connectionString = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let authority: OpenIdServer;
/** A port nothing listens on. */
let closedPort: number;
beforeAll(async () => {
  authority = await startOpenIdServer();
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(() => authority.close());

const now = () => Math.floor(Date.now() / 1000);
const claims = (activity: TeamsActivity, extra: Record<string, unknown> = {}) => ({
  iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: activity['serviceUrl'], nbf: now() - 60, iat: now() - 60, exp: now() + 3600, ...extra,
});

describe.each(EDGES)('the %s edge', (sdk) => {
  describe('with authentication on', () => {
    let t: TestBot;
    beforeAll(async () => {
      t = await startTestBot({
        env: {
          BOT_SDK: sdk, MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant',
          BOT_OPENID_METADATA_URL: authority.metadataUrl(`edges-${sdk}`), ALLOWED_SERVICE_URL_HOSTS: '127.0.0.1',
        },
      });
    });
    afterAll(() => t.close());

    // Refusals that either SDK decides before it fetches signing keys.
    it.each<[string, (activity: TeamsActivity) => Record<string, string>]>([
      ['no Authorization header', () => ({})],
      ['Basic credentials', () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
      ['a token that is no JWT', () => ({ authorization: 'Bearer not-a-token' })],
      ['a token for another bot', (a) => ({ authorization: `Bearer ${signToken(claims(a, { aud: OTHER_APP_ID }), { key: authority.key })}` })],
    ])('answers %s with 401 and sends nothing', async (_name, headers) => {
      const activity = message('Hvad er Sikker By?', t.from());
      expect((await t.post(activity, headers(activity))).status).toBe(401);
      expect(t.asked.filter((a) => a.conversationId === activity.conversation.id)).toEqual([]);
      expect(t.connector.attempts.filter((a) => a.conversationId === activity.conversation.id)).toEqual([]);
    });

    it('answers a body that is no activity with 400', async () => {
      expect((await t.postRaw('{"type": 1}')).status).toBe(400);
    });
  });

  describe('when the token authority is unreachable', () => {
    // botbuilder fetches every token's keys through BOT_OPENID_METADATA_URL; the Agents SDK a channel
    // token's from Microsoft's fixed address (not reachable here), any other issuer's from the configured
    // authority: an Entra-issued token makes it fetch them there. Either way the keys do not load.
    const iss = sdk === 'agents' ? EMULATOR_ISSUER : CHANNEL_ISSUER;
    it.each([
      ['answers 500', () => authority.brokenMetadataUrl],
      ['refuses connections', () => `http://127.0.0.1:${closedPort}/.well-known/openid-configuration`],
    ])('answers 503 (not 401: the token may be fine) when the authority %s, and sends nothing', async (_name, metadataUrl) => {
      const t = await startTestBot({
        env: { BOT_SDK: sdk, MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant', BOT_OPENID_METADATA_URL: metadataUrl(), ALLOWED_SERVICE_URL_HOSTS: '127.0.0.1' },
      });
      try {
        const activity = message('Hvad er Sikker By?', t.from());
        const token = signToken(claims(activity, { iss }), { key: authority.key });
        expect((await t.post(activity, { authorization: `Bearer ${token}` })).status).toBe(503);
        expect(t.asked).toEqual([]);
        expect(t.connector.attempts).toEqual([]);
        expect(t.logs).toContainEqual(expect.stringMatching(/^error could not check a token/));
      } finally {
        await t.close();
      }
    });
  });

  describe('with authentication off', () => {
    let t: TestBot;
    beforeAll(async () => {
      t = await startTestBot({ env: { BOT_SDK: sdk } });
    });
    afterAll(() => t.close());

    it('refuses a serviceUrl host that is not allowed with 403 and never calls it', async () => {
      const activity = message('Hvad er Sikker By?', { ...t.from(), serviceUrl: 'https://connector.example.net/' });
      expect((await t.post(activity)).status).toBe(403);
      expect(t.asked).toEqual([]);
    });

    it('answers in a personal chat with one card', async () => {
      const activity = message('Hvem koordinerer Sikker By?', t.from('personal'));
      expect((await t.post(activity)).status).toBe(200);
      // A typing indicator may come first when this machine is slow (the first question builds the index).
      const sent = t.connector.to(activity.conversation.id).filter((s) => s.activity.type !== 'typing');
      expect(sent.map((s) => s.activity.type)).toEqual(['message']);
      expect(cardIn(sent[0]!.activity)).toBeDefined();
    });
  });

  describe('two instances on one PostgreSQL', () => {
    const schema = `edges_${sdk}_${process.pid}`;
    const url = `${connectionString}${connectionString.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    let a: TestBot;
    let b: TestBot;
    beforeAll(async () => {
      const admin = new Client({ connectionString });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      await admin.end();
      a = await startTestBot({ env: { BOT_SDK: sdk, DATABASE_URL: url } });
      b = await startTestBot({ env: { BOT_SDK: sdk, DATABASE_URL: url } });
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      const admin = new Client({ connectionString });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    });

    it('record a rating given on one instance with the question asked on the other, and thank in place', async () => {
      const question = 'Hvad er Sikker By?';
      const from = a.from('personal', { conversationId: `a:two-instances-${sdk}` });
      expect((await a.post(message(question, from))).status).toBe(200);
      const card = a.connector.to(from.conversationId!).find((s) => cardIn(s.activity))!;
      const up = submitData(cardIn(card.activity)).find((d) => d['action'] === 'feedback' && d['rating'] === 'up')!;

      // The button is pressed in the same chat, and the load balancer sends it to the other instance.
      const click = submit(up, { ...b.from('personal', { conversationId: from.conversationId! }), replyToId: card.id });
      expect((await b.post(click)).status).toBe(200);
      const [stored] = (await b.bot.store.listFeedback(10)).filter((f) => f.answerId === up['answerId']);
      expect(stored).toMatchObject({ rating: 'up', question, answerTitle: a.asked[0]!.answer.title });
      const update = await b.connector.waitFor((s) => s.method === 'PUT' && s.conversationId === from.conversationId);
      expect(JSON.stringify(cardIn(update.activity))).toContain('Tak for din feedback');
    });

    it('welcome a new installation once, whichever instance hears of it', async () => {
      const from = { scope: 'personal' as const, conversationId: `a:installed-twice-${sdk}` };
      const install = (t: TestBot, type: 'installationUpdate' | 'conversationUpdate') =>
        t.post({
          ...message('', t.from(from.scope, { conversationId: from.conversationId })),
          type,
          ...(type === 'installationUpdate' ? { action: 'add' } : { membersAdded: [{ id: '28:sikker-by-bot' }] }),
        });
      await Promise.all([install(a, 'installationUpdate'), install(b, 'conversationUpdate')]);
      const welcomes = [...a.connector.to(from.conversationId), ...b.connector.to(from.conversationId)].filter((s) => s.activity.type === 'message');
      expect(welcomes).toHaveLength(1);
    });
  });
});
