// The reminder card's buttons and the conversation references reminders need,
// through the real HTTP endpoint, with a fake Bot Connector. Only the people a
// reminder about an owner goes to (the owner, their team lead, the admins) may
// press its buttons; a payload naming someone else's deadline records nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { cardIn, installationUpdate, invoke, message, submit, USER, type TeamsActivity } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

// USER (the activities' default presser) owns one deadline by Entra object id; the other is owned by a UPN.
const DEADLINE = 'dl-effektopfoelgning';
const UPN_DEADLINE = 'dl-finansiering-ssp-plus';
const TEAM_LEAD = { id: '29:team-lead', name: 'Bo Lind', aadObjectId: '22222222-2222-4333-8444-555555555555' };
const ADMIN = { id: '29:admin', name: 'Ada Admin', aadObjectId: '33333333-2222-4333-8444-555555555555' };
const UPN_OWNER = { id: '29:upn-owner', name: 'Carla Holm', aadObjectId: '44444444-2222-4333-8444-555555555555', upn: 'carla.holm@kk.dk' };
const STRANGER = { id: '29:stranger', name: 'Mallory', aadObjectId: '55555555-2222-4333-8444-555555555555' };

let dir: string;
let t: TestBot;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-reminder-actions-'));
  const owners = path.join(dir, 'owners.yaml');
  writeFileSync(owners, stringify({
    deadlines: {
      [DEADLINE]: [{ id: USER.aadObjectId, name: USER.name, teamLead: { id: TEAM_LEAD.aadObjectId, name: TEAM_LEAD.name } }],
      [UPN_DEADLINE]: [{ id: UPN_OWNER.upn, name: UPN_OWNER.name }],
    },
  }));
  t = await startTestBot({ env: { OWNERS_FILE: owners, ADMIN_IDS: ADMIN.aadObjectId, REMINDER_TICK_SECONDS: '0' } });
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const target = { deadlineId: DEADLINE, occurrence: '2026-10-01', owner: USER.aadObjectId };
const texts = (card: unknown): string => JSON.stringify(card);
const as = (activity: TeamsActivity, person: { id: string; name: string; aadObjectId: string }): TeamsActivity => ({ ...activity, from: { id: person.id, name: person.name, aadObjectId: person.aadObjectId } });
const execute = (verb: string, data: unknown, locale?: string) =>
  invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, t.from('personal', locale ? { locale } : {}));
const executeBody = async (res: Response) => (await res.json()) as { statusCode: number; type: string; value: unknown };
const acksOf = async (occurrence: string) => (await t.bot.store.listAcknowledgements()).filter((a) => a.occurrence === occurrence);
const snoozesOf = async (occurrence: string) => (await t.bot.store.listSnoozes()).filter((s) => s.occurrence === occurrence);

