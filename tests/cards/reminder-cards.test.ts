import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { CardAction } from '../../src/cards/render';
import type { AdaptiveCard } from '../../src/kernel/card';
import {
  DigestCardModel,
  ReminderAction,
  ReminderCardModel,
  digestSummary,
  reminderSummary,
  renderDigestCard,
  renderReminderCard,
} from '../../src/cards/reminder-cards';
import { validateCard } from '../../src/cards/validate';

type Node = Record<string, unknown>;

const cardsDir = path.join(__dirname, '..', '..', 'cards');

const open: ReminderCardModel = {
  lang: 'da',
  timeZone: 'Europe/Copenhagen',
  deadlineId: 'exit-kk-midtvejsstatus',
  occurrence: '2026-10-01',
  owner: 'mette.holm@sof.kk.dk',
  title: 'Midtvejsstatus for Exit KK',
  kind: 'midterm-status',
  daysLeft: 14,
  stage: 'lead-14',
  role: 'owner',
  ownerName: 'Socialforvaltningen',
  concerns: { strategy: 'Sikker By-strategien 2022-2025', principle: 'Tidlig og forebyggende indsats', initiative: 'Exit KK' },
  dueNote: 'Midtvejsstatus skal foreligge inden budgetforhandlingerne i efteråret 2026.',
  sourceTitle: 'Sikker By-budgetpakken',
  sourceDate: '7. marts 2023',
  state: { kind: 'open' },
};

const REPORTED_AT = new Date('2026-10-03T12:05:00Z'); // 14.05 Copenhagen summer time
const SNOOZED_UNTIL = new Date('2026-10-04T22:30:00Z'); // already 5 October in Copenhagen

const STATES: Record<ReminderCardModel['state']['kind'], ReminderCardModel['state']> = {
  open: { kind: 'open' },
  reported: { kind: 'reported', by: 'Mette Holm', at: REPORTED_AT },
  snoozed: { kind: 'snoozed', until: SNOOZED_UNTIL },
  'unreachable-owner': { kind: 'unreachable-owner', owner: 'Socialforvaltningen' },
};
const ROLES = ['owner', 'team-lead', 'fallback', 'test'] as const;
const STAGE_FOR = { 14: 'lead-14', 0: 'due', [-3]: 'overdue' } as Record<number, string>;

const reminder = (changes: Partial<ReminderCardModel> = {}): ReminderCardModel => ({ ...open, ...changes });

function nodes(node: unknown): Node[] {
  if (Array.isArray(node)) return node.flatMap(nodes);
  if (typeof node !== 'object' || node === null) return [];
  return [node as Node, ...Object.values(node).flatMap(nodes)];
}

const ofType = (card: AdaptiveCard, type: string) => nodes(card.body).filter((n) => n['type'] === type);
const texts = (card: AdaptiveCard) => ofType(card, 'TextBlock').map((t) => t['text'] as string);
const facts = (card: AdaptiveCard) => ofType(card, 'FactSet').flatMap((f) => (f['facts'] as Node[]).map((x) => [x['title'], x['value']]));
const actions = (card: AdaptiveCard) => (card['actions'] ?? []) as Node[];
const executes = (card: AdaptiveCard) => actions(card).filter((a) => a['type'] === 'Action.Execute');
const textOf = (card: AdaptiveCard, start: string) => texts(card).find((t) => t.startsWith(start));

