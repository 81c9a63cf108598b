// What a question asks for, apart from what it is about, as one table: the
// question words of Danish and English (folded: "hvornår" is "hvornaar", "å"
// typed as "a" too) → the intents they signal and the type of answer they
// want. A word ending in * matches any ending. These words say what kind of
// answer is wanted, so understand.ts takes them out of the question's topic.
// Rules are tried in order and take their words out as they match, so a
// phrase ("hvilke dage") comes before the words it contains ("hvilke").

import type { Lang } from '../kernel/lang';

export type Intent =
  | 'amount'
  | 'split'
  | 'permanent'
  | 'fundingEnd'
  | 'total'
  | 'list'
  | 'principles'
  | 'focusAreas'
  | 'initiatives'
  | 'deadline'
  | 'count'
  | 'who'
  | 'contact'
  | 'when'
  | 'why'
  | 'current'
  | 'decision'
  | 'midterm'
  | 'newcomer'
  | 'compare'
  | 'most'
  | 'least'
  | 'happened'
  | 'document';

/** The kind of fact an answer must hold: "hvem" wants a person or body, "hvornår" a date. */
export type AnswerType = 'person' | 'date' | 'weekday' | 'time' | 'amount' | 'place' | 'number' | 'count' | 'reason' | 'contrast' | 'name' | 'items';

interface Rule {
  readonly words: readonly string[];
  /** A regular expression (on folded text) where a word list cannot say it. */
  readonly pattern?: string;
  readonly intents?: readonly Intent[];
  readonly answer?: AnswerType;
  /** The words are also the topic ("sagsnummeret"): they stay in the question's content words. */
  readonly topic?: boolean;
  /** The words name a class of records ("indsatser"): a question with one has a topic frame of its own. */
  readonly classNoun?: boolean;
  /**
   * The words ask the assistant to do something (book, hold a meeting, write) or to judge (recommend, find
   * the best, give an opinion), or ask what is still to come (the next meeting, tomorrow): no record of the
   * sources is such an answer, whatever words it shares.
   */
  readonly request?: boolean;
  /**
   * The words say what is asked of a record and find it too ("hvad blev besluttet?"): a question with no other topic
   * word asks it of the previous answer's record.
   */
  readonly asks?: boolean;
  /** The words point from the previous answer's record to its neighbour in their order ("den forrige strategi", "the next one"). */
  readonly step?: -1 | 1;
  /** The words name an earlier strategy than the newest without its years ("den gamle strategi", "the old strategy"). */
  readonly earlier?: boolean;
  /** The words move the previous answer's date or years ("en uge senere", "og året efter?"). */
  readonly shift?: Shift;
  /**
   * The words are question words of this language only: in a Danish question "hold" is a team and "held" is luck,
   * so they stay topic words there.
   */
  readonly lang?: Lang;
}

/** How far a follow-up moves from the previous answer's date or years. */
export interface Shift {
  readonly days?: number;
  readonly months?: number;
  readonly years?: number;
}

/** What the assistant may be asked to do, because it is telling: "kan du fortælle …", "can you explain …". */
const TELLING_DA = '(?:ikke |lige |godt |venligst )*(?:fortael\\w*|forklar\\w*|sige|sig|give|giv|vise|vis|beskrive|beskriv|opsummer\\w*|liste|naevne|naevn|svare|oplyse|finde|find|slaa op|se|hjaelpe|hjaelp|huske|gentage|uddybe|sammenligne|sende mig|send mig|skrive mig)\\b';
const TELLING_EN = '(?:please |just )*(?:tell|explain|say|give|show|describe|summari[sz]e|list|name|answer|find|look up|help|remind|repeat|compare|send me|let me know)\\b';

