// Proactive messages through the real adapter of the edge under test (botbuilder,
// or the Agents SDK with TEST_BOT_SDK=agents; authentication off) to the fake Bot
// Connector: what arrives, and how each connector fault comes back as a SendResult
// that the retry policy can decide on. Both edges give the same ProactiveMessenger.
import { createAgentsAdapter } from '../../src/agents/adapter';
import { createAgentsProactiveMessenger } from '../../src/agents/proactive';
import { loadConfig } from '../../src/config';
import type { Logger } from '../../src/log';
import { decideRetry } from '../../src/reminders/retry';
import { createAdapter, createAuthentication } from '../../src/teams/adapter';
import { findMember, StoredConversation, type ProactiveMessenger, type SendResult } from '../../src/reminders/messenger';
import { createProactiveMessenger } from '../../src/teams/proactive';
import { startFakeConnector, type FakeConnector, type RosterEntry } from '../support/fake-connector';
import { ADAPTIVE_CARD, BOT, TENANT, USER } from '../support/teams-activities';

const CARD = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Frist i morgen: tryghedsvandring', wrap: true }] };

let connector: FakeConnector;
let messenger: ProactiveMessenger;
const logs: string[] = [];
const log: Logger = {
  info: (m) => logs.push(`info ${m}`),
  warn: (m) => logs.push(`warn ${m}`),
  error: (m) => logs.push(`error ${m}`),
};
let conversations = 0;

function messengerWith(timeoutMs: number, pageSize?: number): ProactiveMessenger {
  const { bot, defaultLang } = loadConfig({ NODE_ENV: 'test' });
  if (process.env['TEST_BOT_SDK'] === 'agents') {
    const { adapter } = createAgentsAdapter(bot, { defaultLang, log });
    return createAgentsProactiveMessenger({ adapter, appId: bot.appId, timeoutMs, ...(pageSize ? { pageSize } : {}) });
  }
  const adapter = createAdapter(createAuthentication(bot), { defaultLang, log });
  return createProactiveMessenger({ adapter, appId: bot.appId, timeoutMs, log, ...(pageSize ? { pageSize } : {}) });
}

/** A personal chat as the store keeps it: the reference that TurnContext.getConversationReference gave for an inbound message. */
function personalChat(): StoredConversation {
  const conversationId = `a:personal-${++conversations}`;
  return StoredConversation.parse({
    conversationId,
    serviceUrl: connector.url,
    tenantId: TENANT,
    reference: {
      activityId: 'in-earlier-message',
      user: USER,
      bot: BOT,
      conversation: { id: conversationId, conversationType: 'personal', isGroup: false, tenantId: TENANT },
      channelId: 'msteams',
      locale: 'da-DK',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
    },
  });
}

function teamChannel(conversationId = `19:team-${++conversations}@thread.tacv2`): StoredConversation {
  return {
    conversationId,
    serviceUrl: connector.url,
    tenantId: TENANT,
    reference: {
      bot: BOT,
      conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      channelId: 'msteams',
      serviceUrl: connector.url,
    },
  };
}

const attemptsTo = (conversationId: string) => connector.attempts.filter((a) => a.conversationId === conversationId);

beforeAll(async () => {
  connector = await startFakeConnector();
  messenger = messengerWith(2_000);
});
afterAll(() => connector.close());
afterEach(() => {
  connector.delay(0);
  expect(logs).toEqual([]);
});