describe('renderReminderCard', () => {
  const cases = (['da', 'en'] as const).flatMap((lang) =>
    Object.values(STATES).flatMap((state) =>
      ROLES.flatMap((role) =>
        [14, 0, -3].map((daysLeft) => reminder({ lang, state, role, daysLeft, stage: role === 'test' ? 'test' : STAGE_FOR[daysLeft]! })),
      ),
    ),
  );

  it.each(cases.map((model) => [`${model.lang} ${model.state.kind} ${model.role} ${model.daysLeft}`, model] as const))(
    'renders a valid card with every field bound: %s',
    (_name, model) => {
      const { card, summary } = renderReminderCard(model);
      expect(validateCard(card)).toEqual([]);
      expect(JSON.stringify(card)).not.toContain('${');
      expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', msteams: { width: 'Full' } });
      expect(texts(card)).toContain(model.title);
      expect(summary).toBe(reminderSummary(model));
      expect(summary).not.toContain('\n');
    },
  );

  it('gives every role its own text', () => {
    const overdue = ROLES.map((role) => renderReminderCard(reminder({ role, daysLeft: -3, stage: 'overdue' })).card);
    const bodyText = overdue.map((card) => texts(card)[2]);
    expect(new Set(bodyText).size).toBe(ROLES.length);
  });

  describe('the facts', () => {
    it('show due date, days left, what it concerns and the owner', () => {
      expect(facts(renderReminderCard(open).card)).toEqual([
        ['Frist', '1. oktober 2026'],
        ['Dage tilbage', '14 dage'],
        ['Vedrører', 'Sikker By-strategien 2022-2025 › Tidlig og forebyggende indsats › Exit KK'],
        ['Ejer', 'Socialforvaltningen'],
      ]);
      expect(facts(renderReminderCard(reminder({ lang: 'en' })).card)).toEqual([
        ['Due date', '1 October 2026'],
        ['Days left', '14 days'],
        ['Concerns', 'Sikker By-strategien 2022-2025 › Tidlig og forebyggende indsats › Exit KK'],
        ['Owner', 'Socialforvaltningen'],
      ]);
    });

    it.each([
      [1, '1 dag', '1 day'],
      [0, 'i dag', 'today'],
      [-1, 'overskredet med 1 dag', '1 day overdue'],
      [-3, 'overskredet med 3 dage', '3 days overdue'],
    ])('say %i days left as "%s" / "%s"', (daysLeft, da, en) => {
      const daysFact = (lang: 'da' | 'en') => facts(renderReminderCard(reminder({ lang, daysLeft })).card)[1]?.[1];
      expect(daysFact('da')).toBe(da);
      expect(daysFact('en')).toBe(en);
    });

    it('name only what the deadline concerns, and leave the fact out when it concerns nothing named', () => {
      const partial = renderReminderCard(reminder({ concerns: { strategy: 'Sikker By-strategien 2022-2025', initiative: 'Exit KK' } })).card;
      expect(facts(partial)[2]).toEqual(['Vedrører', 'Sikker By-strategien 2022-2025 › Exit KK']);
      const none = renderReminderCard(reminder({ concerns: {} })).card;
      expect(validateCard(none)).toEqual([]);
      expect(facts(none).map(([label]) => label)).toEqual(['Frist', 'Dage tilbage', 'Ejer']);
    });
  });

  describe('the text', () => {
    it('tells the owner when the deadline is and what to do', () => {
      expect(texts(renderReminderCard(open).card)).toContain(
        'Fristen er om 14 dage. Husk at indberette midtvejsstatussen.',
      );
      expect(texts(renderReminderCard(reminder({ daysLeft: 0, stage: 'due', kind: 'effect-follow-up' })).card)).toContain(
        'Fristen er i dag. Husk at indberette effektopfølgningen.',
      );
      expect(texts(renderReminderCard(reminder({ lang: 'en', daysLeft: -3, stage: 'overdue' })).card)).toContain(
        'The deadline passed 3 days ago. Please report the midterm status.',
      );
    });

    it('reminds the owner that they asked for it after a snooze', () => {
      const card = renderReminderCard(reminder({ stage: 'snooze-2026-09-20T07:00:00.000Z', daysLeft: 11 })).card;
      expect(texts(card)).toContain('Du bad om at blive mindet om det igen. Fristen er om 11 dage. Husk at indberette midtvejsstatussen.');
    });

    it('tells the team lead that the owner has not reported and the deadline has passed', () => {
      const model = reminder({ role: 'team-lead', daysLeft: -3, stage: 'overdue' });
      expect(texts(renderReminderCard(model).card)).toContain(
        'Socialforvaltningen har endnu ikke indberettet, og fristen er overskredet med 3 dage. Følg gerne op med ejeren.',
      );
      expect(texts(renderReminderCard({ ...model, lang: 'en' }).card)).toContain(
        'Socialforvaltningen has not reported yet, and the deadline passed 3 days ago. Please follow up with the owner.',
      );
    });

    it('tells the fallback recipient that the owner could not be reached in Teams', () => {
      const card = renderReminderCard(reminder({ role: 'fallback', daysLeft: 0, stage: 'due' })).card;
      expect(texts(card)).toContain(
        'Ejeren, Socialforvaltningen, kunne ikke nås i Teams, så påmindelsen går til dig. Fristen er i dag. Giv den gerne videre.',
      );
    });

    it('says a test reminder is a test, from the role or the stage', () => {
      for (const model of [reminder({ role: 'test', stage: 'test' }), reminder({ role: 'owner', stage: 'test' })]) {
        const card = renderReminderCard(model).card;
        expect(texts(card)[0]).toBe('Testpåmindelse');
        expect(texts(card)).toContain('Dette er en testpåmindelse. Den viser, hvordan en påmindelse ser ud; du skal ikke gøre noget.');
      }
      expect(texts(renderReminderCard(open).card)[0]).toBe('Påmindelse om frist');
    });

    it('shows the due note small and subtle, and leaves it out when there is none', () => {
      const note = ofType(renderReminderCard(open).card, 'TextBlock').find((t) => t['text'] === open.dueNote);
      expect(note).toMatchObject({ size: 'Small', isSubtle: true });
      for (const dueNote of [undefined, '  ']) {
        const card = renderReminderCard(reminder({ dueNote })).card;
        expect(validateCard(card)).toEqual([]);
        expect(texts(card)).toHaveLength(texts(renderReminderCard(open).card).length - 1);
      }
    });

    it('names the source with its date', () => {
      expect(texts(renderReminderCard(open).card)).toContain('Kilde: Sikker By-budgetpakken, 7. marts 2023');
      expect(texts(renderReminderCard(reminder({ lang: 'en' })).card)).toContain('Source: Sikker By-budgetpakken, 7. marts 2023');
    });

    it('has no Danish labels in English', () => {
      const json = JSON.stringify(renderReminderCard(reminder({ lang: 'en', dueNote: undefined })).card);
      for (const danish of ['Frist', 'Dage tilbage', 'Vedrører', 'Ejer', 'Kilde', 'Indberettet', 'Udsæt', 'Påmindelse', 'Åbn']) {
        expect(json).not.toContain(danish);
      }
    });
  });

  describe('the buttons while open', () => {
    const card = renderReminderCard(open).card;
    const target = { deadlineId: 'exit-kk-midtvejsstatus', occurrence: '2026-10-01', owner: 'mette.holm@sof.kk.dk' };

    it('are Indberettet, Udsæt 3 dage, Åbn strategien and Kontakt Team Sikker By', () => {
      expect(actions(card).map((a) => [a['type'], a['title']])).toEqual([
        ['Action.Execute', 'Indberettet'],
        ['Action.Execute', 'Udsæt 3 dage'],
        ['Action.Submit', 'Åbn strategien'],
        ['Action.Submit', 'Kontakt Team Sikker By'],
      ]);
      expect(actions(renderReminderCard(reminder({ lang: 'en' })).card).map((a) => a['title'])).toEqual([
        'Reported',
        'Snooze 3 days',
        'Open the strategy',
        'Contact Team Sikker By',
      ]);
    });

    it('execute the reminder verbs with the deadline, occurrence and owner', () => {
      expect(executes(card).map((a) => [a['verb'], a['data']])).toEqual([
        ['reminder.reported', target],
        ['reminder.snooze', target],
      ]);
    });

    it('fall back to Action.Submit with the same data and the verb as action', () => {
      expect(executes(card).map((a) => a['fallback'])).toEqual([
        expect.objectContaining({ type: 'Action.Submit', title: 'Indberettet', data: { ...target, action: 'reminder.reported' } }),
        expect.objectContaining({ type: 'Action.Submit', title: 'Udsæt 3 dage', data: { ...target, action: 'reminder.snooze' } }),
      ]);
    });

    it('leave the owner out of the payload when the model has none', () => {
      const [reported] = executes(renderReminderCard(reminder({ owner: undefined })).card);
      expect(reported?.['data']).toEqual({ deadlineId: target.deadlineId, occurrence: target.occurrence });
      expect((reported?.['fallback'] as Node)['data']).toEqual({ deadlineId: target.deadlineId, occurrence: target.occurrence, action: 'reminder.reported' });
    });

    it('send payloads that ReminderAction reads the same either way', () => {
      for (const execute of executes(card)) {
        const invoke = { action: { type: 'Action.Execute', verb: execute['verb'], data: execute['data'] }, trigger: 'manual' };
        const submitted = ReminderAction.parse((execute['fallback'] as Node)['data']);
        expect(ReminderAction.parse(invoke)).toEqual(submitted);
        expect(submitted).toEqual({ ...target, action: execute['verb'] });
      }
    });

    it('ask about the strategy and the coordinators as the existing ask action', () => {
      const asks = actions(card).filter((a) => a['type'] === 'Action.Submit').map((a) => CardAction.parse(a['data']));
      expect(asks).toEqual([
        { action: 'ask', question: 'Fortæl om Sikker By-strategien 2022-2025' },
        { action: 'ask', question: 'Hvem koordinerer Sikker By?' },
      ]);
      const en = actions(renderReminderCard(reminder({ lang: 'en' })).card).filter((a) => a['type'] === 'Action.Submit');
      expect(en.map((a) => CardAction.parse(a['data']))).toEqual([
        { action: 'ask', question: 'Tell me about the Sikker By strategy 2022-2025' },
        { action: 'ask', question: 'Who coordinates Sikker By?' },
      ]);
    });
  });

  describe('once reported', () => {
    const reported = reminder({ state: STATES.reported! });

    it('says who marked it and when, in Copenhagen time, and drops Indberettet and Udsæt', () => {
      const card = renderReminderCard(reported).card;
      expect(texts(card)).toContain('✅ Markeret som indberettet af Mette Holm 3. oktober 2026 kl. 14.05');
      expect(ofType(card, 'TextBlock').find((t) => String(t['text']).startsWith('✅'))?.['color']).toBe('Good');
      expect(actions(card).map((a) => a['title'])).toEqual(['Åbn strategien', 'Kontakt Team Sikker By']);
      expect(JSON.stringify(card)).not.toContain('reminder.');
    });

    it('in English, and in winter time', () => {
      const card = renderReminderCard({ ...reported, lang: 'en', state: { kind: 'reported', by: 'Mette Holm', at: new Date('2026-12-01T08:05:00Z') } }).card;
      expect(texts(card)).toContain('✅ Marked as reported by Mette Holm on 1 December 2026 at 09:05');
    });

    it('in the configured time zone, not always Copenhagen', () => {
      const card = renderReminderCard({ ...reported, lang: 'en', timeZone: 'America/New_York', state: { kind: 'reported', by: 'Mette Holm', at: new Date('2026-12-01T03:05:00Z') } }).card;
      expect(texts(card)).toContain('✅ Marked as reported by Mette Holm on 30 November 2026 at 22:05');
    });
  });

  describe('while snoozed', () => {
    it('says until when, as a Copenhagen date, with only the two ask buttons', () => {
      const card = renderReminderCard(reminder({ state: STATES.snoozed! })).card;
      expect(texts(card)).toContain('Udsat til 5. oktober 2026');
      expect(actions(card).map((a) => [a['type'], a['title']])).toEqual([
        ['Action.Submit', 'Åbn strategien'],
        ['Action.Submit', 'Kontakt Team Sikker By'],
      ]);
      expect(texts(renderReminderCard(reminder({ lang: 'en', state: STATES.snoozed! })).card)).toContain('Snoozed until 5 October 2026');
    });
  });

  describe('when the owner could not be reached', () => {
    it('warns and still lets the reader act for the owner', () => {
      const card = renderReminderCard(reminder({ role: 'fallback', state: STATES['unreachable-owner']! })).card;
      const warning = ofType(card, 'TextBlock').find((t) => String(t['text']).startsWith('⚠️'));
      expect(warning).toMatchObject({ text: '⚠️ Socialforvaltningen kunne ikke nås i Teams. Giv gerne påmindelsen videre.', color: 'Warning' });
      expect(executes(card).map((a) => a['verb'])).toEqual(['reminder.reported', 'reminder.snooze']);
    });
  });

  it('has no status line while open', () => {
    const card = renderReminderCard(open).card;
    expect(texts(card).filter((t) => /^(✅|⚠️|Udsat)/.test(t))).toEqual([]);
    expect(textOf(card, 'Fristen')).toBeDefined();
  });
});