export const RULES: readonly Rule[] = [
  // Asked to act: "kan du holde et Teams-møde?", "can you book a room?" (a modal question whose verb is not telling).
  { words: [], pattern: `^(?:kan|kunne|vil|ville|gider) du (?!${TELLING_DA})\\w+`, request: true },
  { words: [], pattern: `^(?:can|could|would|will) you (?!${TELLING_EN})\\w+`, request: true },
  // Asked to tell: the request is only the frame of the question ("kan du forklare, hvad SSP+ er?").
  { words: [], pattern: `^(?:kan|kunne|vil|ville|gider) du ${TELLING_DA}(?: mig| os)?(?: lidt)?(?: mere)?(?: om)?` },
  { words: [], pattern: `^(?:can|could|would|will) you ${TELLING_EN}(?: me| us)?(?: a bit| more)*(?: about)?` },
  // Asked what is still to come: the next meeting, tomorrow, this weekend. The sources are documents of the past; the
  // only future they give is their deadlines and recurring reports ("næste gang effektopfølgningen" is yearly), so a
  // meeting asked about next time, or a day ahead, has no record whatever words it shares ("Hvornår mødes X næste gang?").
  {
    words: ['naeste moede', 'kommende moede', 'next meeting', 'upcoming meeting', 'i morgen', 'i overmorgen', 'i aften', 'i weekenden', 'naeste uge', 'tomorrow', 'tonight', 'this weekend', 'next week'],
    pattern: '(?:moedes|modes|meet|meets)\\b.*\\b(?:naeste gang|next time|next)|(?:naeste gang|next time)\\b.*\\b(?:moedes|modes|moede|mode|meet|meets)',
    request: true,
  },
  // Asked to judge: a recommendation, the best of something, an opinion ("den bedste måde at …" asks for a fact).
  {
    // (A recommendation asked of the assistant: "hvad anbefaler du?"; "what did the administration recommend?" asks for a fact.)
    words: ['anbefaler du', 'du anbefale', 'anbefal mig', 'you recommend', 'recommend me', 'god til', 'godt til', 'gode til', 'good for', 'great for', 'synes du', 'mener du', 'tror du', 'do you think', 'your opinion', 'do you like', 'kan du lide'],
    pattern: '^(?:anbefal|recommend)\\b|(?:bedste?|best)(?! (?:maade|made|way))',
    request: true,
  },
  // "Hvilket dokument beskriver X?", "where can I read about X?": the answer is the document that X is found in.
  {
    words: [],
    pattern: '(?:hvilke[tn]?|which|what) (?:dokument\\w*|kilde\\w*|documents?|sources?) (?:beskriver|naevner|omtaler|handler om|fortaeller om|describes?|mentions?|covers?)|hvor kan (?:jeg|man) (?:laese|lase|finde|se) (?:mere )?om|where can (?:i|one) (?:read|find|learn)(?: more)? about',
    intents: ['document'],
  },
  { words: ['hvor mange penge', 'hvor mange kroner', 'hvor mange millioner', 'how much money', 'hvor meget', 'hvad koster', 'koster', 'beloeb*', 'belob*', 'bevilg*', 'faar', 'far', 'how much', 'receive*', 'cost*', 'amount*', 'mio', 'millioner', 'penge*', 'midler', 'midlerne', 'money', 'funding', 'funded', 'get', 'gets', 'afsat', 'set aside', 'allocated', 'earmarked', 'budgeted'], intents: ['amount'], answer: 'amount' },
  // "om året", "per year": how an amount is given, not a topic.
  { words: ['hvert aar', 'hvert ar', 'om aaret', 'om aret', 'pr aar', 'per aar', 'per year', 'a year', 'each year', 'every year', 'yearly', 'annually'] },
  { words: ['fordel*', 'split*', 'andel*', 'deler', 'deles', 'delt', 'delte', 'divided', 'shared', 'share', 'gaar til', 'mellem forvaltning*', 'between administrations', 'between the administrations'], intents: ['split'] },
  // The budget table's footnotes ("*Midlerne er fordelt …") say how a line is split: the footnote is the split.
  { words: ['to stjerner', 'en stjerne', 'one asterisk', 'two asterisks', 'fodnote*', 'stjerne*', 'asterisk*', 'footnote*'], intents: ['split'] },
  { words: ['varig*', 'permanent*'], intents: ['permanent'] },
  { words: ['hvor laenge', 'hvor lange', 'udloeb*', 'udlob*', 'slutter', 'stopper', 'ophoer*', 'how long', 'until when', 'expir*', 'loeber', 'lober', 'loeb ud', 'lob ud', 'runs out', 'run out', 'running out', 'ran out', 'end', 'ends', 'ending', 'last funded', 'sidste aar', 'sidste gang', 'koerer', 'korer', 'til og med', 'frem til', 'until', 'loeber til', 'lober til', 'mister', 'miste', 'lose', 'loses', 'losing', 'lost'], intents: ['fundingEnd'] },
  // "Who is in charge of …", "which administration chaired …", "who is SSP+ run by?": a person or body asked for, as
  // "who" asks for one; the verb names no topic. (After the expiry words, which have taken "runs out" already.)
  // ("What did it lead to?", "what led to …" ask for an outcome: only "led" before another word than "to" asks who.)
  { words: ['in charge of', 'in charge', 'responsible for', 'run by', 'runs', 'led by', 'chair', 'chairs', 'chaired', 'chairing'], pattern: 'led(?! to\\b)', intents: ['who'], answer: 'person', lang: 'en' },
  // "What is Den Korte Snor supposed to do?", "what is the follow-up intended to show?": how the question is put, not
  // what it is about; it asks what the record is for, as its description says. (The verb after it says nothing more.)
  { words: [], pattern: '(?:supposed|meant|intended|expected) to(?: (?:do|achieve|accomplish|show|deliver|provide|ensure|be used for))?', lang: 'en' },
  // "Which principle deals with nightlife?": as "handler om" in Danish, the verb says the rest is the topic.
  { words: ['deals with', 'deal with', 'dealt with', 'dealing with'], lang: 'en' },
  // "den største", "the largest": a ranking of records by amount.
  { words: ['stoerste', 'storste', 'hoejeste', 'hojeste', 'flest', 'mest', 'largest', 'biggest', 'highest', 'most'], intents: ['most'] },
  { words: ['mindste', 'laveste', 'faerrest', 'mindst', 'smallest', 'lowest', 'least', 'fewest'], intents: ['least'] },
  { words: ['i alt', 'samlet', 'samlede', 'total*', 'sum'], intents: ['total'] },
  // ("which days of the week": the whole phrase, so that "week" is not left as a topic.)
  { words: ['hvilke ugedage', 'hvilke dage', 'hvilken dag', 'ugedag*', 'which days of the week', 'what days of the week', 'which day of the week', 'what day of the week', 'days of the week', 'day of the week', 'which days', 'which day', 'what days', 'what day', 'weekday*'], answer: 'weekday' },
  // "Hvilket fagprincip hører det under?", "hvilke indsatser drejer det sig om?": how a record relates to another, no topic.
  // ("Hvilke fokusområder hører til princippet …?", "hvilket princip tilhører det?", "under hvilket princip hører X?" say the same.)
  {
    words: ['under hvilket', 'under hvilken', 'drejer det sig om', 'drejer sig om', 'belongs to', 'belong to', 'falls under', 'under which', 'tilhoerer', 'tilhorer', 'tilhoere', 'tilhore', 'is part of', 'are part of', 'part of'],
    pattern: '(hoerer|horer|falder)( (det|den|de))?( ind)? under|(?:hoerer|horer|falder|ligger)(?= .*\\bunder\\b)|(?<=\\b(?:hoerer|horer|falder|ligger) .*)under|(?<=\\bunder hvilke[tn]? .*)(?:hoerer|horer|falder|ligger)|(?:hoerer|horer)(?: (?:det|den|de))? til|(?:hoerer|horer)(?= .*\\btil$)|(?<=\\b(?:hoerer|horer) .*)til$|belong|belongs|(?<=\\bbelongs? )to',
  },
  // "Hvilket politisk organ …", "which committee …": a body asked for, as "hvem" asks for one; the noun names no topic.
  {
    words: [],
    pattern: '(?:hvilk\\w*|which|what)(?: \\w+)? (?:forsamling\\w*|organ|organer|organet|udvalg|udvalget|myndighed\\w*|instans\\w*|fora|forum|parter|personer|body|bodies|assembly|authority|authorities|committee|committees|council|forums|parties)',
    intents: ['who'],
    answer: 'person',
  },
  // "Hvilken type indsats …", "what kind of …": the kind asked for is the noun that follows.
  { words: ['hvilken type', 'hvilke typer', 'hvilken form for', 'hvilke former for', 'what kind of', 'what kinds of', 'what type of', 'which type of', 'what sort of'] },
  { words: ['hvilke', 'which', 'list*', 'oversigt', 'alle', 'overview', 'naevn'], intents: ['list'] },
  // "den gamle strategi", "de tidligere principper", "the old strategy": an earlier strategy than the newest, named
  // without its years. Only the adjective is taken out; the noun stays a topic. ("den forrige strategi" is a step
  // from the previous answer, below.)
  { words: [], pattern: '(?:gamle|gammel|tidligere|oprindelige|old|older|earlier|former|original)(?= (?:sikker by )?(?:strateg\\w*|princip\\w*))', earlier: true },
  // (The English names of a kind of principle are one class noun, as "fagprincip" is: "subject" names no topic.)
  { words: ['subject principle*', 'basic principle*', 'fundamental principle*', 'princip*', 'fagprincip*', 'grundprincip*', 'principle*'], intents: ['principles'], classNoun: true },
  { words: ['fokusomr*', 'fokus omr*', 'focus area*'], intents: ['focusAreas'], classNoun: true },
  // (A project, not a compound that begins with the word: "projektrådet" is a council, "projektlederen" a person.)
  { words: ['indsats', 'indsatser', 'indsatserne', 'initiativer*', 'initiatives', 'initiative', 'projekt', 'projektet', 'projekter', 'projekterne', 'tilbud'], intents: ['initiatives'], classNoun: true },
  { words: ['naeste frist*', 'kommende frist*', 'next deadline*', 'upcoming deadline*', 'frist*', 'deadline*', 'afrapporter*', 'rapporter*', 'reporting', 'indberet*', 'due', 'senest', 'faerdig', 'faerdigt', 'faerdige', 'no later than'], intents: ['deadline'], classNoun: true },
  // The mid-term status is one record as well as a kind of question: its word stays a topic ("hvornår er midtvejsstatussen dateret?").
  { words: ['midtvej*', 'midterm', 'mid term'], intents: ['midterm'], classNoun: true, topic: true },
  // "the case number of …" asks for a number, not for how many ("number of").
  { words: ['hvor mange', 'antal*', 'how many'], pattern: '(?<!(case|document|phone|telephone|fax|ean|reference) )number of', intents: ['count'], answer: 'count' },
  { words: ['hvem', 'who', 'whom'], intents: ['who'], answer: 'person' },
  // ("hvordan skriver jeg til …", "skriver man til …": writing to someone is contacting them.)
  { words: ['kontakt*', 'contact', 'henvend*', 'skrive til', 'skriver til', 'skriv til', 'skriver jeg til', 'skriver man til', 'spoerge', 'sporge', 'ask', 'talk to', 'speak to', 'get in touch'], intents: ['contact'] },
  // A contact detail names the field the answer must hold, and the record is found by it too ("EAN nummer", "Telefax"
  // stand in the letterhead): the words stay topic words, as "sagsnummer" does. An invoice is sent to an EAN number
  // ("faktura", "fakturere", "invoice": the vocabulary's synonyms of "ean").
  { words: ['e mail*', 'email*', 'mailadresse', 'telefax', 'fax*', 'ean*', 'faktur*', 'e faktur*', 'invoic*'], intents: ['contact'], answer: 'number', topic: true },
  // Ringing someone asks for a phone number ("hvem kan jeg ringe til om …?").
  { words: ['mail', 'telefon*', 'tlf', 'phone', 'ringe', 'ringer', 'ring til', 'ring op'], intents: ['contact'], answer: 'number' },
  // Post is sent to an address ("hvilket postnr. skal jeg skrive, når jeg sender post til …").
  { words: ['postnummer*', 'postnr', 'postcode*', 'post code', 'zip code', 'zipcode', 'etage*', 'which floor', 'what floor', 'post til', 'sende post', 'sender post', 'send post', 'sender jeg post', 'sender man post', 'skal jeg skrive', 'skal man skrive'], intents: ['contact'], answer: 'place' },
  { words: ['hjemmeside*', 'webside*', 'website*', 'web site', 'www'], intents: ['contact'], answer: 'number' },
  { words: ['postal address', 'mailing address', 'post address', 'adresse*', 'address', 'hvor ligger', 'where is', 'located', 'where was', 'where did', 'placeret'], answer: 'place' },
  // "hvor" alone asks for a place; "hvor meget", "hvor mange", "hvor længe" do not. So does "where" ("where and when …").
  { words: ['where'], pattern: 'hvor(?! (meget|mange|laenge|lange|ofte|stor\\w*|langt))', answer: 'place' },
  { words: ['hvornaar', 'hvornar', 'when', 'dato', 'datoer', 'datoerne', 'date', 'dates', 'hvilket aar', 'hvilket ar', 'what year', 'which year'], intents: ['when'], answer: 'date' },
  // "Hvad lød princippet?", "hvordan lyder det præcist?", "the exact wording of …": how a record is worded is its title and
  // text, which its card shows; the words name no topic. (Only "hvad lød" is the verb: "lod" alone is also "let".)
  {
    words: ['lyder', 'lyde', 'ordlyd*', 'ordret', 'ordrette', 'ord for ord', 'formuleret', 'formuleringen', 'praecis', 'praecist', 'praecise', 'eksakt', 'eksakte', 'wording', 'worded', 'phrased', 'verbatim', 'word for word', 'exact', 'exactly', 'precise', 'precisely'],
    pattern: '(?<=\\bhvad )(?:loed|lod)',
  },
  // "Hvad hed …", "what was it called": the answer is a name; the verb names nothing.
  { words: ['hed', 'hedder', 'kaldes', 'kaldet', 'kaldte', 'betegnes', 'called', 'named'], answer: 'name' },
  // "Hvad skulle indstillingen indeholde?", "hvad skulle bilagene stille forslag til?": the answer is the list the
  // source introduces with those words ("Indstillingen skal indeholde:"); the verb is also what the list is found by.
  { words: ['indehold*', 'omfatte*', 'forslag til', 'foresl*', 'fastsaet*', 'fastsat*', 'overvej*', 'contain*', 'include*', 'propos*'], answer: 'items', topic: true },
  // "Hvilken markering har Sjakket?", "which line is marked BCV?": how a line of the table is labelled, not a topic (its label is on its card).
  { words: ['markering', 'markeringen', 'markeret', 'markerede', 'maerket', 'maerkede', 'maerkning', 'marked', 'marking', 'labelled', 'labeled'] },
  // "ifølge citatet", "according to the memo": where the answer is said, not what it is about.
  { words: ['ifoelge', 'ifolge', 'iflg', 'according to', 'citat*', 'quote', 'quoted', 'quotation'] },
  // "På hvilken årstid …", "what time of year": a season is a date's part ("i efteråret"), not a clock time.
  { words: ['aarstid*', 'arstid*', 'hvad tid paa aaret', 'hvad tid pa aret', 'hvilken tid paa aaret', 'time of year', 'season', 'seasons'], intents: ['when'], answer: 'date' },
  { words: ['klokken', 'klokkeslaet*', 'klokkeslat*', 'hvad tid', 'tidspunkt*', 'what time'], answer: 'time' },
  { words: ['nummer*', 'nr', 'number'], answer: 'number' },
  { words: ['sagsn*', 'dokumentn*', 'journaln*'], answer: 'number', topic: true },
  // "Jeg er ny": a newcomer asks what Sikker By is, not about Ny Start.
  { words: ['jeg er ny', 'er ny her', 'ny medarbejder', 'ny i', 'nyansat', 'lige startet', 'lige begyndt', 'netop startet', 'i m new', 'i am new', 'new here', 'new employee', 'new to', 'just started', 'just joined'], intents: ['newcomer'] },
  // Verbs of beginning and ending say when, not what: "da mødet begyndte", "hvornår startede …", "hvornår sluttede
  // programmerne?" ("start" alone is also "Ny Start"; "slutter", "ophører" of funding are its expiry, above).
  { words: ['begynd*', 'begyndt*', 'startede', 'startet', 'began', 'begun', 'started', 'starting', 'start working', 'begin working', 'sluttede', 'afsluttede', 'afsluttet', 'stoppede', 'ended', 'finished', 'stopped'], intents: ['when'] },
  // Verbs that say a body has members, or that something took place: the body or the event is the topic.
  { words: ['sidder i', 'sidder med', 'medlem*', 'member*', 'bestaar af', 'bestar af', 'consists of', 'consist of', 'made up of', 'sits on', 'sit on', 'sits in', 'sit in', 'serves on', 'held', 'take place', 'takes place', 'laa', 'la', 'foregik', 'fandt sted', 'took place'], pattern: '(bestaar|bestar|bestod)( (den|det|de))? af' },
  // Holding or attending a meeting says that it took place: the meeting is the topic, and when or where it was held
  // is asked by "when", "where" ("Why did the Finance Committee hold a theme day …?"). Attending is also the word
  // the sources list who was at a meeting by ("deltog"), so it stays a topic word too ("who attended the meeting?").
  { words: ['hold', 'holds', 'holding'], lang: 'en' },
  { words: ['attend', 'attends', 'attended', 'attending'], lang: 'en', topic: true },
  // A comparison names its two topics; the word itself is frame ("forskellen på Sikker By og SSP").
  { words: ['forskel*', 'difference*', 'differ*', 'sammenlign*', 'compare*'], intents: ['compare'], answer: 'contrast' },
  // "Hvad skete der i 2019?": the answer is an event of the sources' history.
  { words: ['hvad skete', 'skete der', 'what happened', 'happened'], intents: ['happened'] },
  { words: ['hvorfor', 'why', 'begrund*', 'reason*', 'baggrund*'], intents: ['why'], answer: 'reason' },
  { words: ['nuvaerende', 'nuvarende', 'gaeldende', 'galdende', 'aktuelle', 'current*', 'now', 'nu', 'gaelder', 'galder', 'applies', 'apply', 'in force', 'i dag', 'today', 'stadig', 'still'], intents: ['current'] },
  { words: ['vedt*', 'godkend*', 'approv*', 'adopt*', 'besluttede', 'decided', 'decide', 'decides'], intents: ['decision'] },
  // ("Hvad blev besluttet i januar 2010?" finds the decision by the word; "og hvad blev beslutningen?" asks the decision of the meeting just named.)
  { words: ['besluttet', 'besluttes', 'beslutningen'], intents: ['decision'], topic: true, asks: true },
  // A time after or before the previous answer's: "og hvad skete der en uge senere?", "og året efter?". (Last: a phrase
  // that asks something of its own, "næste frist", "næste møde", has taken its words already.)
  { words: ['en uge senere', 'en uge efter', 'ugen efter', 'a week later', 'one week later', 'the week after'], shift: { days: 7 } },
  // ("dagen for", "året for" without the ø are "the day of", "the year of": only "før" says before.)
  { words: ['en uge tidligere', 'en uge foer', 'ugen foer', 'a week earlier', 'a week before', 'the week before'], shift: { days: -7 } },
  { words: ['dagen efter', 'naeste dag', 'dagen derpaa', 'dagen derpa', 'the day after', 'the next day', 'a day later'], shift: { days: 1 } },
  { words: ['dagen foer', 'the day before', 'a day earlier'], shift: { days: -1 } },
  { words: ['en maaned senere', 'en maned senere', 'maaneden efter', 'maneden efter', 'a month later', 'the month after'], shift: { months: 1 } },
  { words: ['en maaned tidligere', 'en maned tidligere', 'maaneden foer', 'a month earlier', 'the month before'], shift: { months: -1 } },
  { words: ['aaret efter', 'aret efter', 'et aar senere', 'et ar senere', 'aaret derpaa', 'aret derpa', 'the year after', 'a year later', 'the following year'], shift: { years: 1 } },
  { words: ['aaret foer', 'et aar tidligere', 'et ar tidligere', 'the year before', 'a year earlier', 'the previous year'], shift: { years: -1 } },
  // What came before or after a period ("hvilken strategi afløste programmerne?"): the verb is frame, the period the topic.
  { words: ['afloeste', 'afloste', 'afloeser', 'afloser', 'erstattede', 'preceded', 'replaced', 'succeeded', 'predecessor', 'successor'] },
  // The record before or after the previous answer's in their order: "den forrige strategi", "og det næste fagprincip?".
  { words: ['forrige', 'foregaaende', 'foregaende', 'previous', 'preceding', 'the one before'], step: -1 },
  // ("næste" is also "kommende", a word of the records: "Kommer migranter med i den næste strategi?" searches it.)
  { words: ['naeste', 'efterfoelgende', 'efterfolgende', 'next', 'following', 'subsequent', 'the one after'], step: 1, topic: true },
];

