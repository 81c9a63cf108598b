// The onboarding tour's and quiz's card (cards/guide.json): a step, a question
// with its choices as buttons, or the result. Pure.
import type { GuideView } from '../onboarding/tour';
import type { AdaptiveCard, RenderedCard } from '../kernel/card';
import { loadTemplate } from './render';
import { cardText } from './safe-text';

// Stands in for an empty table cell: an empty TextBlock is invalid.
const EMPTY = '–';
const MAX_BUTTONS = 5;

const template = loadTemplate('guide.json');

export function renderGuideCard(view: GuideView): RenderedCard {
  const table = view.table && view.table.rows.length > 0 ? view.table : undefined;
  const width = table ? Math.max(table.columns.length, ...table.rows.map((r) => r.length)) : 0;
  const fill = (cells: readonly string[]) => Array.from({ length: width }, (_, i) => cardText(cells[i]?.trim() ? cells[i]! : EMPTY));
  const data = {
    eyebrow: cardText(view.eyebrow),
    title: cardText(view.title),
    // Markdown by contract (GuideView.text).
    text: view.text.trim(),
    facts: view.facts.map(({ label, value }) => ({ label: cardText(label), value: cardText(value.trim() || EMPTY) })),
    table: table ? { header: fill(table.columns), rows: table.rows.map((r) => ({ cells: fill(r) })) } : null,
    // The date is ours and sits mid-line ("Kilde: …, 7. marts 2023"), where it starts no list.
    citations: view.citations.map(({ title, date }) => ({ title: cardText(title), date })),
    sourceLabel: view.lang === 'da' ? 'Kilde' : 'Source',
    notice: view.notice
      ? { show: true, text: cardText(view.notice.text), color: view.notice.good ? 'Good' : 'Attention' }
      : { show: false, text: '', color: 'Default' },
    buttons: view.buttons.slice(0, MAX_BUTTONS),
  };
  return { card: template.expand({ $root: data }) as AdaptiveCard, summary: view.summary };
}