describe('reminderSummary', () => {
  it.each([
    ['Påmindelse: Midtvejsstatus for Exit KK – frist 1. oktober 2026 (om 14 dage)', reminder()],
    ['Påmindelse: Midtvejsstatus for Exit KK – frist 1. oktober 2026 (i dag)', reminder({ daysLeft: 0, stage: 'due' })],
    ['Ikke indberettet: Midtvejsstatus for Exit KK – frist 1. oktober 2026 (overskredet med 3 dage)', reminder({ role: 'team-lead', daysLeft: -3, stage: 'overdue' })],
    ['Testpåmindelse: Midtvejsstatus for Exit KK – frist 1. oktober 2026 (om 14 dage)', reminder({ role: 'test', stage: 'test' })],
    ['Indberettet: Midtvejsstatus for Exit KK – frist 1. oktober 2026', reminder({ state: STATES.reported! })],
    ['Udsat til 5. oktober 2026: Midtvejsstatus for Exit KK – frist 1. oktober 2026', reminder({ state: STATES.snoozed! })],
    ['Reminder: Midtvejsstatus for Exit KK – due 1 October 2026 (in 14 days)', reminder({ lang: 'en' })],
    ['Not reported: Midtvejsstatus for Exit KK – due 1 October 2026 (1 day overdue)', reminder({ lang: 'en', daysLeft: -1, role: 'team-lead' })],
    ['Reported: Midtvejsstatus for Exit KK – due 1 October 2026', reminder({ lang: 'en', state: STATES.reported! })],
  ])('%s', (expected, model) => {
    expect(reminderSummary(model)).toBe(expected);
    expect(renderReminderCard(model).summary).toBe(expected);
  });
});