describe('Indberettet / Udsæt as Action.Execute', () => {
  it('records who reported and answers with the card in its new state, without buttons to press again', async () => {
    const res = await t.post(execute('reminder.reported', target));
    expect(res.status).toBe(200);
    const body = await executeBody(res);
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(texts(body.value)).toContain(USER.name);
    expect(texts(body.value)).not.toContain('reminder.reported');
    expect(await acksOf(target.occurrence)).toEqual([expect.objectContaining({ ...target, by: USER.name })]);
  });

  it('refuses a press for an owner the reminder was not sent to: nothing is recorded, and the presser is told why', async () => {
    const forged = { ...target, occurrence: '2026-11-01' };
    for (const verb of ['reminder.reported', 'reminder.snooze']) {
      const res = await t.post(as(execute(verb, forged), STRANGER));
      expect(res.status).toBe(200);
      const body = await executeBody(res);
      expect(body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/^Den påmindelse er ikke til dig, så intet er ændret/) });
    }
    expect(await acksOf(forged.occurrence)).toEqual([]);
    expect(await snoozesOf(forged.occurrence)).toEqual([]);
    expect(t.logs.some((l) => l.startsWith('info refused a reminder button') && !l.includes(STRANGER.aadObjectId) && !l.includes(STRANGER.name))).toBe(true);
  });

  it('says so in English to a presser whose client is English', async () => {
    const body = await executeBody(await t.post(as(execute('reminder.snooze', { ...target, occurrence: '2026-11-02' }, 'en-US'), STRANGER)));
    expect(body.value).toMatch(/^That reminder is not addressed to you, so nothing was changed/);
  });

  it("lets the owner's team lead and an admin act for the owner", async () => {
    const byLead = { ...target, occurrence: '2026-12-01' };
    expect((await executeBody(await t.post(as(execute('reminder.reported', byLead), TEAM_LEAD)))).type).toBe('application/vnd.microsoft.card.adaptive');
    expect(await acksOf(byLead.occurrence)).toEqual([expect.objectContaining({ owner: USER.aadObjectId, by: TEAM_LEAD.name })]);
    const byAdmin = { ...target, occurrence: '2027-01-01' };
    expect((await executeBody(await t.post(as(execute('reminder.snooze', byAdmin), ADMIN)))).type).toBe('application/vnd.microsoft.card.adaptive');
    expect(await snoozesOf(byAdmin.occurrence)).toEqual([expect.objectContaining({ owner: USER.aadObjectId })]);
  });

  it('matches an owner named by UPN through the 1:1 conversation the bot keeps with them, and no one else', async () => {
    const upnTarget = { deadlineId: UPN_DEADLINE, occurrence: '2027-02-01', owner: UPN_OWNER.upn };
    // Before the bot has reached the owner it cannot tell who has that UPN: refused.
    expect((await executeBody(await t.post(as(execute('reminder.reported', upnTarget), UPN_OWNER)))).type).toBe('application/vnd.microsoft.activity.message');
    // As the dispatcher saves it when it opens the chat through a team's roster.
    await t.bot.store.saveConversation({
      conversationId: 'a:upn-owner-chat', kind: 'personal', serviceUrl: t.connector.url, reference: {}, updatedAt: new Date(),
      userAadObjectId: UPN_OWNER.aadObjectId, userPrincipalName: UPN_OWNER.upn.toUpperCase(),
    });
    expect((await executeBody(await t.post(as(execute('reminder.reported', upnTarget), STRANGER)))).type).toBe('application/vnd.microsoft.activity.message');
    expect(await acksOf(upnTarget.occurrence)).toEqual([]);
    expect((await executeBody(await t.post(as(execute('reminder.reported', upnTarget), UPN_OWNER)))).type).toBe('application/vnd.microsoft.card.adaptive');
    expect(await acksOf(upnTarget.occurrence)).toEqual([expect.objectContaining({ owner: UPN_OWNER.upn, by: UPN_OWNER.name })]);
  });

  it('takes a card that names no owner as the presser\'s own, by their id in the owners file, and refuses it from anyone else', async () => {
    const noOwner = { deadlineId: DEADLINE, occurrence: '2027-03-01' };
    expect((await executeBody(await t.post(as(execute('reminder.reported', noOwner), STRANGER)))).type).toBe('application/vnd.microsoft.activity.message');
    expect((await executeBody(await t.post(execute('reminder.reported', noOwner)))).type).toBe('application/vnd.microsoft.card.adaptive');
    expect(await acksOf(noOwner.occurrence)).toEqual([expect.objectContaining({ owner: USER.aadObjectId })]);
  });

  it('answers an unknown action with an error card response, not a crash', async () => {
    const res = await t.post(execute('reminder.delete', target));
    expect(res.status).toBe(200);
    expect((await executeBody(res)).statusCode).toBe(400);
  });
});

describe('Indberettet / Udsæt as the Action.Submit fallback', () => {
  it('snoozes and updates the pressed card in place', async () => {
    const activity = submit({ action: 'reminder.snooze', ...target, occurrence: '2027-10-01' }, { ...t.from('personal'), replyToId: 'reminder-card-1' });
    expect((await t.post(activity)).status).toBe(200);
    const updated = t.connector.to(activity.conversation.id).find((s) => s.method === 'PUT' && s.targetId === 'reminder-card-1');
    expect(updated).toBeDefined();
    expect(texts(cardIn(updated!.activity))).toMatch(/Udsat til/);
    expect(updated!.activity.summary).toMatch(/Udsat/);
    const snoozes = await snoozesOf('2027-10-01');
    expect(snoozes).toEqual([expect.objectContaining({ deadlineId: target.deadlineId, owner: USER.aadObjectId })]);
    // Three days on, moved into working time: after the press, never before.
    expect(snoozes[0]!.until.getTime()).toBeGreaterThan(Date.now() + 2.9 * 24 * 3600_000);
  });

  it('refuses a forged press in words and leaves the card alone', async () => {
    const activity = as(submit({ action: 'reminder.reported', ...target, occurrence: '2027-11-01' }, { ...t.from('personal'), replyToId: 'reminder-card-2' }), STRANGER);
    expect((await t.post(activity)).status).toBe(200);
    const sent = t.connector.to(activity.conversation.id);
    expect(sent.filter((s) => s.method === 'PUT')).toEqual([]);
    expect(sent.map((s) => s.activity.text)).toEqual([expect.stringMatching(/^Den påmindelse er ikke til dig/)]);
    expect(await acksOf('2027-11-01')).toEqual([]);
  });
});

describe('conversation references for reminders', () => {
  it('are saved from a personal message with the user\'s Entra id, and removed on uninstall', async () => {
    const from = t.from('personal', { conversationId: 'a:reminder-ref-1' });
    const someone = { ...USER, id: '29:someone', aadObjectId: '99999999-2222-4333-8444-555555555555' };
    expect((await t.post({ ...message('Hvad er Sikker By?', from), from: someone })).status).toBe(200);
    const saved = await t.bot.store.findPersonalConversation(someone.aadObjectId.toUpperCase());
    expect(saved).toMatchObject({ conversationId: 'a:reminder-ref-1', kind: 'personal', serviceUrl: t.connector.url });
    expect((await t.post({ ...installationUpdate('remove', from), from: someone })).status).toBe(200);
    expect(await t.bot.store.findPersonalConversation(someone.aadObjectId)).toBeUndefined();
  });
});
