// The engine as it was before issue 11's rebuild (hand-rolled ranker,
// regex intents, glossary in code), kept only so that `npm run eval` can set
// the new engine's figures beside the old ones and a fuse.js-only baseline.
// Not used by the bot.
import type { KnowledgeBase, RecordType } from '../../knowledge/knowledge-base';
import type { Answer } from '../../answering/answer';
import type { Lang } from '../../kernel/lang';
import type { ConversationState, Engine } from '../../answering/engine';
import * as compose from '../../answering/compose';
import { buildFuseSearchIndex } from './fuse-search';
import { buildSearchIndex, documentsOf, type Hit, type SearchIndex } from './search';
import { toDanishTerms } from './glossary';
import { detectLanguage, fold } from '../../answering/text';
import { understand, type Intent, type Understanding } from './understand';
import { fallbackAnswer, helpAnswer, suggestionsAnswer } from '../../answering/messages';
import * as records from '../../answering/records';

/** Below this share of the question's topic words matched, the top hit is a guess, not an answer. */
const MIN_COVERAGE = 0.45;

/** ranker: the word ranker with fuse.js for misspelt names (the bot's); fuse: fuse.js alone (the evaluation's baseline). */
export type Matcher = 'ranker' | 'fuse';

export function createEngine(kb: KnowledgeBase, defaultLang: Lang, matcher: Matcher = 'ranker'): Engine {
  // The records kb added since (documents, facts, unknowns) are indexed here too, so the comparison is of engines, not of knowledge.
  const documents = [...documentsOf(kb), ...records.recordDocuments(kb).map((d) => ({ ...d, text: d.text.join('\n') }))];
  const index: SearchIndex = matcher === 'fuse' ? buildFuseSearchIndex(documents) : buildSearchIndex(documents);
  // "ØU" and "BIF" are how staff write; the records mostly spell the names out.
  const abbreviations = new Map(
    kb.organisations.filter((o) => o.abbreviation).map((o) => [fold(o.abbreviation ?? ''), fold(o.name)] as const),
  );
  const spellOut = (topic: string) => topic.split(' ').map((w) => abbreviations.get(w) ?? w).join(' ');
  const weighing = weigher(kb);

  return {
    help: (lang) => helpAnswer(lang),
    respond(question, state, today) {
      const text = question.text.trim();
      const lang = detectLanguage(text) ?? question.localeLang ?? state?.lang ?? defaultLang;
      const ctx: compose.ComposeContext = { kb, lang, today };
      const u = understand(text);
      if (text === '' || u.intents.has('help')) return { answer: helpAnswer(lang), state: { ...state, lang }, outcome: 'help' };

      // The knowledge base is Danish: an English question searches with the Danish words of the field.
      const searchTopic = spellOut(lang === 'en' ? toDanishTerms(u.topic) : u.topic);
      const hits = index.search(searchTopic, { weigh: weighing(u) });
      const top = hits[0];
      const confident = top !== undefined && top.coverage >= MIN_COVERAGE;

      // A short question that leans on the previous answer ("og i 2026?") keeps its topic.
      const previous = state?.topic;
      const followsUp = previous && (u.leansOnContext || hits.length === 0) && (!confident || isGeneric(hits, u));
      if (followsUp && previous) {
        const merged: Understanding = u.years.length ? u : { ...u, years: previous.years };
        const intents = u.intents.size > 0 ? u : { ...merged, intents: new Set(previous.intents as Intent[]) };
        const answer = answerFor(ctx, { id: previous.id, type: previous.type as RecordType }, intents, hits);
        if (answer) return done(answer, { id: previous.id, type: previous.type, intents: [...intents.intents], years: [...merged.years] }, lang);
      }

      const ref = records.budgetRefIn(text);
      const byRef = ref && records.budgetRefAnswer(ctx, ref);
      if (byRef) return done(byRef, { id: kb.budgetPackage.id, type: 'budgetPackage', intents: [...u.intents], years: [...u.years] }, lang);

      const listed = listAnswer(ctx, u, hits);
      if (listed) return done(listed.answer, listed.topic, lang);

      if (!confident || !top) {
        const near = hits.filter((h) => h.coverage >= 0.3).slice(0, 3);
        if (near.length > 0 && index.unknownWords(searchTopic).length === 0)
          return { answer: suggestionsAnswer(ctx, near.map((h) => suggestionFor(kb, h, lang))), state: { ...state, lang }, outcome: 'suggested' };
        return { answer: fallbackAnswer(lang), state: { ...state, lang }, outcome: 'fallback' };
      }
      const answer = answerFor(ctx, top, u, hits);
      if (!answer) return { answer: fallbackAnswer(lang), state: { ...state, lang }, outcome: 'fallback' };
      return done(answer, { id: top.id, type: top.type, intents: [...u.intents], years: [...u.years] }, lang);
    },
  };

  function done(answer: Answer, topic: NonNullable<ConversationState['topic']>, lang: Lang) {
    return { answer, state: { topic, lang }, outcome: 'answered' as const };
  }
}