describe('send', () => {
  it('delivers a card as one adaptive-card activity with its summary', async () => {
    const chat = personalChat();
    const result = await messenger.send(chat, { card: CARD, summary: 'Påmindelse: tryghedsvandring i morgen' });
    const sent = connector.to(chat.conversationId);
    expect(sent).toHaveLength(1);
    expect(result).toEqual({ ok: true, activityId: sent[0]!.id });
    const activity = sent[0]!.activity;
    expect(activity).toMatchObject({
      type: 'message',
      summary: 'Påmindelse: tryghedsvandring i morgen',
      attachments: [{ contentType: ADAPTIVE_CARD, content: CARD }],
      from: BOT,
      recipient: USER,
      conversation: { id: chat.conversationId },
    });
    expect(activity.text).toBeUndefined();
    // Not a reply to the message the reference was taken from.
    expect(activity.replyToId).toBeUndefined();
    expect(sent[0]!.targetId).toBeUndefined();
  });

  it('delivers text', async () => {
    const chat = personalChat();
    expect(await messenger.send(chat, { text: 'Husk fristen i morgen.' })).toMatchObject({ ok: true });
    expect(connector.to(chat.conversationId).map((s) => s.activity.text)).toEqual(['Husk fristen i morgen.']);
  });

  it("posts to the stored serviceUrl, the newest known, not the reference's old one", async () => {
    const chat = personalChat();
    expect((chat.reference as { serviceUrl: string }).serviceUrl).not.toBe(connector.url);
    expect(await messenger.send(chat, { text: 'x' })).toMatchObject({ ok: true });
  });
});