describe('ReminderCardModel', () => {
  it('reads a model back from the JSON the outbox stores, Dates included', () => {
    for (const state of Object.values(STATES)) {
      const model = reminder({ state });
      expect(ReminderCardModel.parse(JSON.parse(JSON.stringify(model)))).toEqual(model);
    }
  });

  it.each([
    ['a due date that is not YYYY-MM-DD', { occurrence: '1. oktober 2026' }],
    ['an id with the key separator', { deadlineId: 'a|b' }],
    ['an unknown role', { role: 'digest' }],
    ['an unknown kind', { kind: 'budget' }],
    ['fractional days', { daysLeft: 1.5 }],
    ['a reported state without a time', { state: { kind: 'reported', by: 'Mette Holm' } }],
    ['a snooze until a non-date', { state: { kind: 'snoozed', until: 'tomorrow' } }],
    ['an unknown state', { state: { kind: 'lost' } }],
  ])('rejects %s', (_name, changes) => {
    expect(ReminderCardModel.safeParse({ ...open, ...changes }).success).toBe(false);
  });
});

describe('ReminderAction', () => {
  const target = { deadlineId: 'exit-kk-midtvejsstatus', occurrence: '2026-10-01', owner: 'mette.holm@sof.kk.dk' };

  it('reads the Action.Submit fallback value, stripping what Teams adds', () => {
    expect(ReminderAction.parse({ ...target, action: 'reminder.snooze', msteams: { type: 'messageBack' } })).toEqual({ ...target, action: 'reminder.snooze' });
  });

  it('reads the adaptiveCard/action invoke value of Action.Execute', () => {
    const value = { action: { type: 'Action.Execute', id: 'x', verb: 'reminder.reported', data: { ...target, extra: 1 } }, trigger: 'manual' };
    expect(ReminderAction.parse(value)).toEqual({ ...target, action: 'reminder.reported' });
  });

  it('takes the owner as optional', () => {
    const { owner: _owner, ...withoutOwner } = target;
    expect(ReminderAction.parse({ action: { type: 'Action.Execute', verb: 'reminder.snooze', data: withoutOwner } }))
      .toEqual({ ...withoutOwner, action: 'reminder.snooze' });
  });

  it.each([
    ['an unknown verb', { ...target, action: 'reminder.delete' }],
    ['an ask action', { action: 'ask', question: 'Hvad er Exit KK?' }],
    ['a missing deadline id', { occurrence: target.occurrence, action: 'reminder.reported' }],
    ['an empty deadline id', { ...target, deadlineId: '', action: 'reminder.reported' }],
    ['a deadline id with the key separator', { ...target, deadlineId: 'a|b', action: 'reminder.reported' }],
    ['a date that is not YYYY-MM-DD', { ...target, occurrence: '01-10-2026', action: 'reminder.reported' }],
    ['an Execute with an unknown verb', { action: { type: 'Action.Execute', verb: 'delete', data: target } }],
    ['an Execute without data', { action: { type: 'Action.Execute', verb: 'reminder.reported' } }],
    ['a Submit dressed as an Execute', { action: { type: 'Action.Submit', verb: 'reminder.reported', data: target } }],
    ['null', null],
    ['a string', 'reminder.reported'],
  ])('rejects %s', (_name, value) => {
    expect(ReminderAction.safeParse(value).success).toBe(false);
  });
});