/** Which kinds of records an intent points to: "hvem" wants a person, "hvor meget" an initiative. */
function boostFor(u: Understanding): Partial<Record<RecordType, number>> {
  const b: Partial<Record<RecordType, number>> = {};
  if (u.intents.has('who')) b.organisation = 1.2;
  const up = (type: RecordType, f: number) => (b[type] = (b[type] ?? 1) * f);
  if (u.intents.has('amount') || u.intents.has('split') || u.intents.has('permanent') || u.intents.has('fundingEnd')) up('initiative', 1.6);
  if (u.intents.has('who')) up('person', 2);
  if (u.intents.has('when')) up('event', 1.4);
  if (u.intents.has('focusAreas') || u.intents.has('principles')) {
    up('principle', 1.4);
    up('focusArea', 1.2);
  }
  if (u.intents.has('why')) up('focusArea', 1.3);
  if (u.intents.has('deadline')) up('deadline', 1.3);
  if (u.intents.has('contact')) up('organisation', 1.5);
  if (u.intents.has('decision')) up('strategy', 1.3);
  return b;
}

/**
 * How much a record counts for a question, beyond how well its words match:
 * the kinds of records its intents point to (boostFor), and a year or a
 * strategy the question names. The newest strategy's principles win ties with
 * the older strategy's similar ones ("børn og unge" is in both) unless the
 * question names an older year.
 */
function weigher(kb: KnowledgeBase): (u: Understanding) => (id: string, type: RecordType) => number {
  const strategies = new Map(kb.strategies.map((s) => [s.id, s]));
  const events = new Map(kb.events.map((e) => [e.id, { date: e.date, title: fold(e.title) }]));
  const principles = new Map(kb.principles.map((p) => [p.id, p]));
  const newest = [...kb.strategies].sort((a, b) => b.period.from - a.period.from)[0];
  return (u) => {
    const boost = boostFor(u);
    const inYears = (from: number, to: number) => u.years.some((y) => Number(y) >= from && Number(y) <= to);
    const older = kb.strategies.filter((s) => s !== newest && inYears(s.period.from, s.period.to ?? s.period.from));
    const asksFag = /fagprincip/.test(u.folded);
    const weighOf = (id: string, type: RecordType): number => {
      // "Hvornår blev strategien 2018-2021 vedtaget?": the year picks the strategy or the event.
      if (u.years.length > 0 && type === 'strategy') {
        const s = strategies.get(id);
        return s && inYears(s.period.from, s.period.to ?? s.period.from) ? 1.5 : 1;
      }
      if (u.years.length > 0 && type === 'event' && u.intents.has('when')) {
        const e = events.get(id);
        return e && u.years.some((y) => e.date.startsWith(y) || e.title.includes(y)) ? 1.5 : 1;
      }
      if (type !== 'principle') return 1;
      const p = principles.get(id);
      let f = 1;
      if (p && older.length === 0 && p.strategy === newest?.id) f *= 1.25;
      if (p && older.some((s) => s.id === p.strategy)) f *= 1.25;
      if (p && older.length === 0 && p.strategy !== newest?.id) f *= 0.85;
      if (asksFag && p?.kind === 'fagprincip') f *= 1.3;
      return f;
    };
    return (id, type) => (boost[type] ?? 1) * weighOf(id, type);
  };
}

/** A follow-up's own words name nothing specific: "hvor mange fokusområder har det?". */
function isGeneric(hits: readonly Hit[], u: Understanding): boolean {
  const top = hits[0];
  if (!top) return true;
  return top.type === 'term' && (u.intents.has('focusAreas') || u.intents.has('principles') || u.intents.has('count'));
}