/** A kind of principle of the strategies (principles.yaml `kind`), apart from plain "princip", which names every kind. */
export type PrincipleKind = 'grundprincip' | 'fagprincip' | 'appendiks';

/**
 * The (folded) words that name a kind of principle, in Danish and English: a question that names one asks for a
 * principle of that kind ("Hvilket fagprincip …", "which subject principle …", "the appendix principle").
 */
export const PRINCIPLE_KIND_WORDS: Readonly<Record<PrincipleKind, readonly string[]>> = {
  fagprincip: ['fagprincip*', 'subject principle*'],
  grundprincip: ['grundprincip*', 'basic principle*', 'fundamental principle*'],
  appendiks: ['appendiks*', 'appendix', 'appendices'],
};

/** What a question asks to compute over the figures of the records (compute.ts): sums, differences, thresholds … */
export type Operation = 'sum' | 'difference' | 'above' | 'atLeast' | 'below' | 'atMost' | 'only' | 'without' | 'latest' | 'earliest' | 'after';

/**
 * Question words (folded, as RULES) → the computation they ask for. An operation is only a reading of the
 * words: compute.ts decides from what else the question holds (two initiatives named, an amount, a year)
 * whether it asks to compute at all ("under" is a threshold only beside an amount).
 */
export const COMPUTATIONS: readonly { readonly op: Operation; readonly words: readonly string[] }[] = [
  { op: 'sum', words: ['i alt', 'tilsammen', 'til sammen', 'sammenlagt', 'samlet', 'samlede', 'summen', 'hele perioden', 'over perioden', 'alle aarene', 'in total', 'in all', 'altogether', 'combined', 'total', 'sum', 'whole period', 'entire period', 'over the period', 'all the years'] },
  { op: 'difference', words: ['forskel*', 'difference*', 'differ*', 'hvor meget mere', 'hvor meget mindre', 'how much more', 'how much less', 'sammenlign*', 'compare*', 'mere end', 'mindre end', 'more than', 'less than'] },
  { op: 'atLeast', words: ['mindst', 'minimum', 'at least', 'or more', 'eller mere', 'eller derover'] },
  { op: 'atMost', words: ['hoejst', 'maksimalt', 'at most', 'or less', 'eller mindre', 'no more than'] },
  { op: 'above', words: ['mere end', 'flere end', 'flere penge end', 'more money than', 'over', 'oever', 'hoejere end', 'stoerre end', 'more than', 'above', 'exceed*', 'higher than', 'larger than', 'greater than'] },
  { op: 'below', words: ['under', 'mindre end', 'faerre penge end', 'mindre penge end', 'less money than', 'lavere end', 'less than', 'below', 'lower than', 'smaller than'] },
  { op: 'only', words: ['kun', 'udelukkende', 'alene', 'only', 'just'] },
  { op: 'without', words: ['uden', 'ingen', 'ikke har', 'har ikke', 'faar ikke', 'far ikke', 'without', 'no', 'not have', 'do not have', 'don t have', 'do not get', 'does not get', 'don t get', 'doesn t get'] },
  { op: 'latest', words: ['sidste til at', 'sidst', 'laengst', 'last to', 'longest', 'latest'] },
  { op: 'earliest', words: ['foerste til at', 'foerst', 'forst', 'tidligst', 'kortest', 'first to', 'earliest', 'soonest', 'shortest'] },
  { op: 'after', words: ['efter', 'senere end', 'after', 'beyond', 'later than'] },
];