describe('renderDigestCard', () => {
  const week: DigestCardModel = {
    lang: 'da',
    teamLeadName: 'Anne Juhl',
    week: '2026-W48',
    items: [
      { title: 'Effektopfølgning på Ny Start', due: '2026-12-15', daysLeft: 22, owner: 'Beskæftigelses- og Integrationsforvaltningen', status: 'open' },
      { title: 'Midtvejsstatus for Exit KK', due: '2026-11-20', daysLeft: -3, owner: 'Socialforvaltningen', status: 'overdue' },
      { title: 'Finansiering af Natteravnene udløber', due: '2026-11-23', daysLeft: 0, owner: 'Kultur- og Fritidsforvaltningen', status: 'reported', reportedBy: 'Lars Berg' },
      { title: 'Effektopfølgning på Tryghedsvandringer', due: '2026-12-01', daysLeft: 8, owner: 'Teknik- og Miljøforvaltningen', status: 'snoozed' },
    ],
  };
  const none: DigestCardModel = { lang: 'da', week: '2026-W48', items: [] };
  const rows = (card: AdaptiveCard) =>
    ((ofType(card, 'Table')[0]?.['rows'] ?? []) as Node[]).map((row) => nodes(row).filter((n) => n['type'] === 'TextBlock').map((t) => t['text']));

  it.each([
    ['da with items', week],
    ['en with items', { ...week, lang: 'en' as const }],
    ['da without items', none],
    ['en without items, no name', { ...none, lang: 'en' as const }],
  ])('renders a valid card with every field bound: %s', (_name, model) => {
    const { card, summary } = renderDigestCard(model);
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('${');
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', msteams: { width: 'Full' } });
    expect(summary).toBe(digestSummary(model));
  });

  it('greets the team lead and lists the deadlines by date in a table', () => {
    const card = renderDigestCard(week).card;
    expect(texts(card).slice(0, 2)).toEqual(['Ugens frister for dit team (uge 48)', 'Hej Anne Juhl. Her er status for dit teams frister.']);
    expect(rows(card)).toEqual([
      ['Frist', 'Dato', 'Ejer', 'Status'],
      ['Midtvejsstatus for Exit KK', '20. november 2026', 'Socialforvaltningen', '⚠️ Overskredet med 3 dage'],
      ['Finansiering af Natteravnene udløber', '23. november 2026', 'Kultur- og Fritidsforvaltningen', '✅ Indberettet af Lars Berg'],
      ['Effektopfølgning på Tryghedsvandringer', '1. december 2026', 'Teknik- og Miljøforvaltningen', 'Udsat, om 8 dage'],
      ['Effektopfølgning på Ny Start', '15. december 2026', 'Beskæftigelses- og Integrationsforvaltningen', 'Åben, om 22 dage'],
    ]);
    expect(texts(card)).not.toContain('Ingen frister de næste 60 dage');
  });

  it('speaks English', () => {
    const card = renderDigestCard({ ...week, lang: 'en', items: [...week.items, { title: 'Status', due: '2026-11-23', daysLeft: 0, owner: 'ØKF', status: 'open' }] }).card;
    expect(texts(card).slice(0, 2)).toEqual(["Your team's deadlines this week (week 48)", "Hi Anne Juhl. Here is the status of your team's deadlines."]);
    expect(rows(card).map((r) => r.slice(1))).toEqual([
      ['Date', 'Owner', 'Status'],
      ['20 November 2026', 'Socialforvaltningen', '⚠️ 3 days overdue'],
      ['23 November 2026', 'Kultur- og Fritidsforvaltningen', '✅ Reported by Lars Berg'],
      ['23 November 2026', 'ØKF', 'Open, today'],
      ['1 December 2026', 'Teknik- og Miljøforvaltningen', 'Snoozed, in 8 days'],
      ['15 December 2026', 'Beskæftigelses- og Integrationsforvaltningen', 'Open, in 22 days'],
    ]);
  });

  it('colours the status: reported good, overdue attention', () => {
    const statusCells = nodes(ofType(renderDigestCard(week).card, 'Table')).filter((n) => n['type'] === 'TextBlock' && n['color'] !== undefined);
    expect(statusCells.map((t) => t['color'])).toEqual(['Attention', 'Good', 'Default', 'Default']);
  });

  it('fills an empty cell with a dash and says just "Indberettet" without a name', () => {
    const card = renderDigestCard({ ...none, items: [{ title: 'Midtvejsstatus', due: '2026-12-01', daysLeft: 8, owner: ' ', status: 'reported' }] }).card;
    expect(validateCard(card)).toEqual([]);
    expect(rows(card)[1]).toEqual(['Midtvejsstatus', '1. december 2026', '–', '✅ Indberettet']);
  });

  it('says there are no deadlines instead of an empty table', () => {
    const card = renderDigestCard(none).card;
    expect(ofType(card, 'Table')).toEqual([]);
    expect(texts(card)).toEqual(['Ugens frister for dit team (uge 48)', 'Her er status for dit teams frister.', 'Ingen frister de næste 60 dage']);
    expect(texts(renderDigestCard({ ...none, lang: 'en', horizonDays: 30 }).card)).toContain('No deadlines in the next 30 days');
  });
});

