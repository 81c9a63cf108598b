// Answers from the records of the documents themselves (who signed, who
// attended, the case number, the decision …), from the sources' statements
// that belong to no other record (facts), and from what the sources do not
// say (unknowns). Each field of a document is answerable on its own: the
// question's words pick the field through one table. Pure.
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { Fact, Person, Source, Unknown } from '../knowledge/schema';
import { organisationName, prose, type LocalText } from '../knowledge/translation';
import { bullets, countWord, date } from '../kernel/format';
import type { Answer } from './answer';
import { finish, languageNote, type ComposeContext } from './compose';
import type { IndexEntry } from './registry';
import { fold } from './text';

/** A field of a document record that a question can ask for on its own. */
type DocumentField =
  | 'attendees'
  | 'signatories'
  | 'caseNumber'
  | 'documentNumber'
  | 'caseOfficer'
  | 'meetingTime'
  | 'meetingPlace'
  | 'recommendation'
  | 'decision'
  | 'economy'
  | 'furtherProcess'
  | 'attachments'
  | 'sender'
  | 'addressee'
  | 'date';

/**
 * Question words (folded: æ → ae, ø → oe, å → aa) → the field they ask for, first match
 * wins. Rules as data: extend the table, not the code.
 */
const FIELD_WORDS: readonly (readonly [DocumentField, RegExp])[] = [
  ['attendees', /\b(deltog\w*|deltage\w*|deltager\w*|til stede|attend\w*|present at|took part|take part|taking part|participat\w*)\b/],
  ['signatories', /\b(underskr\w*|underteg\w*|signe\w*|signat\w*)\b/],
  ['documentNumber', /\b(dokument ?n(umme)?r\w*|dok nr|document number)\b/],
  ['caseNumber', /\b(sags ?n(umme)?r\w*|sagsnr|case number|journal\w*)\b/],
  ['caseOfficer', /\b(sagsbehandler\w*|case officer|case handler|case ?workers?|case manager)\b/],
  ['meetingTime', /\b(hvad tid|klokken|kl|tidspunkt\w*|what time|time of)\b/],
  ['meetingPlace', /\b(moedested\w*|hvor blev\w*|hvor var|hvor holdt\w*|lokale\w*|vaerelse\w*|where was|where did|room|venue)\b/],
  ['economy', /\b(oekonomisk\w*|oekonomi|economic\w*|financial consequences|koster indstillingen)\b/],
  ['furtherProcess', /\b(videre proces\w*|videre|naeste skridt|next steps?|further process|arbejder videre)\b/],
  // (An attachment is asked for whatever it attaches: "bilag om beslutningen", "bilag til indstillingen".)
  ['attachments', /\b(bilag\w*|attach\w*|append\w*|vedlagt)\b/],
  ['recommendation', /\b(indstill\w*|recommend\w*)\b/],
  ['decision', /\b(beslut\w*|besluttet|vedtog|decided|decision|udfald\w*|outcome)\b/],
  ['sender', /\b(afsender\w*|hvem skrev|hvem har skrevet|hvem sendte|brevhoved\w*|sender|who wrote|written by|letterhead)\b/],
  ['addressee', /\b(modtager\w*|stilet til|til hvem|addressed|addressee|recipient)\b/],
  ['date', /\b(hvornaar|dato\w*|dateret|udateret|when|date\w*)\b/],
];

/** The document field a question asks for ("hvor blev mødet holdt" → meetingPlace), if any. */
export function askedField(folded: string): DocumentField | undefined {
  return FIELD_WORDS.find(([, pattern]) => pattern.test(folded))?.[0];
}

/** Fields that are lists, which a count question counts ("hvor mange deltog": the attendees). */
const LIST_FIELDS = ['attendees', 'signatories', 'attachments'] as const;
const COUNT_QUESTION = /\b(hvor mange|how many|antal\w*|number of)\b/;

/** The document's list that a count question asks for ("hvor mange personer deltog …?"), if it has that list. */
export function countedList(s: Source, question: string): readonly unknown[] | undefined {
  const folded = fold(question);
  const field = askedField(folded);
  const list = COUNT_QUESTION.test(folded) ? LIST_FIELDS.find((f) => f === field) : undefined;
  return list && s[list].length > 0 ? s[list] : undefined;
}