/**
 * How a question names a footnote of the budget table by its marker (folded): "fodnoten med én stjerne", "the two
 * asterisks". The footnote is the split of the line whose 2023 cell bears the marker (initiatives.yaml › split.footnote).
 */
export const FOOTNOTE_MARKERS: readonly { readonly marker: string; readonly pattern: RegExp }[] = [
  { marker: '**', pattern: /\b(?:to|two|dobbelte?|double) (?:stjerne\w*|asterisk\w*)/ },
  { marker: '*', pattern: /\b(?:en|one|single|enkelte?) (?:stjerne\w*|asterisk\w*)/ },
];

/**
 * How a question asks for a section of a document by its heading, before the heading's words (folded): "hvad står der
 * under Løsning", "afsnittet Økonomi", "the section Videre proces".
 */
// ("under" alone is also where a record belongs, "hører under Fokus på natteliv": only after "står der" is it a section.)
export const SECTION_BEFORE: readonly string[] = [
  'staar der under', 'star der under', 'stod der under', 'staar under', 'star under', 'skrevet under', 'skriver under', 'under overskriften', 'under afsnittet',
  'afsnittet', 'afsnittet om', 'overskriften', 'the section', 'section', 'the heading', 'heading', 'says under', 'written under',
];

/**
 * Words that ask for a document's headings, its sections listed (folded): "hvilke overskrifter har midtvejsstatus?",
 * "which sections does the 2023 case have?". ("afsnit" is singular too: only after "hvilke" does it ask for the list.)
 */
