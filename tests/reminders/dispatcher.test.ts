// The reminder loop end to end: the pure schedule, a real store (SQLite, and
// PostgreSQL for two instances), the real botbuilder adapter and proactive
// messenger, and the fake Bot Connector on 127.0.0.1. Time is injected: the
// dispatcher's clock is a variable the tests move; only the messenger's own
// timeout and the connector's delay run on the real clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../src/config';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base';
import type { Logger } from '../../src/log';
import { DEFAULT_WORKING_TIME_POLICY } from '../../src/reminders/calendar';
import { outboxMessage, renderReminder } from '../../src/reminders/compose';
import { createDispatcher, reminderDeadlines, type Dispatcher, type DispatcherOptions } from '../../src/reminders/dispatcher';
import type { OutgoingMessage, ProactiveMessenger } from '../../src/reminders/messenger';
import { deadlineOwners, type DeadlineOwners } from '../../src/reminders/owners';
import type { Pacer } from '../../src/reminders/pacer';
import { openStore } from '../../src/storage/open-store';
import type { Reminder, ReminderStore } from '../../src/storage/reminder-store';
import type { Store } from '../../src/storage/store';
import { createAdapter, createAuthentication } from '../../src/teams/adapter';
import { createProactiveMessenger } from '../../src/teams/proactive';
import { startFakeConnector, type FakeConnector, type Fault } from '../support/fake-connector';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { ADAPTIVE_CARD, BOT, TENANT } from '../support/teams-activities';

const DEADLINE = 'dl-effektopfoelgning';
const OCCURRENCE = '2027-10-01';
/** Tuesday 21 September 2027, 10:00 in Copenhagen: lead-30 and lead-14 have fired, so lead-14 is due (catch-up). */
const START = new Date('2027-09-21T08:00:00Z');
const OWNER = 'aaaaaaaa-0000-4000-8000-000000000001';
const ADMIN = 'adadadad-0000-4000-8000-0000000000ad';
const TITLE = 'Årlig effektopfølgning på kriminalpræventive indsatser til Økonomiudvalget';
const connectionString = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const shipped = shippedKnowledgeBase();

/** The shipped knowledge base with the deadline's first occurrence moved to 2027, so that START falls in its lead time. */
const kb: KnowledgeBase = {
  ...shipped,
  deadlines: shipped.deadlines.map((d) => (d.id === DEADLINE ? { ...d, due: OCCURRENCE, leadDays: [30, 14, 7, 1, 0] } : d)),
};

/** The deployment's owners: these ids own the deadline (each with the team lead, when given); nothing else has an owner. */
function ownersOf(teamsIds: readonly string[], teamLead?: string): DeadlineOwners {
  return deadlineOwners({ [DEADLINE]: teamsIds.map((id) => ({ id, ...(teamLead ? { teamLead: { id: teamLead } } : {}) })) });
}

function composeWith(owners: DeadlineOwners) {
  return (r: Reminder, now: Date): OutgoingMessage | undefined => outboxMessage(kb, owners, r, { lang: 'da', timeZone: 'Europe/Copenhagen', now });
}

function messengerWith(timeoutMs: number, log: Logger): ProactiveMessenger {
  const { bot } = loadConfig({ NODE_ENV: 'test' });
  const adapter = createAdapter(createAuthentication(bot), { defaultLang: 'da', log });
  return createProactiveMessenger({ adapter, appId: undefined, timeoutMs, log });
}

interface Harness {
  readonly connector: FakeConnector;
  readonly store: Store & ReminderStore;
  readonly dispatcher: Dispatcher;
  readonly clock: { now: Date };
  readonly taken: string[];
  readonly logs: string[];
  /** Saves a personal chat with the person and returns its conversation id. */
  personal(aadObjectId: string): Promise<string>;
  rows(): Promise<Reminder[]>;
  row(role: Reminder['role']): Promise<Reminder>;
  attemptsTo(conversationId: string): number;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  // Last opened, first closed; every cleanup runs even when one fails.
  const errors: unknown[] = [];
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((err: unknown) => errors.push(err));
  if (errors.length > 0) throw errors[0];
});