/** Whether the document states the field the question asks for (true when it asks for none). */
export function documentHolds(s: Source, question: string): boolean {
  const field = askedField(fold(question));
  switch (field) {
    case undefined:
    case 'date':
      return true;
    case 'attendees':
    case 'signatories':
    case 'attachments':
      return s[field].length > 0;
    case 'meetingTime':
      return s.meeting?.time !== undefined;
    case 'meetingPlace':
      return s.meeting?.place !== undefined;
    default:
      return s[field] !== undefined;
  }
}

const t = (ctx: ComposeContext, da: string, en: string): string => (ctx.lang === 'da' ? da : en);

/** A note under a text in English that was translated, or that exists only in Danish. */

/** A person of a document, with role and body; the role's text goes into `shown`, for the language note. */
function personLine(ctx: ComposeContext, kb: KnowledgeBase, id: string, shown: (LocalText<string | readonly string[]> | undefined)[]): string {
  const p: Person | undefined = kb.people.find((x) => x.id === id);
  if (!p) return id;
  const role = p.role ? prose(p, 'role', ctx.lang) : undefined;
  shown.push(role);
  const o = kb.organisations.find((x) => x.id === p.organisation);
  return [role?.text, p.name].filter(Boolean).join(' ') + (o ? ` (${organisationName(o, ctx.lang)})` : '');
}