export const HEADINGS_ASKED: readonly string[] = [
  'overskrifter', 'overskrifterne', 'hvilke afsnit', 'afsnittene', 'mellemrubrikker', 'mellemrubrikkerne', 'kapitler', 'kapitlerne',
  'headings', 'sections', 'chapters', 'subheadings',
];

/**
 * Words that name a plan of dated steps in a document by the heading it stands under (folded): "procesplanen",
 * "the process plan" is the section "Proces", one step a line. ("tidsplan" is not: a plan of times may be of anything.)
 */
export const STEP_PLANS: readonly { readonly words: readonly string[]; readonly heading: string }[] = [
  { words: ['procesplan\\w*', 'plan(?:en)? for processen', 'process plans?', 'plan of the process', 'planned process'], heading: 'Proces' },
];

/**
 * Words that ask what came before or after a thing of a period of its own (folded): "hvad gjaldt inden strategien
 * 2018-2021?", "which strategy replaced the programmes?". The words after them name the thing.
 */
export const PERIOD_NEIGHBOURS: readonly { readonly words: readonly string[]; readonly step: -1 | 1 }[] = [
  { words: ['foer', 'forud for', 'inden', 'before', 'prior to', 'preceded', 'predecessor of'], step: -1 },
  { words: ['efter', 'afloeste', 'afloeser', 'erstattede', 'after', 'followed', 'replaced', 'succeeded', 'successor of'], step: 1 },
];