let conversations = 0;

async function savePersonal(store: ReminderStore, connector: FakeConnector, aadObjectId: string, at: Date): Promise<string> {
  const conversationId = `a:personal-${++conversations}`;
  await store.saveConversation({
    conversationId,
    kind: 'personal',
    tenantId: TENANT,
    serviceUrl: connector.url,
    userAadObjectId: aadObjectId,
    reference: {
      user: { id: `29:user-${conversations}`, aadObjectId },
      bot: BOT,
      conversation: { id: conversationId, conversationType: 'personal', isGroup: false, tenantId: TENANT },
      channelId: 'msteams',
      serviceUrl: connector.url,
    },
    updatedAt: at,
  });
  return conversationId;
}

async function sqliteHarness({
  timeoutMs = 2_000,
  owners = [OWNER],
  teamLead,
  metrics,
}: { timeoutMs?: number; owners?: string[]; teamLead?: string; metrics?: DispatcherOptions['metrics'] } = {}): Promise<Harness> {
  const connector = await startFakeConnector();
  cleanups.push(() => connector.close());
  const dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-dispatcher-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const store = await openStore({ kind: 'sqlite', path: path.join(dir, 'bot.sqlite') });
  cleanups.push(() => store.close());
  const logs: string[] = [];
  const log: Logger = {
    info: (m) => logs.push(`info ${m}`),
    warn: (m) => logs.push(`warn ${m}`),
    error: (m) => logs.push(`error ${m}`),
  };
  const clock = { now: START };
  const taken: string[] = [];
  const pacer: Pacer = { take: async (conversationId) => void taken.push(conversationId) };
  const configured = ownersOf(owners, teamLead);
  const dispatcher = createDispatcher({
    kb: () => kb,
    owners: configured,
    store,
    messenger: messengerWith(timeoutMs, log),
    compose: composeWith(configured),
    policy: DEFAULT_WORKING_TIME_POLICY,
    admins: [ADMIN],
    pacer,
    now: () => clock.now,
    random: () => 0.5,
    log,
    metrics,
  });
  const rows = () => store.listReminders({ limit: 1000 });
  return {
    connector,
    store,
    dispatcher,
    clock,
    taken,
    logs,
    personal: (aadObjectId) => savePersonal(store, connector, aadObjectId, clock.now),
    rows,
    row: async (role) => {
      const matching = (await rows()).filter((r) => r.role === role);
      if (matching.length !== 1) throw new Error(`expected one ${role} row, found ${matching.length}`);
      return matching[0]!;
    },
    attemptsTo: (conversationId) => connector.attempts.filter((a) => a.conversationId === conversationId).length,
  };
}

const at = (ms: number) => new Date(START.getTime() + ms);

describe('the test knowledge base', () => {
  it('gives the deadline one reachable owner and nothing else an owner', () => {
    const deadlines = reminderDeadlines(kb, ownersOf([OWNER])).filter((d) => d.owners.length > 0);
    expect(deadlines.map((d) => [d.id, d.owners])).toEqual([[DEADLINE, [{ recipient: OWNER }]]]);
  });
});