/** The answer about one document: the field the question asks for, or an overview of what it says about itself. */
export function documentAnswer(ctx: ComposeContext, s: Source, question: string): Answer {
  const { kb } = ctx;
  const field = askedField(fold(question));
  const people = (ids: readonly string[]) => bullets(ids.map((id) => personLine(ctx, kb, id, shown)));
  const shown: (LocalText<string | readonly string[]> | undefined)[] = [];
  const text = (f: 'summary' | 'recommendation' | 'decision' | 'economy' | 'furtherProcess' | 'dateNote' | 'notes') => {
    const x = prose(s, f, ctx.lang);
    shown.push(x);
    return x?.text;
  };
  const none = (what: string, whatEn: string) => t(ctx, `Dokumentet oplyser ikke ${what}.`, `The document does not give ${whatEn}.`);
  const when = s.undated ? t(ctx, `udateret (ud fra indholdet: ${date(s.date, 'da')})`, `undated (from its content: ${date(s.date, 'en')})`) : date(s.date, ctx.lang);

  const lines: string[] = [];
  // "Hvor mange deltog?": the list, counted.
  const n = countedList(s, question)?.length;
  const counted = n === undefined ? '' : `${countWord(n, ctx.lang)} (${n})`;
  switch (field) {
    case 'attendees':
      lines.push(s.attendees.length
        ? `${counted ? t(ctx, `Under punktets behandling deltog ${counted} personer:`, `${counted} people attended during the item:`) : t(ctx, 'Under punktets behandling deltog:', 'Attending during the item:')}\n${people(s.attendees)}`
        : none('hvem der deltog', 'who attended'));
      break;
    case 'signatories':
      lines.push(s.signatories.length
        ? `${counted ? t(ctx, `Sagen er underskrevet af ${counted} personer:`, `The case is signed by ${counted} people:`) : t(ctx, 'Sagen er underskrevet af:', 'The case is signed by:')}\n${people(s.signatories)}`
        : none('nogen underskriver', 'any signatory'));
      break;
    case 'caseNumber':
      lines.push(s.caseNumber ? t(ctx, `Sagsnummer: ${s.caseNumber}.`, `Case number: ${s.caseNumber}.`) : none('noget sagsnummer', 'a case number'));
      if (s.documentNumber) lines.push(t(ctx, `Dokumentnummer: ${s.documentNumber}.`, `Document number: ${s.documentNumber}.`));
      break;
    case 'documentNumber':
      lines.push(s.documentNumber ? t(ctx, `Dokumentnummer: ${s.documentNumber}.`, `Document number: ${s.documentNumber}.`) : none('noget dokumentnummer', 'a document number'));
      if (s.caseNumber) lines.push(t(ctx, `Sagsnummer: ${s.caseNumber}.`, `Case number: ${s.caseNumber}.`));
      break;
    case 'caseOfficer':
      lines.push(s.caseOfficer ? t(ctx, `Sagsbehandler: ${personLine(ctx, kb, s.caseOfficer, shown)}.`, `Case officer: ${personLine(ctx, kb, s.caseOfficer, shown)}.`) : none('nogen sagsbehandler', 'a case officer'));
      break;
    case 'meetingTime':
    case 'meetingPlace':
      lines.push(s.meeting
        ? [
            t(ctx, `Mødedato: ${date(s.meeting.date, 'da')}`, `Meeting date: ${date(s.meeting.date, 'en')}`) + (s.meeting.time ? t(ctx, `, kl. ${s.meeting.time}.`, `, at ${s.meeting.time}.`) : '.'),
            s.meeting.place ? t(ctx, `Mødested: ${s.meeting.place}.`, `Place: ${s.meeting.place}.`) : none('mødested', 'a meeting place'),
          ].join('\n\n')
        : none('noget møde', 'a meeting'));
      break;
    case 'recommendation':
    case 'decision':
    case 'economy':
    case 'furtherProcess': {
      const labels = {
        recommendation: t(ctx, 'Indstilling', 'Recommendation'),
        decision: t(ctx, 'Beslutning', 'Decision'),
        economy: t(ctx, 'Økonomi', 'Economy'),
        furtherProcess: t(ctx, 'Videre proces', 'Further process'),
      };
      const value = text(field);
      lines.push(value ? `**${labels[field]}**: ${value}` : none(labels[field].toLowerCase(), labels[field].toLowerCase()));
      // The recommendation and the decision belong together: one is what was asked, the other what was answered.
      if (field === 'recommendation' && s.decision) lines.push(`**${labels.decision}**: ${text('decision')}`);
      if (field === 'decision' && s.recommendation) lines.push(`**${labels.recommendation}**: ${text('recommendation')}`);
      break;
    }
    case 'attachments': {
      const en = ctx.lang === 'en' ? s.en?.attachments : undefined;
      if (s.attachments.length === 0) lines.push(none('nogen bilag', 'any attachments'));
      else {
        const items = s.attachments.map((a, i) => en?.[i] ?? [a.title ? `${a.title}: ${a.text}` : a.text, a.note ? `(${t(ctx, 'Bemærk', 'Note')}: ${a.note})` : ''].filter(Boolean).join(' '));
        shown.push({ text: items, translated: en !== undefined && en.length === s.attachments.length });
        lines.push(`${counted ? t(ctx, `Dokumentet har ${counted} bilag:`, `The document has ${counted} attachments:`) : t(ctx, 'Bilag:', 'Attachments:')}\n${bullets(items)}`);
      }
      break;
    }
    case 'sender':
      lines.push(
        s.sender
          ? t(ctx, `Afsender: ${s.sender}.`, `Sender: ${s.sender}.`)
          : s.letterhead
            ? t(ctx, `Dokumentet er skrevet på ${s.letterhead}s brevhoved; en afsender er ikke nævnt ud over det.`, `The document is written on the letterhead of ${s.letterhead}; no sender is named beyond that.`)
            : none('nogen afsender', 'a sender'),
      );
      break;
    case 'addressee':
      lines.push(s.addressee ? t(ctx, `Dokumentet er stilet til ${s.addressee}.`, `The document is addressed to ${s.addressee}.`) : none('nogen modtager', 'an addressee'));
      break;
    case 'date':
      lines.push(t(ctx, `Dato: ${when}.`, `Date: ${when}.`));
      if (s.meeting) lines.push(t(ctx, `Mødet var den ${date(s.meeting.date, 'da')}${s.meeting.time ? ` kl. ${s.meeting.time}` : ''}.`, `The meeting was on ${date(s.meeting.date, 'en')}${s.meeting.time ? ` at ${s.meeting.time}` : ''}.`));
      if (s.dateNote) lines.push(text('dateNote') ?? '');
      break;
    default:
      lines.push(...overview(ctx, s, when, text));
  }
  const note = languageNote(ctx.lang, shown);
  return finish(ctx, {
    title: s.title,
    text: [...lines, note ? `_${note}_` : ''].filter(Boolean).join('\n\n'),
    facts: documentFacts(ctx, s, when),
    followUps: followUpsOf(ctx, s),
    sources: [{ source: s.id }],
  });
}

function overview(ctx: ComposeContext, s: Source, when: string, text: (f: 'summary' | 'notes' | 'dateNote') => string | undefined): string[] {
  const kinds: Record<Source['kind'], [string, string]> = {
    webpage: ['webside', 'web page'],
    memo: ['notat', 'memo'],
    'committee-case': ['sag til et udvalg', 'committee case'],
    'status-report': ['statusrapport', 'status report'],
  };
  const [da, en] = kinds[s.kind];
  return [
    t(ctx, `"${s.title}" er en ${da} (${when}).`, `"${s.title}" is a ${en} (${when}).`),
    text('summary') ?? text('notes') ?? '',
    s.undated ? (text('dateNote') ?? '') : '',
  ].filter(Boolean);
}

