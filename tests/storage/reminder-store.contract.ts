// The one contract every ReminderStore implementation passes (practices.md, 5).
//
// As in store.contract.ts, `open` gives a new store over the same database on
// every call, so rows outlive their test. Tests therefore use deadline ids,
// keys, users and teams of their own; and a test that processes the outbox
// first settles what earlier tests left pending (`drain`), since
// processNextReminder hands out any due row.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  HANDLER_ERROR_RETRY_MS,
  type ConversationRecord,
  type DeliveryOutcome,
  type NewReminder,
  type Reminder,
  type ReminderHandler,
  type ReminderStore,
} from '../../src/storage/reminder-store';
import { InvalidStoreInputError } from '../../src/storage/rows';
import type { Store } from '../../src/storage/store';

type OpenReminderStore = () => Promise<ReminderStore & Pick<Store, 'close'>>;

/** Later than any time a test uses: "everything is due". */
const END_OF_TIME = new Date(Date.UTC(2200, 0, 1));
const ALL = 100_000;

export function reminderStoreContract(name: string, open: OpenReminderStore, cleanup?: () => Promise<void>): void {
  describe(`${name} (ReminderStore contract)`, () => {
    const opened: Array<Awaited<ReturnType<OpenReminderStore>>> = [];
    async function store() {
      const s = await open();
      opened.push(s);
      return s;
    }
    afterEach(() => Promise.all(opened.splice(0).map((s) => s.close())));
    if (cleanup) afterAll(cleanup);

    // Odd milliseconds, so a store that keeps only seconds fails the round trips.
    let tick = 0;
    const later = () => new Date(Date.UTC(2031, 0, 1, 8, 0, 0, 7) + ++tick * 60_001);
    const unique = (what: string) => `${what}-${++tick}`;

    const sentOutcome = (r: Reminder): DeliveryOutcome => ({
      kind: 'sent',
      activityId: `activity-for-${r.key}`,
      conversationId: `a:conversation-of-${r.recipient}`,
    });

    async function drain(s: ReminderStore): Promise<void> {
      while (await s.processNextReminder(END_OF_TIME, async () => ({ kind: 'failed', error: 'settled by a later test' })));
    }

    /** Everything processNextReminder hands out at `now`, until nothing is due, with the outcome `answer` gives. */
    async function processAll(s: ReminderStore, now: Date, answer: (r: Reminder) => DeliveryOutcome = sentOutcome) {
      const handled: Reminder[] = [];
      while (await s.processNextReminder(now, async (r) => (handled.push(r), answer(r))));
      return handled;
    }

    describe('conversations', () => {
      const personal = (extra: Partial<ConversationRecord> = {}): ConversationRecord => ({
        conversationId: unique('a:1personal'),
        kind: 'personal',
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        userAadObjectId: randomUUID(),
        userPrincipalName: `${unique('anna')}@kk.dk`,
        reference: { conversation: { id: 'placeholder' } },
        updatedAt: later(),
        ...extra,
      });
      const channel = (teamId: string, extra: Partial<ConversationRecord> = {}): ConversationRecord => ({
        conversationId: `${unique('19:channel')}@thread.tacv2`,
        kind: 'channel',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        teamId,
        reference: { channel: true },
        updatedAt: later(),
        ...extra,
      });

      it('round-trips a conversation, its reference exactly, and finds it by object id or UPN in any case', async () => {
        const s = await store();
        const saved = personal({
          userAadObjectId: 'A1B2C3D4-0000-4000-8000-ABCDEF012345',
          userPrincipalName: `${unique('Soren.Hansen')}@KK.dk`,
          reference: {
            zebra: 'keys keep their order',
            activityId: '1:1abc',
            user: { id: '29:1xyz', aadObjectId: 'a1b2c3d4-0000-4000-8000-abcdef012345', name: 'Søren 🙂' },
            conversation: { conversationType: 'personal', id: 'a:1', tenantId: 't' },
            list: [1, 2.5, null, false, { nested: [] }],
          },
        });
        await s.saveConversation(saved);
        for (const asked of [
          saved.userAadObjectId!,
          saved.userAadObjectId!.toLowerCase(),
          saved.userPrincipalName!.toLowerCase(),
          saved.userPrincipalName!.toUpperCase(),
        ]) {
          const found = await s.findPersonalConversation(asked);
          expect(found).toEqual(saved);
          expect(JSON.stringify(found?.reference)).toBe(JSON.stringify(saved.reference));
          expect(found?.updatedAt.getTime()).toBe(saved.updatedAt.getTime());
        }
        expect(await s.findPersonalConversation(`${saved.userPrincipalName}x`)).toBeUndefined();
        expect(await s.findPersonalConversation(randomUUID())).toBeUndefined();
      });

      it('refreshes the service URL, reference and time on save, keeping ids the new record lacks', async () => {
        const s = await store();
        const first = personal();
        await s.saveConversation(first);
        const refreshed: ConversationRecord = {
          conversationId: first.conversationId,
          kind: 'personal',
          serviceUrl: 'https://smba.trafficmanager.net/emea-2/',
          reference: ['a new reference', { v: 2 }],
          updatedAt: later(),
        };
        await s.saveConversation(refreshed);
        const expected = { ...first, ...refreshed };
        expect(await s.findPersonalConversation(first.userAadObjectId!)).toEqual(expected);
        expect(await s.findPersonalConversation(first.userPrincipalName!)).toEqual(expected);

        // Ids that are given replace the old ones.
        const moved = { ...refreshed, userPrincipalName: `${unique('anna.new')}@kk.dk`, updatedAt: later() };
        await s.saveConversation(moved);
        expect(await s.findPersonalConversation(moved.userPrincipalName)).toEqual({ ...expected, ...moved });
        expect(await s.findPersonalConversation(first.userPrincipalName!)).toBeUndefined();
      });

      it('finds the newest personal conversation of a user, and only personal ones', async () => {
        const s = await store();
        const userAadObjectId = randomUUID();
        const older = personal({ userAadObjectId });
        const newer = personal({ userAadObjectId, userPrincipalName: undefined });
        const group: ConversationRecord = { ...personal({ userAadObjectId }), kind: 'groupChat' };
        await s.saveConversation(newer);
        await s.saveConversation(older);
        await s.saveConversation(group);
        expect(await s.findPersonalConversation(userAadObjectId)).toEqual(newer);
        expect(await s.findPersonalConversation(group.userPrincipalName!)).toBeUndefined();
      });

      it('removes one conversation, saying whether it was there', async () => {
        const s = await store();
        const kept = personal();
        const removed = personal();
        await s.saveConversation(kept);
        await s.saveConversation(removed);
        expect(await s.removeConversation(removed.conversationId)).toBe(true);
        expect(await s.removeConversation(removed.conversationId)).toBe(false);
        expect(await s.findPersonalConversation(removed.userAadObjectId!)).toBeUndefined();
        expect(await s.findPersonalConversation(kept.userAadObjectId!)).toEqual(kept);
      });

      it('lists the newest channel conversation of each team, and forgets a team on uninstall', async () => {
        const s = await store();
        const [teamA, teamB] = [unique('19:team-a'), unique('19:team-b')];
        const a1 = channel(teamA);
        const b1 = channel(teamB);
        const a2 = channel(teamA);
        const aOlderSavedLast = channel(teamA, { updatedAt: new Date(a1.updatedAt.getTime() - 1) });
        for (const c of [a1, b1, a2, aOlderSavedLast]) await s.saveConversation(c);
        const ours = async () => (await s.listTeamConversations()).filter((c) => [teamA, teamB].includes(c.teamId!));
        expect(await ours()).toEqual([a2, b1].sort((x, y) => (x.teamId! < y.teamId! ? -1 : 1)));

        expect(await s.removeTeamConversations(teamA)).toBe(3);
        expect(await s.removeTeamConversations(teamA)).toBe(0);
        expect(await ours()).toEqual([b1]);
      });

      it('rejects an invalid conversation and writes nothing', async () => {
        const s = await store();
        const valid = personal();
        const invalid: unknown[] = [
          channel('t', { teamId: undefined }),
          { ...valid, serviceUrl: 'not a url' },
          { ...valid, serviceUrl: 'ftp://smba.trafficmanager.net/' },
          { ...valid, kind: 'meeting' },
          { ...valid, conversationId: '' },
          { ...valid, reference: new Date() },
          { ...valid, reference: { n: Number.NaN } },
          { ...valid, reference: [undefined] },
          { ...valid, reference: undefined },
          { ...valid, updatedAt: new Date(Number.NaN) },
          { ...valid, userAadObjectId: 'x\u0000' },
          { ...valid, extra: 1 },
        ];
        for (const value of invalid) {
          await expect(s.saveConversation(value as ConversationRecord)).rejects.toThrow(InvalidStoreInputError);
        }
        await expect(s.saveConversation(invalid[0] as ConversationRecord)).rejects.toThrow(/teamId/);
        expect(await s.findPersonalConversation(valid.userAadObjectId!)).toBeUndefined();
        await expect(s.findPersonalConversation('')).rejects.toThrow(InvalidStoreInputError);
      });

      it('saves a reference whose optional fields are undefined, reading them back absent', async () => {
        const s = await store();
        const saved = personal({ reference: { locale: undefined, conversation: { id: 'a:1', name: undefined } } });
        await s.saveConversation(saved);
        const found = await s.findPersonalConversation(saved.userAadObjectId!);
        expect(JSON.stringify(found?.reference)).toBe('{"conversation":{"id":"a:1"}}');
      });
    });

    describe('the outbox', () => {
      function reminders(deadlineId: string, count: number, extra: Partial<NewReminder> = {}): NewReminder[] {
        return Array.from({ length: count }, (_, i) => {
          const owner = `owner-${i}@kk.dk`;
          return {
            key: `${deadlineId}|2031-03-01|${owner}|lead-7|${owner}`,
            deadlineId,
            occurrence: '2031-03-01',
            owner,
            recipient: owner,
            role: 'owner',
            stage: 'lead-7',
            payload: { title: 'Ansøgning til puljen', daysLeft: 7, links: ['https://kk.dk'] },
            ...extra,
          } satisfies NewReminder;
        });
      }
      const ofDeadline = async (s: ReminderStore, deadlineId: string) => s.listReminders({ deadlineId, limit: ALL });

      it('enqueues new keys once, reporting how many were new, with every field as given', async () => {
        const s = await store();
        const deadlineId = unique('deadline');
        const now = later();
        const [a, b] = reminders(deadlineId, 2);
        const withTime: NewReminder = { ...b!, role: 'team-lead', recipient: 'lead@kk.dk', nextAttemptAt: later(), payload: ['x', 1] };
        expect(await s.enqueueReminders([a!, withTime, a!], now)).toBe(2);
        // A second enqueue of the same keys changes nothing, not even the payload.
        expect(await s.enqueueReminders([{ ...a!, payload: 'replaced?' }], later())).toBe(0);
        expect(await s.enqueueReminders([], later())).toBe(0);

        const listed = await ofDeadline(s, deadlineId);
        const expected = (r: NewReminder, nextAttemptAt: Date): Reminder => {
          const { nextAttemptAt: _, ...rest } = r;
          return { ...rest, status: 'pending', attempts: 0, nextAttemptAt, createdAt: now };
        };
        expect(listed).toHaveLength(2);
        expect(listed).toContainEqual(expected(a!, now));
        expect(listed).toContainEqual(expected(withTime, withTime.nextAttemptAt!));
        expect(listed.every((r) => r.createdAt.getTime() === now.getTime())).toBe(true);
        expect(listed.find((r) => r.key === a!.key)).not.toHaveProperty('lastError');
      });

      it('gives one row per key when two stores enqueue the same keys at once', async () => {
        const [s1, s2] = [await store(), await store()];
        const deadlineId = unique('deadline');
        // Enough rows, in opposite orders, that batches overlap: a store that
        // locks keys in the order given tends to deadlock here (PostgreSQL).
        const rows = reminders(deadlineId, 500);
        const now = later();
        const counts = await Promise.all(
          [0, 1, 2, 3].flatMap(() => [
            s1.enqueueReminders(rows, now),
            s2.enqueueReminders([...rows].reverse(), now),
          ]),
        );
        expect(counts.reduce((sum, n) => sum + n, 0)).toBe(500);
        const listed = await ofDeadline(s1, deadlineId);
        expect(listed.map((r) => r.key).sort()).toEqual(rows.map((r) => r.key).sort());
      });

      it('rejects a batch with one invalid row, writing none of it', async () => {
        const s = await store();
        const deadlineId = unique('deadline');
        const [good, bad] = reminders(deadlineId, 2);
        const invalid: unknown[] = [
          { ...bad, occurrence: '2031-3-1' },
          { ...bad, occurrence: '2031-02-30' },
          { ...bad, role: 'boss' },
          { ...bad, key: '' },
          { ...bad, payload: { at: new Date() } },
          { ...bad, nextAttemptAt: 'tomorrow' },
          { ...bad, status: 'sent' },
        ];
        for (const row of invalid) {
          await expect(s.enqueueReminders([good!, row as NewReminder], later())).rejects.toThrow(
            /Invalid reminders to enqueue/,
          );
        }
        await expect(s.enqueueReminders([good!], new Date(Number.NaN))).rejects.toThrow(InvalidStoreInputError);
        expect(await ofDeadline(s, deadlineId)).toEqual([]);
      });

      it('hands out due rows earliest first, each once, and none that is not due', async () => {
        const s = await store();
        await drain(s);
        const deadlineId = unique('deadline');
        const base = later();
        const at = (minutes: number) => new Date(base.getTime() + minutes * 60_000);
        const rows = reminders(deadlineId, 4);
        const [r0, r1, r2, r3] = rows as [NewReminder, NewReminder, NewReminder, NewReminder];
        await s.enqueueReminders(
          [
            { ...r0, nextAttemptAt: at(3) },
            { ...r1, nextAttemptAt: at(1) },
            { ...r2, nextAttemptAt: at(2) },
            { ...r3, nextAttemptAt: at(10) },
          ],
          base,
        );
        const notCalled: ReminderHandler = async () => {
          throw new Error('nothing is due yet');
        };
        expect(await s.processNextReminder(at(0.5), notCalled)).toBe(false);
        const handled = await processAll(s, at(3));
        expect(handled.map((r) => r.key)).toEqual([r1.key, r2.key, r0.key]);
        // The handler gets the row as listed before delivery.
        expect(handled[0]).toEqual({ ...r1, status: 'pending', attempts: 0, nextAttemptAt: at(1), createdAt: base });
        expect(await processAll(s, at(9))).toEqual([]);
        expect((await processAll(s, at(10))).map((r) => r.key)).toEqual([r3.key]);
      });

      it('records a sent outcome and never hands the row out again', async () => {
        const s = await store();
        await drain(s);
        const deadlineId = unique('deadline');
        const now = later();
        await s.enqueueReminders(reminders(deadlineId, 1), now);
        const deliveredAt = later();
        const [handled] = await processAll(s, deliveredAt);
        const [row] = await ofDeadline(s, deadlineId);
        expect(row).toEqual({
          ...handled,
          status: 'sent',
          attempts: 1,
          sentAt: deliveredAt,
          activityId: `activity-for-${handled!.key}`,
          conversationId: `a:conversation-of-${handled!.recipient}`,
        });
        expect(await processAll(s, END_OF_TIME)).toEqual([]);
      });

      it('retries at the time asked, not before, counting attempts and keeping the error', async () => {
        const s = await store();
        await drain(s);
        const deadlineId = unique('deadline');
        const now = later();
        await s.enqueueReminders(reminders(deadlineId, 1), now);
        const retryAt = new Date(now.getTime() + 15 * 60_000 + 3);
        expect(await processAll(s, now, () => ({ kind: 'retry', at: retryAt, error: 'HTTP 429 Too Many Requests' })))
          .toHaveLength(1);
        expect(await ofDeadline(s, deadlineId)).toMatchObject([
          { status: 'pending', attempts: 1, nextAttemptAt: retryAt, lastError: 'HTTP 429 Too Many Requests' },
        ]);
        expect(await processAll(s, new Date(retryAt.getTime() - 1))).toEqual([]);
        const [again] = await processAll(s, retryAt);
        expect(again).toMatchObject({ attempts: 1, lastError: 'HTTP 429 Too Many Requests' });
        expect(await ofDeadline(s, deadlineId)).toMatchObject([{ status: 'sent', attempts: 2, sentAt: retryAt }]);
      });

      it.each(['unreachable', 'failed'] as const)('ends the row on %s, with the error', async (kind) => {
        const s = await store();
        await drain(s);
        const deadlineId = unique('deadline');
        const now = later();
        await s.enqueueReminders(reminders(deadlineId, 1), now);
        await processAll(s, now, () => ({ kind, error: `${kind}: no conversation with owner-0@kk.dk` }));
        const [row] = await ofDeadline(s, deadlineId);
        expect(row).toMatchObject({ status: kind, attempts: 1, lastError: `${kind}: no conversation with owner-0@kk.dk` });
        expect(row).not.toHaveProperty('sentAt');
        expect(await processAll(s, END_OF_TIME)).toEqual([]);
      });

      it('keeps the row when the handler throws or answers nonsense, retrying a minute later', async () => {
        const s = await store();
        await drain(s);
        const deadlineId = unique('deadline');
        const now = later();
        await s.enqueueReminders(reminders(deadlineId, 1), now);
        const throwing: ReminderHandler = async () => {
          throw new TypeError('fetch failed');
        };
        expect(await s.processNextReminder(now, throwing)).toBe(true);
        const retryAt = new Date(now.getTime() + HANDLER_ERROR_RETRY_MS);
        expect(HANDLER_ERROR_RETRY_MS).toBe(60_000);
        expect(await ofDeadline(s, deadlineId)).toMatchObject([
          { status: 'pending', attempts: 1, nextAttemptAt: retryAt, lastError: 'TypeError: fetch failed' },
        ]);

        expect(await s.processNextReminder(retryAt, () => Promise.reject('a string'))).toBe(true);
        expect(await ofDeadline(s, deadlineId)).toMatchObject([{ attempts: 2, lastError: 'thrown: a string' }]);

        const nonsense = async () => ({ kind: 'sent' }) as unknown as DeliveryOutcome;
        const third = new Date(retryAt.getTime() + HANDLER_ERROR_RETRY_MS);
        expect(await s.processNextReminder(third, nonsense)).toBe(true);
        const [row] = await ofDeadline(s, deadlineId);
        expect(row).toMatchObject({ status: 'pending', attempts: 3 });
        expect(row?.lastError).toMatch(/no valid outcome[\s\S]*activityId/);

        // A synchronous throw, and an error far too long or with NUL in it, are kept too.
        const huge = () => {
          throw new Error(`x\u0000${'e'.repeat(10_000)}`);
        };
        expect(await s.processNextReminder(END_OF_TIME, huge as unknown as ReminderHandler)).toBe(true);
        const [last] = await ofDeadline(s, deadlineId);
        expect(last).toMatchObject({ status: 'pending', attempts: 4 });
        expect(last!.lastError!.length).toBeLessThanOrEqual(2000);
        expect(last!.lastError).toMatch(/^Error: x\ufffdeee/);
      });

      it('never hands one row to two handlers running at once, in one store or two', async () => {
        const [s1, s2] = [await store(), await store()];
        await drain(s1);
        const deadlineId = unique('deadline');
        const now = later();
        const rows = reminders(deadlineId, 30);
        await s1.enqueueReminders(rows, now);
        const handled: string[] = [];
        const handler: ReminderHandler = async (r) => {
          handled.push(r.key);
          await sleep(2); // a delivery takes time, so the workers overlap
          return sentOutcome(r);
        };
        const worker = async (s: ReminderStore) => {
          while (await s.processNextReminder(now, handler));
        };
        await Promise.all([s1, s1, s1, s2, s2, s2].map(worker));
        expect(handled.sort()).toEqual(rows.map((r) => r.key).sort());
        const listed = await ofDeadline(s1, deadlineId);
        expect(listed.map((r) => [r.status, r.attempts])).toEqual(rows.map(() => ['sent', 1]));
      });

      it('lists newest first, filtered by deadline and status, at most `limit`', async () => {
        const s = await store();
        await drain(s);
        const [deadlineId, other] = [unique('deadline'), unique('deadline')];
        const [first, second, third] = reminders(deadlineId, 3);
        await s.enqueueReminders([first!], later());
        await s.enqueueReminders([second!], later());
        await s.enqueueReminders(reminders(other, 1), later());
        await s.enqueueReminders([third!], later());
        const keys = (rows: Reminder[]) => rows.map((r) => r.key);
        expect(keys(await ofDeadline(s, deadlineId))).toEqual([third!.key, second!.key, first!.key]);
        expect(keys(await s.listReminders({ deadlineId, limit: 2 }))).toEqual([third!.key, second!.key]);
        expect(keys(await s.listReminders({ limit: 2 }))).toEqual([third!.key, reminders(other, 1)[0]!.key]);
        await processAll(s, END_OF_TIME, (r) => (r.key === second!.key ? sentOutcome(r) : { kind: 'failed', error: 'x' }));
        expect(keys(await s.listReminders({ deadlineId, status: 'sent', limit: ALL }))).toEqual([second!.key]);
        expect(keys(await s.listReminders({ deadlineId, status: 'failed', limit: ALL }))).toEqual([third!.key, first!.key]);
        expect(await s.listReminders({ deadlineId, status: 'pending', limit: ALL })).toEqual([]);
        expect(await s.listReminders({ deadlineId, limit: 0 })).toEqual([]);
        for (const limit of [-1, 1.5, Number.NaN]) {
          await expect(s.listReminders({ deadlineId, limit })).rejects.toThrow(/Invalid reminder query/);
        }
        await expect(s.listReminders({ status: 'lost', limit: 1 } as never)).rejects.toThrow(InvalidStoreInputError);
      });

      it('lists every enqueued stage, whatever its status', async () => {
        const s = await store();
        await drain(s);
        const deadlineId = unique('deadline');
        const rows = [
          ...reminders(deadlineId, 2),
          ...reminders(deadlineId, 1, { stage: 'overdue', role: 'team-lead', recipient: 'lead@kk.dk', key: `${deadlineId}|lead` }),
        ];
        await s.enqueueReminders(rows, later());
        await processAll(s, END_OF_TIME, (r) => (r.stage === 'overdue' ? sentOutcome(r) : { kind: 'failed', error: 'x' }));
        const stages = (await s.listEnqueuedStages()).filter((e) => e.deadlineId === deadlineId);
        expect(stages).toHaveLength(3);
        expect(stages).toEqual(
          expect.arrayContaining(
            rows.map(({ deadlineId: d, occurrence, recipient, stage, key }) => ({ deadlineId: d, occurrence, recipient, stage, key })),
          ),
        );
      });
    });

    describe('acknowledgements and snoozes', () => {
      it('keeps the first acknowledgement, returning it to every later call', async () => {
        const [s1, s2] = [await store(), await store()];
        const deadlineId = unique('deadline');
        const occurrence = '2031-03-01';
        const first = { deadlineId, occurrence, owner: 'anna@kk.dk', by: 'Anna Hansen', at: later() };
        expect(await s1.acknowledge(first)).toEqual(first);
        const again = { ...first, by: 'Bo Jensen', at: later() };
        expect(await s2.acknowledge(again)).toEqual(first);

        // Racing first acknowledgements of another occurrence all get the same winner.
        const racing = Array.from({ length: 10 }, (_, i) => ({ ...first, occurrence: '2031-04-01', by: `user-${i}`, at: later() }));
        const answers = await Promise.all(racing.map((a, i) => (i % 2 ? s1 : s2).acknowledge(a)));
        expect(racing).toContainEqual(answers[0]);
        expect(new Set(answers.map((a) => a.by)).size).toBe(1);

        const ours = (await s1.listAcknowledgements()).filter((a) => a.deadlineId === deadlineId);
        expect(ours).toEqual([first, answers[0]]);
        await expect(s1.acknowledge({ ...first, occurrence: '1.3.2031' })).rejects.toThrow(/Invalid acknowledgement/);
      });

      it('replaces an earlier snooze of the same key, but never with an older one', async () => {
        const s = await store();
        const deadlineId = unique('deadline');
        const key = { deadlineId, occurrence: '2031-03-01', owner: 'anna@kk.dk' };
        const first = { ...key, until: later(), at: later() };
        const otherOwner = { ...first, owner: 'bo@kk.dk' };
        await s.snooze(first);
        await s.snooze(otherOwner);
        const second = { ...key, until: later(), at: later() };
        await s.snooze(second);
        const stale = { ...key, until: later(), at: new Date(second.at.getTime() - 1) };
        await s.snooze(stale);
        const ours = (await s.listSnoozes()).filter((z) => z.deadlineId === deadlineId);
        expect(ours).toEqual([second, otherOwner]);
        await expect(s.snooze({ ...first, until: new Date(Number.NaN) })).rejects.toThrow(/Invalid snooze/);
      });
    });

    describe("a tenant's send budget", () => {
      it('hands out the first slots of a burst at once, then one per interval, shared by every store on the database', async () => {
        const [s1, s2] = [await store(), await store()];
        const tenant = unique('tenant');
        // 10 a second, bursts of 3: slots at 0, 0, 0, 100, 200, … ms from the first.
        const rate = { perSecond: 10, burst: 3 };
        const started = Date.now();
        const waits: number[] = [];
        for (let i = 0; i < 8; i++) waits.push((await (i % 2 ? s2 : s1).reserveSendSlot(tenant, rate)) + (Date.now() - started));
        const slots = waits.map((w) => Math.round(w / 100));
        expect(slots).toEqual([0, 0, 0, 1, 2, 3, 4, 5]);
        // Another tenant has a budget of its own.
        expect(await s2.reserveSendSlot(unique('tenant'), rate)).toBe(0);
        // A quiet tenant's budget fills up again, to its burst and no further.
        const quiet = unique('tenant');
        const slow = { perSecond: 10, burst: 2 };
        expect([await s1.reserveSendSlot(quiet, slow), await s1.reserveSendSlot(quiet, slow)]).toEqual([0, 0]);
        await sleep(300);
        expect([await s1.reserveSendSlot(quiet, slow), await s1.reserveSendSlot(quiet, slow)]).toEqual([0, 0]);
        expect(await s1.reserveSendSlot(quiet, slow)).toBeGreaterThan(50);
      });

      it('serves racing instances one slot each, in any order, without gaps or doubles', async () => {
        const stores = [await store(), await store(), await store()];
        const tenant = unique('tenant');
        // Half a second apart: the calls wait nothing in real time (a slot is a promise of when to send), so a long
        // interval costs nothing and keeps the few ms each call takes, even on a loaded machine, far from rounding
        // a slot into its neighbour's.
        const rate = { perSecond: 2, burst: 1 };
        const started = Date.now();
        const at = await Promise.all(Array.from({ length: 30 }, async (_, i) => (await stores[i % 3]!.reserveSendSlot(tenant, rate)) + (Date.now() - started)));
        const slots = at.map((t) => Math.round(t / 500)).sort((a, b) => a - b);
        expect(slots).toEqual(Array.from({ length: 30 }, (_, k) => k));
      });

      it('refuses a rate that is not one', async () => {
        const s = await store();
        await expect(s.reserveSendSlot('t', { perSecond: 0, burst: 1 })).rejects.toThrow(/Invalid send rate/);
        await expect(s.reserveSendSlot('t', { perSecond: 10, burst: 0 })).rejects.toThrow(/Invalid send rate/);
      });
    });
  });
}
