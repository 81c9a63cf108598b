// The document probes (tests/answering/fixtures/document-probes.ts), each asked in a conversation of its own.
import { createEngine } from '../../src/answering/engine';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { headedSentencesOf } from '../../src/answering/passages';
import { conversationMisses } from './fixtures/conversation';
import { CONTACT_DETAILS, DOCUMENTS, FOOTNOTES, HEADINGS, SECTIONS, STEP_PLAN } from './fixtures/document-probes';

const engine = createEngine(shippedKnowledgeBase(), 'da');
const today = '2026-12-03';

describe.each([
  ['a footnote of the budget table', FOOTNOTES],
  ['a contact detail asked for by its field', CONTACT_DETAILS],
  ['a section asked for by its heading', SECTIONS],
  ['the headings of a document', HEADINGS],
  ['a step of a plan of steps', STEP_PLAN],
  ['the document that describes something', DOCUMENTS],
] as const)('%s', (_title, probes) => {
  it.each(probes.map((p) => [p.q, p] as const))('%s', (_q, probe) => {
    expect(conversationMisses(engine, [probe], today)).toEqual([]);
  });
});

describe('the heading of a sentence', () => {
  const headings = (text: string) => headedSentencesOf(text).map((s) => [s.heading, s.text]);

  it('is the short line of its own before its section, until the next heading', () => {
    const text = 'Løsning\n\nDer er bred enighed om strategien. Den er dækkende.\n\nProces.\n\n2. februar: ØU orienteres om proces og status.';
    expect(headings(text)).toEqual([
      ['Løsning', 'Løsning Der er bred enighed om strategien.'],
      ['Løsning', 'Den er dækkende.'],
      ['Proces', '2. februar: ØU orienteres om proces og status.'],
    ]);
  });

  it('is no label before its value, and no row of a table', () => {
    expect(headings('Sagsbehandler\n\nIngeborg Degn\n\nDet skete den 1. februar i centret.')).toEqual([
      [undefined, 'Sagsbehandler Ingeborg Degn'],
      [undefined, 'Det skete den 1. februar i centret.'],
    ]);
  });

  it('is, for a footnote under a table, the label of the row whose cell bears its marker', () => {
    const text = 'Sikker By: SSP+ indsats for unge\n\n2,7*\n\n2,7\n\nSikker By indsats mod radikalisering\n\n7,2**\n\n*Midlerne er fordelt 0,7 mio. kr. til SOF\n\n** Midlerne er fordelt 1,9 mio. kr. til SOF';
    expect(headings(text).slice(-2)).toEqual([
      ['Sikker By: SSP+ indsats for unge', '*Midlerne er fordelt 0,7 mio. kr. til SOF'],
      ['Sikker By indsats mod radikalisering', '** Midlerne er fordelt 1,9 mio. kr. til SOF'],
    ]);
  });
});
