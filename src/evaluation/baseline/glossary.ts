// English words of the field and their Danish counterparts. The knowledge base
// is written in Danish (with English aliases for names only), so an English
// question's content words are put into Danish before searching: "Who
// coordinates Sikker By?" must meet "koordinerer". Words, not questions: this is
// vocabulary of crime prevention and municipal organisation, nothing more.
import { fold } from '../../answering/text';

// Folded English phrase → folded Danish words. Longer phrases are tried first.
const ENGLISH_TO_DANISH: Readonly<Record<string, string>> = {
  // Organisation and governance
  'steering group': 'styregruppen',
  'steering committee': 'styregruppen',
  'working group': 'arbejdsgruppen',
  'city council': 'borgerrepraesentationen',
  'finance committee': 'oekonomiudvalget',
  'economic committee': 'oekonomiudvalget',
  'social committee': 'socialudvalget',
  'finance administration': 'oekonomiforvaltningen',
  'social services administration': 'socialforvaltningen',
  'social services': 'socialforvaltningen',
  'children and youth administration': 'boerne og ungdomsforvaltningen',
  'employment and integration administration': 'beskaeftigelses og integrationsforvaltningen',
  'budget package': 'budgetpakken',
  'deputy director': 'vicedirektoer',
  coordinate: 'koordinerer',
  coordinates: 'koordinerer',
  coordinated: 'koordinerer',
  coordinating: 'koordinerer',
  coordination: 'koordinering',
  cooperate: 'samarbejder',
  cooperates: 'samarbejder',
  cooperation: 'samarbejdet',
  collaborate: 'samarbejder',
  collaborates: 'samarbejder',
  collaboration: 'samarbejdet',
  partnership: 'partnerskab',
  partnerships: 'partnerskaberne',
  administration: 'forvaltning',
  administrations: 'forvaltninger',
  police: 'politi',
  meeting: 'moede',
  // The field
  gang: 'bande',
  gangs: 'bande',
  'gang crime': 'bandekriminalitet',
  biker: 'rocker',
  bikers: 'rocker',
  crime: 'kriminalitet',
  criminality: 'kriminalitet',
  'crime prevention': 'kriminalpraeventiv',
  'crime preventive': 'kriminalpraeventive',
  extremism: 'ekstremisme',
  radicalisation: 'radikalisering',
  radicalization: 'radikalisering',
  safety: 'tryghed',
  safe: 'tryg',
  security: 'sikkerhed',
  children: 'boern',
  youth: 'unge',
  young: 'unge',
  'young people': 'unge',
  nightlife: 'natteliv',
  women: 'kvinder',
  racism: 'racisme',
  discrimination: 'diskrimination',
  'local areas': 'lokalomraader',
  neighbourhoods: 'lokalomraader',
  neighborhoods: 'lokalomraader',
  recruitment: 'rekruttering',
  migrants: 'migranter',
  library: 'bibliotek',
  strategy: 'strategien',
  'mid term': 'midtvejsstatus',
  midterm: 'midtvejsstatus',
  evaluation: 'evaluering',
  goals: 'maalsaetninger',
  objectives: 'maalsaetninger',
};

const PHRASES = Object.keys(ENGLISH_TO_DANISH).sort((a, b) => b.split(' ').length - a.split(' ').length || b.length - a.length);
const PATTERN = new RegExp(`\\b(${PHRASES.map((p) => p.replace(/ /g, '\\s+')).join('|')})\\b`, 'g');

/** The folded text with the English words of the field replaced by their Danish counterparts. */
export function toDanishTerms(folded: string): string {
  return fold(folded).replace(PATTERN, (phrase) => ENGLISH_TO_DANISH[phrase.replace(/\s+/g, ' ')] ?? phrase);
}