describe('SQLite: delivery', () => {
  it('delivers a due reminder once, as an adaptive card with a summary, and a second tick sends nothing', async () => {
    const h = await sqliteHarness();
    const chat = await h.personal(OWNER);

    expect(await h.dispatcher.tick()).toEqual({ enqueued: 1, delivered: 1 });
    const sent = h.connector.to(chat);
    expect(sent).toHaveLength(1);
    const activity = sent[0]!.activity;
    expect(activity.type).toBe('message');
    expect(activity.text).toBeUndefined();
    expect(activity.summary).toEqual(expect.stringContaining(TITLE));
    expect(activity.attachments).toHaveLength(1);
    expect(activity.attachments[0].contentType).toBe(ADAPTIVE_CARD);
    const expected = renderReminder(
      kb,
      ownersOf([OWNER]),
      { deadlineId: DEADLINE, occurrence: OCCURRENCE, owner: OWNER, role: 'owner', stage: 'lead-14' },
      { lang: 'da', timeZone: 'Europe/Copenhagen', now: START, state: { kind: 'open' } },
    );
    expect(activity.summary).toBe(expected?.summary);
    expect(activity.attachments[0].content).toEqual(JSON.parse(JSON.stringify(expected?.card)));
    expect(h.taken).toEqual([chat]);

    const row = await h.row('owner');
    expect(row).toMatchObject({
      deadlineId: DEADLINE,
      occurrence: OCCURRENCE,
      owner: OWNER,
      recipient: OWNER,
      stage: 'lead-14',
      status: 'sent',
      attempts: 1,
      sentAt: START,
      activityId: sent[0]!.id,
      conversationId: chat,
    });

    h.clock.now = at(60 * 60_000);
    expect(await h.dispatcher.tick()).toEqual({ enqueued: 0, delivered: 0 });
    expect(h.connector.sent).toHaveLength(1);
    expect(await h.rows()).toHaveLength(1);
    expect(h.logs).toEqual([]);
  });

  it('waits as long as Retry-After says after a 429, then delivers exactly once', async () => {
    const h = await sqliteHarness();
    const chat = await h.personal(OWNER);
    h.connector.fail({ status: 429, retryAfter: '2', conversationId: chat });

    expect(await h.dispatcher.tick()).toEqual({ enqueued: 1, delivered: 1 });
    expect(await h.row('owner')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(2_000), lastError: 'HTTP 429' });
    expect(h.connector.to(chat)).toEqual([]);

    h.clock.now = at(1_000);
    expect(await h.dispatcher.tick()).toEqual({ enqueued: 0, delivered: 0 });
    expect(h.attemptsTo(chat)).toBe(1);

    h.clock.now = at(3_000);
    expect(await h.dispatcher.tick()).toEqual({ enqueued: 0, delivered: 1 });
    expect(h.connector.to(chat)).toHaveLength(1);
    expect(h.attemptsTo(chat)).toBe(2);
    expect(await h.row('owner')).toMatchObject({ status: 'sent', attempts: 2, sentAt: at(3_000), lastError: 'HTTP 429' });

    h.clock.now = at(60_000);
    await h.dispatcher.tick();
    expect(h.connector.to(chat)).toHaveLength(1);
  });

  it('backs off after 429 without Retry-After, 500, 502 and 503, then delivers once', async () => {
    const h = await sqliteHarness();
    const chat = await h.personal(OWNER);
    const faults: Fault[] = [{ status: 429 }, { status: 500 }, { status: 502 }, { status: 503 }];
    for (const fault of faults) h.connector.fail({ ...fault, conversationId: chat });

    // random() = 0.5: full jitter gives half the ceiling, 1 s · 2^(attempt − 1).
    let t = 0;
    for (const [i, fault] of faults.entries()) {
      const attempt = i + 1;
      h.clock.now = at(t);
      expect(await h.dispatcher.tick()).toEqual({ enqueued: attempt === 1 ? 1 : 0, delivered: 1 });
      const delay = 500 * 2 ** i;
      expect(await h.row('owner')).toMatchObject({
        status: 'pending',
        attempts: attempt,
        nextAttemptAt: at(t + delay),
        lastError: `HTTP ${fault.status}`,
      });
      // Just before the backoff ends nothing happens.
      h.clock.now = at(t + delay - 1);
      expect(await h.dispatcher.tick()).toEqual({ enqueued: 0, delivered: 0 });
      expect(h.attemptsTo(chat)).toBe(attempt);
      t += delay;
    }
    expect(h.connector.to(chat)).toEqual([]);

    h.clock.now = at(t);
    expect(await h.dispatcher.tick()).toEqual({ enqueued: 0, delivered: 1 });
    expect(h.connector.to(chat)).toHaveLength(1);
    expect(h.attemptsTo(chat)).toBe(5);
    expect(await h.row('owner')).toMatchObject({ status: 'sent', attempts: 5 });
  });

  it('leaves the row pending for a retry when the connector does not answer in time', async () => {
    const h = await sqliteHarness({ timeoutMs: 300 });
    const chat = await h.personal(OWNER);
    h.connector.fail({ hang: true, conversationId: chat });

    const started = Date.now();
    expect(await h.dispatcher.tick()).toEqual({ enqueued: 1, delivered: 1 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await h.row('owner')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(500), lastError: 'timeout' });
    expect(h.connector.to(chat)).toEqual([]);
    await h.connector.waitForAttempt((a) => a.conversationId === chat && a.outcome === 'aborted');

    h.clock.now = at(500);
    expect(await h.dispatcher.tick()).toEqual({ enqueued: 0, delivered: 1 });
    expect(h.connector.to(chat)).toHaveLength(1);
    expect(await h.row('owner')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it.each<[string, Fault]>([
    ['403 BotNotInConversationRoster', { status: 403, code: 'BotNotInConversationRoster' }],
    ['404 ConversationNotFound', { status: 404, code: 'ConversationNotFound' }],
  ])('marks the owner unreachable after %s, is not retried, and tells the admin', async (_name, fault) => {
    const h = await sqliteHarness();
    const chat = await h.personal(OWNER);
    const adminChat = await h.personal(ADMIN);
    h.connector.fail({ ...fault, conversationId: chat });

    // The owner's row, then the admin's notice enqueued by it, in one tick.
    expect(await h.dispatcher.tick()).toEqual({ enqueued: 1, delivered: 2 });
    expect(await h.row('owner')).toMatchObject({ status: 'unreachable', attempts: 1, lastError: `HTTP ${fault.status} ${fault.code}` });
    const notice = await h.row('fallback');
    expect(notice).toMatchObject({
      deadlineId: DEADLINE,
      occurrence: OCCURRENCE,
      owner: OWNER,
      recipient: ADMIN,
      stage: 'lead-14',
      status: 'sent',
      attempts: 1,
      conversationId: adminChat,
      payload: { unreachable: OWNER },
    });
    const toAdmin = h.connector.to(adminChat);
    expect(toAdmin).toHaveLength(1);
    expect(toAdmin[0]!.activity.attachments[0].contentType).toBe(ADAPTIVE_CARD);
    expect(JSON.stringify(toAdmin[0]!.activity.attachments[0].content)).toContain(`${OWNER} kunne ikke nås i Teams`);
    expect(toAdmin[0]!.activity.summary).toEqual(expect.stringContaining(TITLE));
    expect(h.logs).toContain('warn a reminder recipient cannot be reached');

    // An hour later (same stage still the latest): no new row, no new request to the owner's chat.
    h.clock.now = at(60 * 60_000);
    expect(await h.dispatcher.tick()).toEqual({ enqueued: 0, delivered: 0 });
    expect(h.attemptsTo(chat)).toBe(1);
    expect(h.connector.to(adminChat)).toHaveLength(1);
    expect(await h.rows()).toHaveLength(2);
  });

  it('opens a 1:1 chat through a team whose roster has the owner, saves it and delivers', async () => {
    const h = await sqliteHarness();
    const team = '19:team-general@thread.tacv2';
    await h.store.saveConversation({
      conversationId: team,
      kind: 'channel',
      teamId: team,
      tenantId: TENANT,
      serviceUrl: h.connector.url,
      reference: {
        bot: BOT,
        conversation: { id: team, conversationType: 'channel', isGroup: true, tenantId: TENANT },
        channelId: 'msteams',
        serviceUrl: h.connector.url,
      },
      updatedAt: START,
    });
    h.connector.setRoster(
      [
        { id: '29:someone-else', aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000002' },
        { id: '29:owner', name: 'Ejer', aadObjectId: OWNER.toUpperCase(), userPrincipalName: 'ejer@kk.dk' },
      ],
      team,
    );
    expect(await h.store.findPersonalConversation(OWNER)).toBeUndefined();

    expect(await h.dispatcher.tick()).toEqual({ enqueued: 1, delivered: 1 });
    expect(h.connector.created).toHaveLength(1);
    const created = h.connector.created[0]!;
    expect(created.parameters).toMatchObject({ isGroup: false, members: [{ id: '29:owner' }] });
    const sent = h.connector.to(created.id);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.activity.attachments[0].contentType).toBe(ADAPTIVE_CARD);
    expect(sent[0]!.activity.recipient).toMatchObject({ id: '29:owner' });
    expect(await h.row('owner')).toMatchObject({ status: 'sent', conversationId: created.id });
    expect(await h.store.findPersonalConversation(OWNER)).toMatchObject({ conversationId: created.id, kind: 'personal' });
    expect(await h.store.findPersonalConversation('ejer@kk.dk')).toMatchObject({ conversationId: created.id });
    // Nothing went to the team channel itself.
    expect(h.connector.to(team)).toEqual([]);
  });

  it('marks the owner unreachable and tells the admin when there is no conversation and no team', async () => {
    const h = await sqliteHarness();
    const adminChat = await h.personal(ADMIN);
    expect(await h.dispatcher.tick()).toEqual({ enqueued: 1, delivered: 2 });
    expect(await h.row('owner')).toMatchObject({ status: 'unreachable' });
    expect(await h.row('fallback')).toMatchObject({ status: 'sent', recipient: ADMIN, conversationId: adminChat });
    expect(h.connector.to(adminChat)).toHaveLength(1);
  });
});

describe('SQLite: metrics', () => {
  it('counts every delivery by its outcome: a 429 retried, then sent', async () => {
    const counted: string[] = [];
    const h = await sqliteHarness({ metrics: { reminder: (outcome) => void counted.push(outcome) } });
    const chat = await h.personal(OWNER);
    h.connector.fail({ status: 429, retryAfter: '2', conversationId: chat });
    await h.dispatcher.tick();
    h.clock.now = at(3_000);
    await h.dispatcher.tick();
    expect(counted).toEqual(['retry', 'sent']);
  });

  it('counts an owner without a conversation, and the admin without one, as unreachable', async () => {
    const counted: string[] = [];
    const h = await sqliteHarness({ metrics: { reminder: (outcome) => void counted.push(outcome) } });
    await h.dispatcher.tick();
    expect(counted).toEqual(['unreachable', 'unreachable']);
  });
});

describe('PostgreSQL: two instances', () => {
  const schema = `t_dispatch_${process.pid}_${Date.now()}`;

  async function sql(text: string): Promise<void> {
    const client = new Client({ connectionString });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  }

  afterAll(() => sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));

  it('delivers each of 20 reminders exactly once while two dispatchers tick concurrently', async () => {
    const connector = await startFakeConnector({ delayMs: 50 });
    cleanups.push(() => connector.close());
    // One after the other, so that the two do not race to create the schema.
    const one = await openStore({ kind: 'postgres', connectionString, schema });
    cleanups.push(() => one.close());
    const two = await openStore({ kind: 'postgres', connectionString, schema });
    cleanups.push(() => two.close());

    const owners = Array.from({ length: 20 }, (_, i) => `cccccccc-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const chats = new Map<string, string>();
    for (const owner of owners) chats.set(owner, await savePersonal(one, connector, owner, START));

    const configured = ownersOf(owners);
    const logs: string[] = [];
    const log: Logger = { info: () => undefined, warn: (m) => logs.push(m), error: (m) => logs.push(m) };
    const clock = { now: START };
    const noPacing: Pacer = { take: async () => undefined };
    const dispatcherOn = (store: ReminderStore) =>
      createDispatcher({
        kb: () => kb,
        owners: configured,
        store,
        messenger: messengerWith(5_000, log),
        compose: composeWith(configured),
        policy: DEFAULT_WORKING_TIME_POLICY,
        admins: [ADMIN],
        pacer: noPacing,
        now: () => clock.now,
        random: () => 0.5,
        log,
      });
    const [a, b] = [dispatcherOn(one), dispatcherOn(two)];

    let enqueued = 0;
    const deliveredBy = [0, 0];
    for (let round = 0; round < 5; round++) {
      clock.now = at(round * 60_000);
      const reports = await Promise.all([a.tick(), b.tick()]);
      reports.forEach((r, i) => {
        enqueued += r.enqueued;
        deliveredBy[i]! += r.delivered;
      });
    }
    const delivered = deliveredBy[0]! + deliveredBy[1]!;

    // Per conversation: what arrived, and every request that was made at all.
    const perChat = [...chats].map(([owner, chat]) => [owner, connector.to(chat).length, connector.attempts.filter((x) => x.conversationId === chat).length]);
    expect(perChat).toEqual(owners.map((owner) => [owner, 1, 1]));
    expect(connector.sent).toHaveLength(20);
    expect(enqueued).toBe(20);
    // A tick's `delivered` counts rows it handled: 20 rows, each handled once.
    expect(delivered).toBe(20);
    // Both instances delivered some, or the test proved nothing about racing.
    expect(deliveredBy.every((n) => n > 0)).toBe(true);
    const rows = await two.listReminders({ limit: 1000 });
    expect(rows).toHaveLength(20);
    expect(rows.filter((r) => r.status === 'sent' && r.attempts === 1)).toHaveLength(20);
    expect(new Set(rows.map((r) => r.recipient))).toEqual(new Set(owners));
    for (const r of rows) expect(r.conversationId).toBe(chats.get(r.recipient));
    expect(logs).toEqual([]);
  });
});

describe('the weekly digest', () => {
  const LEAD = 'bbbbbbbb-0000-4000-8000-00000000000b';

  it("goes to each team lead once a week, listing their owners' deadlines and who has reported", async () => {
    const h = await sqliteHarness({ teamLead: LEAD });
    await h.personal(OWNER);
    const leadChat = await h.personal(LEAD);
    // Monday 20 September 2027, 09:30 in Copenhagen; the lead-14 reminder fires the next morning.
    h.clock.now = new Date('2027-09-20T07:30:00Z');
    await h.store.acknowledge({ deadlineId: DEADLINE, occurrence: OCCURRENCE, owner: OWNER, by: 'Anna Ejer', at: h.clock.now });
    expect(await h.dispatcher.tick()).toEqual({ enqueued: 1, delivered: 1 });
    const [digest] = h.connector.to(leadChat);
    expect(digest?.activity.summary).toBe("Ugens frister, uge 38: 1 frist");
    const card = JSON.stringify(digest?.activity.attachments[0].content);
    expect(card).toContain(TITLE);
    expect(card).toContain('Anna Ejer');
    expect((await h.row('digest')).status).toBe('sent');

    // The rest of the week: no second digest; the next Monday: the next one.
    h.clock.now = new Date('2027-09-24T08:00:00Z');
    await h.dispatcher.tick();
    expect(h.connector.to(leadChat)).toHaveLength(1);
    h.clock.now = new Date('2027-09-27T07:30:00Z');
    await h.dispatcher.tick();
    expect(h.connector.to(leadChat)).toHaveLength(2);
  });
});