describe('connector faults come back as results, after exactly one request', () => {
  it.each<[string, Parameters<FakeConnector['fail']>[0], SendResult, 'retry' | 'unreachable' | 'failed']>([
    ['429 with Retry-After', { status: 429, retryAfter: '3' }, { ok: false, status: 429, retryAfter: '3', error: 'HTTP 429' }, 'retry'],
    ['429 without Retry-After', { status: 429 }, { ok: false, status: 429, error: 'HTTP 429' }, 'retry'],
    ['500', { status: 500, code: 'ServiceError' }, { ok: false, status: 500, code: 'ServiceError', error: 'HTTP 500 ServiceError' }, 'retry'],
    ['502', { status: 502 }, { ok: false, status: 502, error: 'HTTP 502' }, 'retry'],
    ['503 with Retry-After', { status: 503, retryAfter: '1' }, { ok: false, status: 503, retryAfter: '1', error: 'HTTP 503' }, 'retry'],
    [
      '403 BotNotInConversationRoster',
      { status: 403, code: 'BotNotInConversationRoster' },
      { ok: false, status: 403, code: 'BotNotInConversationRoster', error: 'HTTP 403 BotNotInConversationRoster' },
      'unreachable',
    ],
    [
      '403 ConversationBlockedByUser',
      { status: 403, code: 'ConversationBlockedByUser' },
      { ok: false, status: 403, code: 'ConversationBlockedByUser', error: 'HTTP 403 ConversationBlockedByUser' },
      'unreachable',
    ],
    [
      '404 ConversationNotFound',
      { status: 404, code: 'ConversationNotFound' },
      { ok: false, status: 404, code: 'ConversationNotFound', error: 'HTTP 404 ConversationNotFound' },
      'unreachable',
    ],
    ['400 BadArgument', { status: 400, code: 'BadArgument' }, { ok: false, status: 400, code: 'BadArgument', error: 'HTTP 400 BadArgument' }, 'failed'],
    ['401', { status: 401 }, { ok: false, status: 401, error: 'HTTP 401' }, 'failed'],
  ])('%s', async (_name, fault, expected, decision) => {
    const chat = personalChat();
    connector.fail({ ...fault, conversationId: chat.conversationId });
    const started = Date.now();
    const result = await messenger.send(chat, { card: CARD, summary: 's' });
    expect(result).toEqual(expected);
    // The SDK's own retry policy is off: one request, no waiting, nothing delivered.
    expect(attemptsTo(chat.conversationId).map((a) => [a.outcome, a.status])).toEqual([['faulted', fault.status]]);
    expect(Date.now() - started).toBeLessThan(900);
    expect(connector.to(chat.conversationId)).toEqual([]);
    if (result.ok) throw new Error('expected a failure');
    expect(decideRetry(result, { attempt: 1, now: new Date(), random: () => 0.5 }).kind).toBe(decision);
    // The next send goes through: the fault answered one request only.
    expect(await messenger.send(chat, { text: 'x' })).toMatchObject({ ok: true });
  });

  it('a hung connector is a timeout, and the request is aborted rather than left open', async () => {
    const quick = messengerWith(300);
    const chat = personalChat();
    connector.fail({ hang: true, conversationId: chat.conversationId });
    const started = Date.now();
    const result = await quick.send(chat, { text: 'x' });
    expect(result).toEqual({ ok: false, error: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1500);
    await connector.waitForAttempt((a) => a.conversationId === chat.conversationId && a.outcome === 'aborted');
    expect(connector.to(chat.conversationId)).toEqual([]);
    if (result.ok) throw new Error('expected a failure');
    expect(decideRetry(result, { attempt: 1, now: new Date(), random: () => 0.5 }).kind).toBe('retry');
  });

  it('a slow answer after the deadline is a timeout and is not counted as delivered', async () => {
    const quick = messengerWith(200);
    const chat = personalChat();
    connector.delay(1_000);
    expect(await quick.send(chat, { text: 'x' })).toEqual({ ok: false, error: 'timeout' });
    await connector.waitForAttempt((a) => a.conversationId === chat.conversationId && a.outcome === 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(connector.to(chat.conversationId)).toEqual([]);
  });

  it('a connector that cannot be reached is a network error without a status', async () => {
    const gone = await startFakeConnector();
    await gone.close();
    const chat = { ...personalChat(), serviceUrl: gone.url };
    const result = await messenger.send(chat, { text: 'x' });
    expect(result).toEqual({ ok: false, code: 'ECONNREFUSED', error: expect.stringMatching(/^\w+: ECONNREFUSED$/) });
    if (result.ok) throw new Error('expected a failure');
    expect(decideRetry(result, { attempt: 1, now: new Date(), random: () => 0.5 }).kind).toBe('retry');
  });

  it('a fault scoped to one route or conversation leaves the others alone', async () => {
    const [a, b] = [personalChat(), personalChat()];
    connector.fail({ status: 503, conversationId: b.conversationId });
    connector.fail({ status: 503, route: 'update', conversationId: a.conversationId });
    expect(await messenger.send(a, { text: 'x' })).toMatchObject({ ok: true });
    expect(await messenger.send(b, { text: 'x' })).toMatchObject({ ok: false, status: 503 });
    expect(await messenger.update(a, 'activity-x', { text: 'y' })).toMatchObject({ ok: false, status: 503 });
  });
});

describe('update', () => {
  it('replaces the card in place with a PUT to the same activity', async () => {
    const chat = personalChat();
    const first = await messenger.send(chat, { card: CARD, summary: 'Påmindelse' });
    if (!first.ok) throw new Error(first.error);
    const done = { ...CARD, body: [{ type: 'TextBlock', text: 'Kvitteret. Tak!' }] };
    const result = await messenger.update(chat, first.activityId, { card: done, summary: 'Kvitteret' });
    expect(result).toEqual({ ok: true, activityId: first.activityId });
    const [, put] = connector.to(chat.conversationId);
    expect(put).toMatchObject({ method: 'PUT', targetId: first.activityId, id: first.activityId });
    expect(put!.activity).toMatchObject({ id: first.activityId, type: 'message', summary: 'Kvitteret', attachments: [{ content: done }] });
  });

  it('reports a fault like send does', async () => {
    const chat = personalChat();
    connector.fail({ status: 404, code: 'ConversationNotFound', route: 'update', conversationId: chat.conversationId });
    expect(await messenger.update(chat, 'activity-1', { text: 'x' })).toEqual({
      ok: false,
      status: 404,
      code: 'ConversationNotFound',
      error: 'HTTP 404 ConversationNotFound',
    });
  });
});

describe('roster', () => {
  const members: RosterEntry[] = [
    { id: '29:anna', name: 'Anna Hansen', aadObjectId: 'AAAAAAAA-0000-4000-8000-000000000001', userPrincipalName: 'anna@kk.dk', email: 'anna@kk.dk', givenName: 'Anna' },
    { id: '29:bo', name: 'Bo Jensen', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000002', userPrincipalName: 'BO@kk.dk' },
    { id: '29:guest', name: 'Gæst' },
  ];

  it('reads every page and maps Entra object ids and UPNs to Teams member ids', async () => {
    const paged = messengerWith(2_000, 2);
    const team = teamChannel();
    connector.setRoster(members, team.conversationId);
    const result = await paged.roster(team);
    if (!result.ok) throw new Error(result.error);
    expect(result.members).toEqual([
      { id: '29:anna', name: 'Anna Hansen', aadObjectId: 'AAAAAAAA-0000-4000-8000-000000000001', userPrincipalName: 'anna@kk.dk', email: 'anna@kk.dk' },
      { id: '29:bo', name: 'Bo Jensen', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000002', userPrincipalName: 'BO@kk.dk' },
      { id: '29:guest', name: 'Gæst' },
    ]);
    expect(attemptsTo(team.conversationId).map((a) => a.url.replace(/^.*\?/, ''))).toEqual(['pageSize=2', 'pageSize=2&continuationToken=2']);
    expect(findMember(result.members, 'aaaaaaaa-0000-4000-8000-000000000001')?.id).toBe('29:anna');
    expect(findMember(result.members, 'AAAAAAAA-0000-4000-8000-000000000002')?.id).toBe('29:bo');
    expect(findMember(result.members, 'bo@KK.dk')?.id).toBe('29:bo');
    expect(findMember(result.members, 'nobody@kk.dk')).toBeUndefined();
    // The unpaged route the SDK's TeamsInfo.getMembers uses answers the same roster.
    const unpaged = await fetch(`${connector.url}/v3/conversations/${encodeURIComponent(team.conversationId)}/members`);
    expect(((await unpaged.json()) as RosterEntry[]).map((m) => m.id)).toEqual(['29:anna', '29:bo', '29:guest']);
  });

  it("asks for the channel's members when the reference names a thread", async () => {
    const base = `19:thread-${++conversations}@thread.tacv2`;
    connector.setRoster(members.slice(0, 1), base);
    const result = await messenger.roster(teamChannel(`${base};messageid=1700000000000`));
    expect(result).toMatchObject({ ok: true, members: [{ id: '29:anna' }] });
  });

  it('reports a fault', async () => {
    const team = teamChannel();
    connector.fail({ status: 403, code: 'BotNotInConversationRoster', route: 'pagedmembers', conversationId: team.conversationId });
    expect(await messenger.roster(team)).toMatchObject({ ok: false, status: 403, code: 'BotNotInConversationRoster' });
  });
});

describe('openPersonalConversation', () => {
  it('creates the 1:1 chat with the member and gives back a conversation to send to', async () => {
    const team = teamChannel();
    const member = { id: '29:carla', name: 'Carla', aadObjectId: 'cccccccc-0000-4000-8000-000000000003' };
    const opened = await messenger.openPersonalConversation(team, member);
    if (!opened.ok) throw new Error(opened.error);
    const created = connector.created.find((c) => c.id === opened.conversation.conversationId);
    expect(created?.parameters).toMatchObject({
      isGroup: false,
      bot: BOT,
      members: [{ id: '29:carla' }],
      tenantId: TENANT,
      channelData: { tenant: { id: TENANT } },
    });
    expect(StoredConversation.parse(opened.conversation)).toEqual(opened.conversation);
    expect(opened.conversation).toMatchObject({ serviceUrl: connector.url, tenantId: TENANT });
    // What the store keeps survives JSON.
    const stored = JSON.parse(JSON.stringify(opened.conversation)) as StoredConversation;

    expect(await messenger.send(stored, { card: CARD, summary: 'Påmindelse' })).toMatchObject({ ok: true });
    const [sent] = connector.to(stored.conversationId);
    expect(sent?.activity).toMatchObject({ from: BOT, recipient: { id: '29:carla' }, conversation: { id: stored.conversationId, tenantId: TENANT } });

    const again = await messenger.openPersonalConversation(team, member);
    expect(again).toMatchObject({ ok: true, conversation: { conversationId: stored.conversationId } });
  });

  it('reports a fault', async () => {
    connector.fail({ status: 429, retryAfter: '2', route: 'create' });
    expect(await messenger.openPersonalConversation(teamChannel(), { id: '29:dora' })).toEqual({
      ok: false,
      status: 429,
      retryAfter: '2',
      error: 'HTTP 429',
    });
  });
});