/** Questions about many records at once: lists, totals, the next deadlines, the current strategy. */
function listAnswer(ctx: compose.ComposeContext, u: Understanding, hits: readonly Hit[]) {
  const { kb } = ctx;
  const top = hits[0];
  const specific = top && top.coverage >= 0.75 && ['initiative', 'person', 'focusArea', 'plan', 'event'].includes(top.type) ? top : undefined;
  const strategyFor = () => {
    const named = kb.strategies.find((s) => u.years.some((y) => Number(y) >= s.period.from && Number(y) <= (s.period.to ?? s.period.from)));
    return named ?? [...kb.strategies].sort((a, b) => b.period.from - a.period.from)[0];
  };
  const topic = (id: string, type: string) => ({ id, type, intents: [...u.intents], years: [...u.years] });

  const midterm = kb.strategies.find((s) => s.midtermStatus);
  const specificPart = top && top.coverage >= 0.75 && (top.type === 'principle' || top.type === 'focusArea');
  if (midterm && /midtvej|midterm|mid term/.test(u.folded) && !specificPart)
    return { answer: compose.strategyAnswer(ctx, midterm, 'midterm'), topic: topic(midterm.id, 'strategy') };

  if (u.intents.has('current') && /strateg/.test(u.folded)) return { answer: compose.currentStrategyAnswer(ctx), topic: topic('strategy-current', 'strategy') };

  if (u.intents.has('deadline') && !/midtvej|midterm|mid term/.test(u.folded)) {
    const sure = top && top.coverage >= 0.75 ? top : undefined;
    const d =
      sure?.type === 'deadline'
        ? kb.deadlines.find((x) => x.id === sure.id)
        : sure?.type === 'initiative'
          ? kb.deadlines.find((x) => x.kind === 'funding-end' && x.concerns.initiative === sure.id)
          : undefined;
    return d
      ? { answer: compose.deadlineAnswer(ctx, d), topic: topic(d.id, 'deadline') }
      : { answer: compose.deadlinesAnswer(ctx), topic: topic('deadlines', 'deadline') };
  }

  const clear = top && (hits[1] === undefined || top.score >= 1.3 * hits[1].score);
  if (clear && top.coverage >= 0.75 && (top.type === 'fact' || top.type === 'unknown' || top.type === 'source')) return undefined;

  const year = u.years[0];
  const fundingWords = u.intents.has('fundingEnd') || u.intents.has('total');
  if (year && fundingWords && !specific && kb.budgetPackage.years.includes(year)) {
    if (u.intents.has('total') || (u.intents.has('amount') && !u.intents.has('list') && !u.intents.has('initiatives')))
      return { answer: compose.totalsAnswer(ctx, u.years), topic: topic(kb.budgetPackage.id, 'budgetPackage') };
    return { answer: compose.expiringAnswer(ctx, year), topic: topic(kb.budgetPackage.id, 'budgetPackage') };
  }

  const plural = /\b(\w*principper\w*|principles)\b/.test(u.folded);
  if ((u.intents.has('list') || u.intents.has('count') || plural) && u.intents.has('principles') && !u.intents.has('focusAreas')) {
    const fagOnly = top?.type === 'principle' && top.coverage >= 0.75 && !plural && !/\b(fagprincip\w*|grundprincip\w*)\b/.test(u.folded);
    if (!fagOnly) {
      const s = strategyFor();
      if (s) return { answer: compose.principlesOfStrategy(ctx, s), topic: topic(s.id, 'strategy') };
    }
  }

  if ((u.intents.has('list') || u.intents.has('initiatives')) && u.intents.has('initiatives') && !specific) {
    const org = kb.organisations.find(
      (o) => o.kind === 'administration' && ((o.abbreviation !== undefined && new RegExp(`\\b${fold(o.abbreviation)}\\b`).test(u.folded)) || u.folded.includes(fold(o.name))),
    );
    if (org) return { answer: compose.initiativesByAdministration(ctx, org), topic: topic(org.id, 'organisation') };
  }
  return undefined;
}