/** The document's metadata as a fact list: what a reader looks for first. */
function documentFacts(ctx: ComposeContext, s: Source, when: string): { label: string; value: string }[] {
  const facts: { label: string; value: string }[] = [{ label: t(ctx, 'Dato', 'Date'), value: when }];
  if (s.addressee) facts.push({ label: t(ctx, 'Til', 'To'), value: s.addressee });
  if (s.sender) facts.push({ label: t(ctx, 'Fra', 'From'), value: s.sender });
  else if (s.letterhead) facts.push({ label: t(ctx, 'Brevhoved', 'Letterhead'), value: s.letterhead });
  if (s.caseNumber) facts.push({ label: t(ctx, 'Sagsnr.', 'Case no.'), value: s.caseNumber });
  if (s.documentNumber) facts.push({ label: t(ctx, 'Dokumentnr.', 'Document no.'), value: s.documentNumber });
  if (s.meeting) facts.push({ label: t(ctx, 'Møde', 'Meeting'), value: [date(s.meeting.date, ctx.lang), s.meeting.time && `kl. ${s.meeting.time}`, s.meeting.place].filter(Boolean).join(', ') });
  return facts;
}

function followUpsOf(ctx: ComposeContext, s: Source): string[] {
  const q: string[] = [];
  if (s.attendees.length) q.push(t(ctx, 'Hvem deltog i mødet?', 'Who attended the meeting?'));
  if (s.decision) q.push(t(ctx, 'Hvad blev besluttet?', 'What was decided?'));
  if (s.caseNumber) q.push(t(ctx, 'Hvad er sagsnummeret?', 'What is the case number?'));
  if (s.attachments.length) q.push(t(ctx, 'Hvilke bilag er der?', 'What attachments are there?'));
  return q.slice(0, 3);
}

export function factAnswer(ctx: ComposeContext, f: Fact): Answer {
  const title = prose(f, 'title', ctx.lang);
  const statement = prose(f, 'statement', ctx.lang);
  const items = f.items.length ? prose(f, 'items', ctx.lang) : undefined;
  const remark = prose(f, 'remark', ctx.lang);
  const note = languageNote(ctx.lang, [statement, items]);
  return finish(ctx, {
    title: title?.text ?? f.title,
    text: [
      statement?.text ?? f.statement,
      items ? bullets(items.text) : '',
      remark ? `${t(ctx, 'Bemærk', 'Note')}: ${remark.text}` : '',
      note ? `_${note}_` : '',
    ].filter(Boolean).join('\n\n'),
    sources: f.sources,
  });
}

export function unknownAnswer(ctx: ComposeContext, u: Unknown): Answer {
  const title = prose(u, 'title', ctx.lang);
  const statement = prose(u, 'statement', ctx.lang);
  // The nearest thing the sources do say, where the unknown points to it as a fact ("the only contact details in the
  // sources are Center for Sikker By's from 2010"): shown as well, with its own source.
  const known = u.related.flatMap((id) => ctx.kb.facts.filter((f) => f.id === id));
  const said = known.map((f) => ({ title: prose(f, 'title', ctx.lang), statement: prose(f, 'statement', ctx.lang) }));
  const note = languageNote(ctx.lang, [statement, ...said.flatMap((x) => [x.title, x.statement])]);
  return finish(ctx, {
    title: title?.text ?? u.title,
    text: [
      statement?.text ?? u.statement,
      ...said.map((x) => `**${x.title?.text ?? ''}**: ${x.statement?.text ?? ''}`),
      note ? `_${note}_` : '',
    ].filter(Boolean).join('\n\n'),
    // Where one would look for it: the honest answer cites the silent documents (and the sources of what it shows).
    sources: [...u.expectedIn, ...known.flatMap((f) => f.sources)],
  });
}