describe('digestSummary', () => {
  const item = { title: 'Midtvejsstatus', due: '2026-11-20', daysLeft: -3, owner: 'Socialforvaltningen', status: 'overdue' as const };

  it.each([
    ['Ugens frister, uge 48: 2 frister, 1 overskredet', { lang: 'da' as const, week: '2026-W48', items: [item, { ...item, status: 'open' as const, daysLeft: 4 }] }],
    ['Ugens frister, uge 1: 1 frist', { lang: 'da' as const, week: '2026-W01', items: [{ ...item, status: 'reported' as const }] }],
    ['Ugens frister, uge 48: ingen frister de næste 60 dage', { lang: 'da' as const, week: '2026-W48', items: [] }],
    ['Deadlines, week 48: 2 deadlines, 2 overdue', { lang: 'en' as const, week: '2026-W48', items: [item, item] }],
    ['Deadlines, week 48: no deadlines in the next 60 days', { lang: 'en' as const, week: '2026-W48', items: [] }],
  ])('%s', (expected, model) => {
    expect(digestSummary(model)).toBe(expected);
    expect(renderDigestCard(model).summary).toBe(expected);
  });
});

describe('DigestCardModel', () => {
  it.each([
    ['a week that is not an ISO week', { week: '2026-48' }],
    ['week 54', { week: '2026-W54' }],
    ['an unknown status', { items: [{ title: 'T', due: '2026-11-20', daysLeft: 1, owner: 'SOF', status: 'done' }] }],
    ['a due date that is not YYYY-MM-DD', { items: [{ title: 'T', due: '20-11-2026', daysLeft: 1, owner: 'SOF', status: 'open' }] }],
  ])('rejects %s', (_name, changes) => {
    expect(DigestCardModel.safeParse({ lang: 'da', week: '2026-W48', items: [], ...changes }).success).toBe(false);
  });

  it('accepts a realistic model', () => {
    expect(DigestCardModel.safeParse({ lang: 'en', week: '2026-W48', items: [{ title: 'T', due: '2026-11-20', daysLeft: -1, owner: 'SOF', status: 'overdue' }] }).success).toBe(true);
  });
});

describe('the reminder templates', () => {
  it.each(['reminder.json', 'digest.json'])('%s declares version 1.5, full width and the schema for the designer', (file) => {
    const template = JSON.parse(readFileSync(path.join(cardsDir, file), 'utf8')) as Node;
    expect(template).toMatchObject({
      type: 'AdaptiveCard',
      version: '1.5',
      msteams: { width: 'Full' },
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    });
  });

  it('leave expressions in the card when data is missing, which is what the "${" checks above catch', () => {
    const template = new Template(JSON.parse(readFileSync(path.join(cardsDir, 'reminder.json'), 'utf8')));
    const card = template.expand({ $root: { title: 'T', eyebrow: 'E', facts: [], text: 'x', status: { text: '' }, dueNote: '', decision: { show: false } } });
    expect(JSON.stringify(card)).toContain('${');
  });
});
