// Coverage: one question per gap of the audit's section B (shared/notes/kb-audit.md),
// in our own words, asked through the engine. Each answer must show the source's
// fact (matched on folded text) and cite the document it comes from. The numbers
// in the names are the audit's item numbers.
import { createEngine } from '../../src/answering/engine';
import type { Answer } from '../../src/answering/answer';
import { evalFold } from '../../src/evaluation/score';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const kb = shippedKnowledgeBase();
const engine = createEngine(kb, 'da');
const TODAY = '2026-12-01';

function seen(a: Answer): string {
  return evalFold([a.title, a.text, ...a.facts.map((f) => `${f.label} ${f.value}`)].join('\n'));
}

/** [audit item, question, what the answer must say (folded), the source file it must cite]. */
const GAPS: readonly (readonly [number, string, RegExp, string])[] = [
  // 000
  [1, 'Hvad var formålet med Sikker By strategien 2018-2021?', /traekker i samme retning/, '000'],
  [2, 'Hvad er formålet med strategien for 2022-2025?', /oplyser ikke et formaal/, '004'],
  [3, 'Hvor kan jeg finde selve strategidokumentet og programmerne?', /nederst paa siden/, '000'],
  [4, 'Hvad bygger strategien 2018-2021 videre på?', /opnaaede erfaringer/, '000'],
  [5, 'Hvorfor arbejder kommunen for koordination og synlighed på det kriminalpræventive område?', /koordination og skabe synlighed/, '000'],
  [6, 'Hvad er Team Sikker Bys telefonnummer?', /oplyser ikke kontaktoplysninger|giver ingen kontaktoplysninger/, '000'],
  // 001
  [8, 'Er strategien stadig dækkende ifølge midtvejsstatussen som helhed?', /generelt er daekkende/, '001'],
  [9, 'Hvilken forvaltning stod bag forslaget om migranter?', /kultur- og fritidsforvaltningen/, '001'],
  [10, 'På hvilke pladser fylder migranterne ude i byen?', /christianshavns torv/, '001'],
  [11, 'Kommer de nye fokusområder med i en fremtidig strategi?', /kommende sikker by strategi/, '001'],
  [12, 'Hvorfor foreslog politiet psykisk syge som fokusområde?', /lokalt og paa landsplan/, '001'],
  [13, 'Hvad er infohuset?', /infohuset/, '001'],
  // 002
  [15, 'Hvem var notatet om Socialforvaltningens aktier stilet til?', /socialudvalget/, '002'],
  [16, 'Hvem tog initiativ til temadagen?', /frank jensen/, '002'],
  [17, 'Hvad var baggrunden for temamødet i 2010?', /banderelaterede konflikter/, '002'],
  [18, 'Hvilke bilag var vedlagt notatet til Socialudvalget?', /indstilling og beslutning er vedlagt/, '002'],
  [19, 'Hvordan var samarbejdet med politiet i 2010?', /taet og forpligtende samarbejde/, '002'],
  [20, 'Hvilke indsatsområder var særligt prioriteret i 2010?', /exit-strategi for nuvaerende og interesserede bandemedlemmer/, '002'],
  [21, 'Hvilke opgaver havde Center for Sikker By?', /sekretariat for sikker by samarbejdet/, '002'],
  [22, 'Havde Socialforvaltningen indstationerede medarbejdere i centret?', /indstationerede medarbejder|samtlige forvaltninger udstationerer/, '00'],
  [23, 'Hvilken oversigt udarbejdede Socialforvaltningen over sine indsatser?', /karakter, maalgruppe, volumen/, '002'],
  [24, 'Sad Socialforvaltningen i styregruppen på direktørniveau?', /styregruppen for sikker by paa direktoerniveau/, '002'],
  [25, 'Hvad hed bilag 1 om de unge over 18?', /oplaeg til en styrket og sammenhaengende indsats/, '002'],
  [26, 'Hvem var formand for +18 projektrådet?', /socialforvaltningen som formand/, '002'],
  [27, 'Hvad er væresteder i +18 indsatsen?', /vaeresteder til maalgruppen/, '002'],
  [28, 'Hvilke indsatsområder skulle bilagene til indstillingen dække?', /fritidsliv med indhold/, '002'],
  [29, 'Hvad skulle der stilles forslag til i bilagene?', /budgetbehov/, '002'],
  [30, 'Blev oplægget om finansiering af nye tiltag færdigt?', /udestaar fortsat/, '002'],
  [31, 'Hvad blev vedlagt som bilag til indstillingen i april 2010?', /forslag til loesning/, '002'],
  // 003
  [33, 'Hvad er sagsnummeret på notatet til Økonomiudvalget?', /2010-19986/, '003'],
  [34, 'Hvad besluttede Økonomiudvalget om rekruttering til bander?', /rekruttering til bander/, '003'],
  [35, 'Hvad var rammerne for indsatsen efter beslutningen i januar 2010?', /oeget fokus paa effektivitet og resultater/, '003'],
  [36, 'Hvad skulle indstillingen til Økonomiudvalget indeholde?', /samlet model for loebende opfoelgning/, '003'],
  [37, 'Hvad er hotspot?', /hotspot/, '003'],
  [38, 'Hvem skulle lave indstillingen til ØU i 2010?', /alle forvaltningerne/, '003'],
  [39, 'Hvilke ugedage var de udstationerede i centret?', /tirsdag og onsdag/, '003'],
  [40, 'Hvor mange timer om ugen var Per Larsen ansat?', /10 timer/, '003'],
  [41, 'Hvilke aktører mødtes Center for Sikker By med?', /aarhus kommune/, '003'],
  [42, 'Hvad er EAN nummeret for Center for Sikker By?', /5798009800077/, '003'],
  [43, 'Hvis brevhoved er notatet fra 1. februar 2010 skrevet på?', /center for sikker by/, '003'],
  // 004
  [45, 'Hvornår på dagen holdt Socialudvalget mødet i marts 2023?', /16:30|16 30/, '004'],
  [46, 'Har sagen til Socialudvalget nogen bilag?', /se alle bilag/, '004'],
  [47, 'Hvad indstillede Socialforvaltningen?', /tager orientering om sikker by-strategien til efterretning/, '004'],
  [48, 'Hvem underskrev sagen til Socialudvalget?', /mikkel boje/, '004'],
  [49, 'Hvem deltog i mødet i Socialudvalget?', /eva stokbro jensen/, '004'],
  [50, 'Hvordan blev strategien 2022-2025 udarbejdet?', /workshops/, '004'],
  [51, 'Hvilke fagprincipper er særligt relevante for Socialforvaltningen?', /fagprincip 4/, '004'],
  [52, 'Hvad står der om handleplaner for unge over 16?', /fyldt 16 aar/, '004'],
  [53, 'Hvorfor skal man bryde smittekæden?', /kriminalitet smitter|kriminalitet "smitter"/, '004'],
  [54, 'Hvorfor kræver lokalområderne samarbejde med andre forvaltninger?', /komplekse problemstillinger/, '004'],
  [55, 'Har Socialforvaltningen brug for nye kriminalpræventive indsatser?', /ikke et behov for at udvikle nye/, '004'],
  [56, 'Beskriver alle fokusområderne bare, hvordan kommunen løser opgaven i dag?', /konstatering af, hvordan kommunen/, '004'],
  [57, 'Hvad er de økonomiske konsekvenser af indstillingen?', /ingen oekonomiske konsekvenser/, '004'],
  [58, 'Hvad er den videre proces for Socialforvaltningen?', /arbejder videre inden for rammerne/, '004'],
  [59, 'Hvad betyder den røde farve i budgettabellen?', /roed markerer udloeb/, '004'],
  [60, 'Hvilke indsatser har Æ45?', /exit kk/, '004'],
];