/** "Hvilke indsatser har Æ45?": the lines whose label carries a budget reference, and that the sources do not explain it. */
export function budgetRefAnswer(ctx: ComposeContext, ref: string): Answer | undefined {
  const lines = ctx.kb.initiatives.filter((i) => i.budgetRefs.includes(ref));
  if (lines.length === 0) return undefined;
  const unexplained = ctx.kb.unknowns.find((u) => u.id === 'unknown-ae-numre');
  const statement = unexplained && prose(unexplained, 'statement', ctx.lang);
  const note = languageNote(ctx.lang, [statement]);
  return finish(ctx, {
    title: t(ctx, `Indsatser med ${ref}`, `Initiatives with ${ref}`),
    text: [
      t(ctx, `${lines.length} linjer i budgettabellen har ${ref} i betegnelsen:`, `${lines.length} lines of the budget table have ${ref} in their label:`),
      bullets(lines.map((i) => i.tableLabel)),
      statement?.text ?? '',
      note ? `_${note}_` : '',
    ].filter(Boolean).join('\n\n'),
    sources: ctx.kb.budgetPackage.sources,
  });
}

/** A budget reference such as "Æ45" in a question (folded: "ae45"). */
export function budgetRefIn(question: string): string | undefined {
  const m = fold(question).match(/\bae ?(\d{2})\b/);
  return m ? `Æ${m[1]}` : undefined;
}

/** The searchable text of the documents, facts and unknowns. */
export function recordDocuments(kb: KnowledgeBase): IndexEntry[] {
  const personName = (id: string) => kb.people.find((p) => p.id === id)?.name ?? '';
  const docs: IndexEntry[] = [];
  for (const s of kb.sources)
    docs.push({
      id: s.id,
      type: 'source',
      // The names of the document's parts, so that "indstillingen", "beslutningen" or "sagsnummeret" find it.
      names: [s.title, ...s.aliases, ...partNames(s)],
      text: [
        s.addressee,
        s.sender,
        s.letterhead,
        s.caseNumber,
        s.documentNumber,
        s.caseOfficer && personName(s.caseOfficer),
        ...s.signatories.map(personName),
        ...s.attendees.map(personName),
        s.meeting && [s.meeting.place, s.meeting.time].join(' '),
        s.summary,
        s.recommendation,
        s.decision,
        s.economy,
        s.furtherProcess,
        ...s.attachments.map((a) => `${a.title ?? ''} ${a.text}`),
      ]
        .filter((x): x is string => typeof x === 'string' && x.length > 0),
      questions: [],
    });
  for (const f of kb.facts) docs.push({ id: f.id, type: 'fact', names: [searchName(f.title), ...f.aliases], text: [f.statement, ...f.items], questions: [] });
  for (const u of kb.unknowns) docs.push({ id: u.id, type: 'unknown', names: [searchName(u.title), ...u.aliases], text: [u.statement], questions: [] });
  return docs;
}

/**
 * A title as a name to search by: without the question word it may start with ("Hvem foreslog …",
 * "Hvilken forvaltning …"), which every question shares and which names nothing.
 */
function searchName(title: string): string {
  return title.replace(/^(hvad|hvem|hvor|hvilke|hvilken|hvilket|hvorfor|hvordan|om)\s+/i, '');
}

/** What a document's parts are called, for the parts it has. */
function partNames(s: Source): string[] {
  const parts: [unknown, string][] = [
    [s.caseNumber, 'sagsnummer sagsnr case number'],
    [s.documentNumber, 'dokumentnummer document number'],
    [s.caseOfficer, 'sagsbehandler case officer'],
    [s.signatories.length, 'underskrivere underskrift signatories'],
    [s.attendees.length, 'deltagere deltog attendees'],
    [s.meeting, 'mødested mødetidspunkt meeting'],
    [s.recommendation, 'indstilling indstiller recommendation'],
    [s.decision, 'beslutning decision'],
    [s.economy, 'økonomiske konsekvenser economic consequences'],
    [s.furtherProcess, 'videre proces further process'],
    [s.attachments.length, 'bilag attachments'],
    [s.sender ?? s.letterhead, 'afsender skrevet af brevhoved sender written by letterhead'],
    [s.addressee, 'modtager addressee'],
  ];
  return parts.filter(([has]) => has).map(([, name]) => name);
}

/** The label a "Mente du …?" suggestion shows for a document, fact or unknown. */
export function recordLabel(kb: KnowledgeBase, id: string): string | undefined {
  const r = kb.byId.get(id);
  if (r?.type === 'source' || r?.type === 'fact' || r?.type === 'unknown') return r.record.title;
  return undefined;
}