/**
 * Words after those that make the thing an event rather than the period ("før strategien blev vedtaget", "before it was
 * approved", "efter at den udløber"): what happened before a decision is no other period.
 */
export const PERIOD_EVENT_WORDS = /\b(?:vedt|godkend|approv|adopt|behandl|besluttede|decided|udloeb|expire|startede|started|begyndte|began)\w*/;

/**
 * A contact detail asked for by its name (folded), and what an answer to it shows: the detail itself, or the words of an
 * answer that says the sources give none ("Kilderne giver ingen kontaktoplysninger for …"). ("Hvem kan jeg ringe til
 * om …?" asks for whom to contact, which may be a body without a number.)
 */
export const CONTACT_DETAILS: readonly { readonly asked: RegExp; readonly shown: RegExp }[] = [
  { asked: /\b(?:telefon ?n(?:umme)?r\w*|tlf\w*|(?:tele)?phone ?numbers?)\b/, shown: /\b\d{2} ?\d{2} ?\d{2} ?\d{2}\b|telefon|phone|kontaktoplysning|contact details/ },
  { asked: /\b(?:e ?mail ?adresse\w*|mailadresse\w*|e ?mail address\w*)\b/, shown: /@|mail|kontaktoplysning|contact details/ },
];

/** Words that put a question about amounts in the budget package, when it names neither an initiative nor the class. */
export const BUDGET_WORDS: readonly string[] = ['sikker by penge*', 'sikker by midl*', 'budgetpakke*', 'budgettabel*', 'bevilling*', 'budget package', 'budget table', 'sikker by money', 'sikker by funding'];