describe('every gap of the audit, section B, is answerable', () => {
  it.each(GAPS)('%i: %s', (_item, question, expected, file) => {
    const { answer, outcome } = engine.respond({ text: question }, undefined, TODAY);
    expect([question, outcome]).toEqual([question, 'answered']);
    expect(seen(answer)).toMatch(expected);
    expect(answer.citations.map((c) => c.file.slice(0, file.length))).toContain(file);
  });
});

/** [question, what the answer must say (folded)]: each field of a document asked on its own. */
const FIELDS: readonly (readonly [string, RegExp])[] = [
  ['Hvem var til stede under punktet i Socialudvalget?', /anna barbara gregersen/],
  ['Who signed the Social Committee case?', /mikkel boje/],
  ['Hvad er dokumentnummeret på notatet om Center for Sikker By?', /2010-77599/],
  ['Hvem var sagsbehandler på notatet til Økonomiudvalget?', /ingeborg degn/],
  ['Hvad tid startede Socialudvalgets møde den 1. marts 2023?', /16:30|16 30/],
  ['I hvilket lokale holdt Socialudvalget mødet om strategien?', /vaerelse 8/],
  ['What did the Social Services Administration recommend to the Social Committee?', /take note/],
  ['Hvad blev Socialudvalgets beslutning om orienteringen?', /taget til efterretning/],
  ['What are the economic consequences of the case for the Social Committee?', /no economic consequences/],
  ['Hvad sker der videre efter orienteringen af Socialudvalget?', /arbejder videre inden for rammerne/],
  ['Hvilke bilag nævner notatet til Socialudvalget fra 2010?', /bilag 1|oplaeg til en styrket/],
  ['Hvem har skrevet notatet til Økonomiudvalget i 2010?', /brevhoved/],
  ['Hvem er notatet fra 1. februar 2010 stilet til?', /oekonomiudvalget/],
  ['Hvornår er midtvejsstatussen dateret?', /udateret|2024/],
];

describe("each field of a document is answerable on its own", () => {
  it.each(FIELDS)('%s', (question, expected) => {
    const { answer, outcome } = engine.respond({ text: question }, undefined, TODAY);
    expect([question, outcome]).toEqual([question, 'answered']);
    expect(seen(answer)).toMatch(expected);
  });
});
