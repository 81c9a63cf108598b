/// <reference lib="dom" />
// The tab's pages, each rendered from its part of data.json. Every page ends
// with the sources of what it shows.
import type { TabData, TabPages, TabSource } from '../tab-model';
import { h, svg } from './dom';
import { initiativesTable } from './initiatives-table';

export type PageId = keyof TabPages;
export const PAGE_IDS: readonly PageId[] = ['principles', 'initiatives', 'funding', 'deadlines', 'contacts'];

export function renderPage(data: TabData, id: PageId): HTMLElement {
  const page = data.pages[id];
  const content =
    id === 'principles' ? principles(data.pages.principles)
    : id === 'initiatives' ? initiativesTable(data.pages.initiatives)
    : id === 'funding' ? funding(data.pages.funding)
    : id === 'deadlines' ? deadlines(data.pages.deadlines)
    : contacts(data.pages.contacts);
  return h(
    'section',
    { id: `page-${id}`, class: 'page', 'aria-labelledby': `title-${id}`, hidden: '' },
    h('h2', { id: `title-${id}`, tabindex: '-1' }, page.title),
    h('p', { class: 'intro' }, page.intro),
    content,
    sources(data.labels.sources, page.sources, id),
  );
}

function sources(heading: string, list: readonly TabSource[], id: PageId): HTMLElement {
  return h(
    'section',
    { class: 'sources', 'aria-labelledby': `sources-${id}` },
    h('h3', { id: `sources-${id}` }, heading),
    h(
      'ul',
      {},
      list.map((s) =>
        h(
          'li',
          {},
          h('span', { class: 'source-title' }, s.title),
          h('span', { class: 'muted' }, ` · ${s.date}`),
          s.ageWarning ? h('span', { class: 'age-warning' }, ` ${s.ageWarning}`) : null,
        ),
      ),
    ),
  );
}

function principles(page: TabPages['principles']): HTMLElement {
  return h(
    'div',
    { class: 'strategies' },
    page.strategies.map((s) =>
      h(
        'section',
        { class: 'strategy', 'aria-labelledby': `strategy-${s.id}` },
        h('h3', { id: `strategy-${s.id}` }, s.name),
        h('p', { class: s.current ? 'badge current' : 'badge' }, s.state),
        h(
          'div',
          { class: 'cards' },
          s.principles.map((p) =>
            h(
              'article',
              { class: 'card principle', 'aria-labelledby': `principle-${p.id}` },
              h('p', { class: 'eyebrow' }, p.label),
              h('h4', { id: `principle-${p.id}` }, p.title),
              h('p', {}, p.summary),
              p.focusAreas.length > 0
                ? h(
                    'ul',
                    { class: 'focus-areas' },
                    p.focusAreas.map((f) =>
                      h(
                        'li',
                        {},
                        h('details', {}, h('summary', {}, f.title), h('p', {}, f.description)),
                        f.note ? h('p', { class: 'note' }, f.note) : null,
                      ),
                    ),
                  )
                : null,
            ),
          ),
        ),
      ),
    ),
  );
}