/**
 * Words a question about the whole budget table may hold besides what it asks to compute: a computation over
 * every line answers "hvilke indsatser får over 5 mio. kr.?", not "hvilke indsatser for unge får over 5 mio. kr.?".
 */
export const BUDGET_TERMS: readonly string[] = [
  'sikker', 'by', 'kr', 'dkk', 'kroner', 'mio', 'million*', 'finansier*', 'forvaltning*', 'administration*', 'linje*', 'line*', 'row*',
  'tabel*', 'table', 'raekke*', 'budget*', 'pakke*', 'package', 'indsats*', 'initiativ*', 'penge*', 'midl*', 'money', 'funding', 'funded',
  'beloeb*', 'amount*', 'aar', 'aaret', 'aarene', 'year*', 'period*', 'udloeb*', 'expir*', 'aftale*', 'agreement*', 'stammer', 'kommer', 'kom', 'come*', 'strategi*', 'strategy', 'princip*', 'fagprincip*', 'under',
];

/** Words that ask for money rather than for a number of lines ("flest penge" against "flest indsatser"). */
export const MONEY_WORDS: readonly string[] = ['penge*', 'kroner', 'kr', 'beloeb*', 'belob*', 'mio', 'million*', 'midler', 'midlerne', 'money', 'funding', 'dkk', 'amount*'];

/**
 * Words after which the next content word is the thing the answer must show: "hvilket punkt …" (punkt),
 * "hvad hed satspuljen" (satspuljen: its name). Folded as the analyzer folds ("hvilken", not "hvilkèn").
 */
export const FOCUS_BEFORE: readonly string[] = ['hvilken', 'hvilket', 'hvilke', 'which', 'what', 'hed', 'hedder', 'kaldes', 'called', 'named'];

/**
 * Words that go before the noun asked for without being it: "hvilken anden kommune" asks for a kommune,
 * "hvilken politisk forsamling" for a forsamling. Beside these, a word with an adjective's ending (FOCUS_ADJECTIVE).
 */
export const FOCUS_ADJECTIVES: readonly string[] = [
  'anden', 'andet', 'andre', 'ny', 'nyt', 'nye', 'gamle', 'samme', 'naeste', 'sidste', 'foerste', 'forste', 'seneste', 'tidligere',
  'nuvaerende', 'nuvarende', 'eneste', 'oevrige', 'ovrige', 'enkelte', 'store', 'stor', 'lille', 'smaa', 'other', 'new', 'old', 'same', 'next', 'last', 'first', 'current', 'previous', 'only',
];
/** Of those, the words that only say "another one" ("hvilken anden kommune"): they name no topic either. */
export const FOCUS_OTHER: readonly string[] = ['anden', 'andet', 'andre', 'other', 'another'];
export const FOCUS_ADJECTIVE = /^\p{L}{3,}(isk|iske|ige|lige|ske|este|ical|ive)$/u;