/** The answer about one record, shaped by what the question asks. */
function answerFor(ctx: compose.ComposeContext, hit: { id: string; type: RecordType }, u: Understanding, hits: readonly Hit[]): Answer | undefined {
  const { kb } = ctx;
  const has = (i: Intent) => u.intents.has(i);
  if (has('contact')) {
    const about = contactTopic(kb, hit);
    if (about) return compose.contactForTopic(ctx, about);
  }
  switch (hit.type) {
    case 'initiative': {
      const i = kb.initiatives.find((x) => x.id === hit.id);
      if (!i) return undefined;
      const focus: compose.InitiativeFocus = has('split')
        ? 'split'
        : has('permanent')
          ? 'permanent'
          : has('fundingEnd')
            ? 'fundingEnd'
            : has('amount') || u.years.length > 0
              ? 'amount'
              : 'overview';
      return compose.initiativeAnswer(ctx, i, focus, u.years);
    }
    case 'principle': {
      const p = kb.principles.find((x) => x.id === hit.id);
      if (!p) return undefined;
      return compose.principleAnswer(ctx, p, has('count') ? 'count' : has('focusAreas') ? 'focusAreas' : 'overview');
    }
    case 'focusArea': {
      const f = kb.focusAreas.find((x) => x.id === hit.id);
      // "Hvilke fokusområder har natteliv-princippet?" names one area but asks for all of its principle's.
      const parent = f && /\b(fokusomraaderne|fokusomraader|focus areas)\b/.test(u.folded) ? kb.principles.find((p) => p.id === f.principle) : undefined;
      if (parent && f?.status === 'in-strategy') return compose.principleAnswer(ctx, parent, has('count') ? 'count' : 'focusAreas');
      return f && compose.focusAreaAnswer(ctx, f);
    }
    case 'strategy': {
      if (hit.id === 'strategy-current') return compose.currentStrategyAnswer(ctx);
      const s = kb.strategies.find((x) => x.id === hit.id);
      if (!s) return undefined;
      if ((has('principles') || has('count')) && !has('focusAreas')) return compose.principlesOfStrategy(ctx, s);
      return compose.strategyAnswer(ctx, s, /midtvej|midterm|mid term/.test(u.folded) ? 'midterm' : has('decision') || has('who') || has('when') ? 'decision' : 'overview');
    }
    case 'organisation': {
      const o = kb.organisations.find((x) => x.id === hit.id);
      if (!o) return undefined;
      if (has('initiatives') && o.kind === 'administration') return compose.initiativesByAdministration(ctx, o);
      return compose.organisationAnswer(ctx, o, has('contact') ? 'contact' : 'overview');
    }
    case 'person': {
      // People mentioned together ("hvem deltog fra …") come as a group of near-equal hits.
      const top = hits.find((h) => h.id === hit.id)?.score ?? 0;
      const group = hits.filter((h) => h.type === 'person' && h.score >= top * 0.9).slice(0, 5);
      const ids = group.length > 0 ? group.map((h) => h.id) : [hit.id];
      return compose.peopleAnswer(ctx, kb.people.filter((p) => ids.includes(p.id)));
    }
    case 'term':
      return compose.termAnswer(ctx, hit.id);
    case 'plan':
      return compose.planAnswer(ctx, hit.id);
    case 'event':
      return compose.eventAnswer(ctx, hit.id);
    case 'deadline': {
      const d = kb.deadlines.find((x) => x.id === hit.id);
      return d && compose.deadlineAnswer(ctx, d);
    }
    case 'budgetPackage':
      return has('total') || u.years.length > 0 ? compose.totalsAnswer(ctx, u.years) : compose.budgetPackageAnswer(ctx);
    case 'source': {
      const s = kb.sources.find((x) => x.id === hit.id);
      return s && records.documentAnswer(ctx, s, u.folded);
    }
    case 'fact': {
      const f = kb.facts.find((x) => x.id === hit.id);
      return f && records.factAnswer(ctx, f);
    }
    case 'unknown': {
      const x = kb.unknowns.find((r) => r.id === hit.id);
      return x && records.unknownAnswer(ctx, x);
    }
  }
}

/** What a "whom do I contact about …" question can be about: the parts of the strategy, not a unit or a person (they have their own answers). */
function contactTopic(kb: KnowledgeBase, hit: { id: string; type: RecordType }) {
  const r = kb.byId.get(hit.id);
  switch (r?.type) {
    case 'initiative':
      return {
        name: r.record.name,
        sources: r.record.sources,
        administrations: r.record.administrations,
        // The old engine showed the Danish note in either language.
        administrationsNote: r.record.administrationsNote === undefined ? undefined : { text: r.record.administrationsNote, translated: false },
      };
    case 'principle':
      return { name: r.record.shortName, sources: r.record.sources };
    case 'focusArea': {
      const parent = kb.principles.find((p) => p.id === r.record.principle);
      return parent ? { name: parent.shortName, sources: [...r.record.sources, ...parent.sources] } : undefined;
    }
    case 'plan':
      return { name: r.record.name, sources: r.record.sources };
    default:
      return undefined;
  }
}

function suggestionFor(kb: KnowledgeBase, hit: Hit, lang: Lang): { label: string; question: string } {
  const r = kb.byId.get(hit.id);
  const name =
    r?.type === 'initiative' || r?.type === 'organisation' || r?.type === 'person' || r?.type === 'plan' || r?.type === 'strategy'
      ? r.record.name
      : r?.type === 'principle'
        ? r.record.shortName
        : r?.type === 'focusArea' || r?.type === 'event' || r?.type === 'deadline'
          ? r.record.title
          : r?.type === 'term'
            ? r.record.term
            : (records.recordLabel(kb, hit.id) ?? hit.id);
  return { label: name, question: lang === 'da' ? `Hvad er ${name}?` : `What is ${name}?` };
}