function funding(page: TabPages['funding']): HTMLElement {
  const width = 640;
  const height = 280;
  const pad = { top: 28, right: 16, bottom: 36, left: 48 };
  const max = Math.max(5, ...page.bars.map((b) => b.amount));
  const top = Math.ceil(max / 5) * 5;
  const plotH = height - pad.top - pad.bottom;
  const slot = (width - pad.left - pad.right) / Math.max(1, page.bars.length);
  const y = (v: number) => pad.top + plotH - (v / top) * plotH;
  const ticks = Array.from({ length: top / 5 + 1 }, (_, i) => i * 5);
  const chart = svg(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'funding-chart-title', class: 'chart' },
    svg('title', { id: 'funding-chart-title' }, `${page.chartLabel}: ${page.bars.map((b) => `${b.year} ${b.amountText}`).join(', ')}`),
    ...ticks.flatMap((v) => [
      svg('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'grid' }),
      svg('text', { x: pad.left - 8, y: y(v) + 4, class: 'tick', 'text-anchor': 'end' }, String(v)),
    ]),
    ...page.bars.flatMap((b, i) => {
      const x = pad.left + i * slot + slot * 0.2;
      const w = slot * 0.6;
      return [
        svg('rect', { x, y: y(b.amount), width: w, height: Math.max(0, y(0) - y(b.amount)), rx: 3, class: b.past ? 'bar past' : 'bar', 'data-year': b.year }),
        svg('text', { x: x + w / 2, y: y(b.amount) - 8, class: 'bar-label', 'text-anchor': 'middle' }, `${b.amountText}${b.note ? ' *' : ''}`),
        svg('text', { x: x + w / 2, y: height - pad.bottom + 22, class: 'tick year', 'text-anchor': 'middle' }, b.year),
      ];
    }),
  );
  const notes = page.bars.filter((b) => b.note);
  return h(
    'div',
    { class: 'funding' },
    h(
      'figure',
      { class: 'card chart-card' },
      chart,
      h(
        'figcaption',
        { class: 'legend' },
        h('span', { class: 'swatch past', 'aria-hidden': 'true' }),
        page.legend.past,
        h('span', { class: 'swatch', 'aria-hidden': 'true' }),
        page.legend.current,
      ),
    ),
    notes.map((b) => h('p', { class: 'note' }, `* ${b.year}: ${b.note}`)),
    h(
      'div',
      { class: 'scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'funding-caption' },
      h(
        'table',
        { class: 'data', id: 'funding-table' },
        h('caption', { id: 'funding-caption' }, page.tableLabel),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, page.columns.year), h('th', { scope: 'col', class: 'num' }, page.columns.amount), h('th', { scope: 'col' }, page.columns.initiatives))),
        h(
          'tbody',
          {},
          page.bars.map((b) => h('tr', {}, h('th', { scope: 'row' }, b.year), h('td', { class: 'num' }, b.amountText), h('td', {}, b.initiatives.join(', ')))),
        ),
      ),
    ),
  );
}

function deadlines(page: TabPages['deadlines']): HTMLElement {
  // Today first, then what is to come, then (under their own heading) what has passed.
  const item = (d: TabPages['deadlines']['items'][number]) =>
    h(
      'li',
      { class: d.past ? 'tl-item past' : 'tl-item', 'data-id': d.id },
      h('time', { datetime: d.due, class: 'tl-date' }, d.dueText),
      h(
        'div',
        { class: 'tl-body' },
        h('p', { class: 'eyebrow' }, [d.kind, d.recurrence].filter(Boolean).join(' · ')),
        h('p', { class: 'tl-title' }, d.title),
        h('p', { class: 'muted small' }, d.basis),
      ),
    );
  const past = page.items.filter((d) => d.past);
  return h(
    'ol',
    { class: 'timeline' },
    h('li', { class: 'tl-today' }, h('span', { class: 'tl-today-label' }, page.todayLabel)),
    page.items.filter((d) => !d.past).map(item),
    past.length > 0 ? h('li', { class: 'tl-past' }, h('span', { class: 'tl-past-label' }, page.pastLabel)) : null,
    past.map(item),
  );
}

function contacts(page: TabPages['contacts']): HTMLElement {
  return h(
    'div',
    { class: 'contacts' },
    h('h3', {}, page.organisationsTitle),
    h(
      'div',
      { class: 'cards' },
      page.organisations.map((o) =>
        h(
          'article',
          { class: o.historical ? 'card org historical' : 'card org', 'aria-labelledby': `org-${o.id}` },
          h('p', { class: 'eyebrow' }, o.kind),
          h('h4', { id: `org-${o.id}` }, o.name),
          o.details.length > 0 ? h('dl', { class: 'details' }, o.details.flatMap((d) => [h('dt', {}, d.label), h('dd', {}, d.value)])) : null,
          o.description ? h('details', { class: 'about' }, h('summary', {}, page.aboutLabel), h('p', {}, o.description)) : null,
          h('p', { class: 'muted small' }, o.asOf),
          o.warning ? h('p', { class: 'warning', role: 'note' }, o.warning) : null,
        ),
      ),
    ),
    h('h3', {}, page.peopleTitle),
    h(
      'div',
      { class: 'cards' },
      page.people.map((p) =>
        h(
          'article',
          { class: p.historical ? 'card person historical' : 'card person', 'aria-labelledby': `person-${p.id}` },
          h('h4', { id: `person-${p.id}` }, p.name),
          h('p', { class: 'eyebrow' }, p.role),
          h('p', {}, p.context),
          h('p', { class: 'muted small' }, p.asOf),
          p.warning ? h('p', { class: 'warning', role: 'note' }, p.warning) : null,
        ),
      ),
    ),
  );
}