/** Words after which the next content word is what the answer must count: "hvor mange ansatte …" (ansatte). */
export const COUNT_BEFORE: readonly string[] = ['mange', 'many', 'antal', 'antallet'];

/** Words that open a question leaning on the previous one: "og i 2026?", "and when does it end?". */
export const CONTINUATIONS: readonly string[] = ['og', 'and', 'hvad med', 'what about', 'how about', 'men', 'but', 'samt', 'ogsaa', 'also'];

/**
 * Words that stand for a person: "hvad var hans tidligere job?" is about the person the previous answer named.
 * (Not "her": in Danish it is "here", "hvad er det her?".)
 */
export const PERSON_PRONOUNS: readonly string[] = ['han', 'hun', 'ham', 'hende', 'hans', 'hendes', 'he', 'she', 'him', 'his', 'hers'];

/** Words that stand for the previous answer's topic: "hvornår udløber den?". */
export const PRONOUNS: readonly string[] = ['det', 'den', 'dens', 'dets', 'denne', 'dette', 'it', 'its', 'they', 'them', 'their', 'deres', 'dem', 'her', 'there', ...PERSON_PRONOUNS];

/**
 * A cleft, "Hvem er det, der står for …", "what is it that …": the pronoun between the verb and the relative word
 * stands for what the rest of the question says, not for the previous answer's topic.
 */
export const CLEFT = {
  verbs: ['er', 'var', 'is', 'was'],
  pronouns: ['det', 'it'],
  relatives: ['der', 'som', 'at', 'that', 'who', 'which'],
} as const;

/** Number words, for "fagprincip nummer to" and "det fjerde fokusområde" (ordinals are matched as words). */
export const NUMBER_WORDS: Readonly<Record<string, string>> = {
  en: '1', et: '1', to: '2', tre: '3', fire: '4', fem: '5', seks: '6', syv: '7',
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7',
};

/** Ordinal words, folded (with the letters typed as "o"/"a" too): "det andet fokusområde", "the third principle". */
export const ORDINAL_WORDS: Readonly<Record<string, number>> = {
  foerste: 1, forste: 1, anden: 2, andet: 2, tredje: 3, fjerde: 4, femte: 5, sjette: 6, syvende: 7,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5,
};

/**
 * The numbered classes of records, by the (folded) nouns that name them: an ordinal or a number
 * beside one of them gives the record's position ("fagprincip nummer 4", "det andet fokusområde").
 */
export const NUMBERED_CLASSES: readonly { readonly of: 'principle' | 'focusArea'; readonly pattern: string }[] = [
  { of: 'focusArea', pattern: 'fokus ?omr\\w*|focus areas?' },
  { of: 'principle', pattern: '\\w*princip\\w*' },
];

/**
 * The classes of records in an order of their own, by the (folded) nouns that name them: "den forrige strategi"
 * steps through the strategies, "det næste fagprincip" through a strategy's principles.
 */
export const ORDERED_CLASSES: readonly { readonly of: 'principle' | 'focusArea' | 'strategy'; readonly pattern: string }[] = [
  ...NUMBERED_CLASSES,
  { of: 'strategy', pattern: 'strateg\\w*' },
];

/**
 * Words for a place counted from the end, folded: "og den sidste?", "the last one", "den næstsidste". On their
 * own they point into the previous answer's list, or its record's order.
 */
export const FROM_END_WORDS: Readonly<Record<string, number>> = { sidste: 1, sidst: 1, last: 1, final: 1, naestsidste: 2, nastsidste: 2, penultimate: 2 };

/** Further words that give a count, beside the digits and NUMBER_WORDS ("otte medarbejdere", "mindst én"). */
export const COUNT_WORDS: readonly string[] = ['otte', 'ni', 'ti', 'elleve', 'tolv', 'tyve', 'hundrede', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'hundred', 'begge', 'both'];

/** A help request, the whole message. */
export const HELP = /^(hjaelp|hjalp|help|hjelp|\?|hvad kan du( goere| gore)?|what can you do|kom i gang)\W*$/;


/**
 * Words for a post that a person holds, folded; a compound that ends in one names one too ("politichef", "vicedirektør",
 * "overborgmester"). "Hvem er direktør i Socialforvaltningen?" asks for the holder of the post, so an answer that does
 * not show the post (the body's own card) does not answer it. ("leder" is left out: it is also the verb "leads".)
 */
export const ROLE_WORDS: readonly string[] = [
  'direktoer', 'direktor', 'chef', 'borgmester', 'raadmand', 'radmand', 'formand', 'formanden', 'lederen', 'raadgiver', 'radgiver',
  'director', 'chief', 'head', 'mayor', 'chairman', 'chairwoman', 'chairperson', 'leader', 'manager', 'adviser', 'advisor', 'commissioner',
];

/**
 * Words written in capitals that fold to a stopword or a pronoun, and the word they are: "IT support" is about
 * information technology, not "it". Matched case-sensitively on the question as typed.
 */
export const CAPITALISED_WORDS: Readonly<Record<string, string>> = { IT: 'informationsteknologi' };

/** A post named as a level ("på direktørniveau", "at director level"): it says how high, not who holds the post. */
export const POST_LEVEL = /\p{L}*niveau\p{L}*|\p{L}+ level\b/giu;
