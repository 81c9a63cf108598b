/// <reference lib="dom" />
// The initiatives table: sortable by every column (buttons in the headers, with
// aria-sort telling screen readers the order) and filterable by administration.
import type { TabPages } from '../tab-model';
import { fill, h } from './dom';

type Page = TabPages['initiatives'];
type Row = Page['rows'][number];
type Direction = 'ascending' | 'descending';

interface Column {
  readonly key: string;
  readonly label: string;
  readonly numeric: boolean;
  readonly value: (row: Row) => string | number | null;
  readonly text: (row: Row) => string;
}

export function initiativesTable(page: Page): HTMLElement {
  const shortOf = new Map(page.administrations.map((a) => [a.id, a.short]));
  const columns: Column[] = [
    { key: 'name', label: page.columns.name, numeric: false, value: (r) => r.name, text: (r) => r.name },
    {
      key: 'administrations',
      label: page.columns.administrations,
      numeric: false,
      value: (r) => r.administrations.map((a) => shortOf.get(a) ?? a).join(', '),
      text: (r) => r.administrations.map((a) => shortOf.get(a) ?? a).join(', '),
    },
    ...page.years.map((year, i) => ({
      key: `year-${year}`,
      label: year,
      numeric: true,
      value: (r: Row) => r.amounts[i] ?? null,
      text: (r: Row) => r.amountTexts[i] ?? '',
    })),
    { key: 'last', label: page.columns.lastFundedYear, numeric: true, value: (r) => r.lastFundedYear, text: (r) => String(r.lastFundedYear) },
    { key: 'permanent', label: page.columns.permanent, numeric: true, value: (r) => r.permanentFunding, text: (r) => r.permanentText },
  ];

  let sortKey: string | undefined;
  let direction: Direction = 'ascending';
  let filter = '';

  const select = h(
    'select',
    { id: 'admin-filter', name: 'administration' },
    h('option', { value: '' }, page.filterAll),
    page.administrations.map((a) => h('option', { value: a.id }, a.short === a.name ? a.name : `${a.name} (${a.short})`)),
  );
  const count = h('p', { class: 'count', role: 'status', 'aria-live': 'polite' });
  const headerCells = columns.map((c) => {
    const button = h('button', { type: 'button', class: 'sort', 'data-sort': c.key, title: fill(page.sortHint, { column: c.label }) }, c.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }));
    button.addEventListener('click', () => {
      direction = sortKey === c.key && direction === 'ascending' ? 'descending' : 'ascending';
      sortKey = c.key;
      render();
    });
    return h('th', { scope: 'col', class: c.numeric ? 'num' : undefined, 'data-key': c.key }, button);
  });
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'data', id: 'initiatives-table' },
    h('caption', { id: 'initiatives-caption' }, `${page.title} (${page.unit})`),
    h('thead', {}, h('tr', {}, headerCells)),
    body,
  );
  select.addEventListener('change', () => {
    filter = select.value;
    render();
  });

  function render(): void {
    const shown = page.rows.filter((r) => filter === '' || r.administrations.includes(filter));
    const column = columns.find((c) => c.key === sortKey);
    if (column) shown.sort((a, b) => compare(column.value(a), column.value(b), direction));
    body.replaceChildren(
      ...shown.map((r) =>
        h(
          'tr',
          { 'data-id': r.id },
          columns.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c.text(r)) : h('td', { class: c.numeric ? 'num' : undefined }, c.text(r)))),
        ),
      ),
    );
    headerCells.forEach((th, i) => {
      const key = columns[i]?.key;
      if (key === sortKey) th.setAttribute('aria-sort', direction);
      else th.removeAttribute('aria-sort');
      const mark = th.querySelector('.sort-mark');
      if (mark) mark.textContent = key === sortKey ? (direction === 'ascending' ? ' ▲' : ' ▼') : '';
    });
    count.textContent = fill(page.shownCount, { shown: shown.length, total: page.rows.length });
  }
  render();

  return h(
    'div',
    { class: 'initiatives' },
    h('div', { class: 'toolbar' }, h('label', { for: 'admin-filter' }, page.filterLabel), select, count),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'initiatives-caption' }, table),
  );
}

/** Empty cells sort last in both directions: they are "no amount", not zero. */
function compare(a: string | number | null, b: string | number | null, direction: Direction): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'da');
  return direction === 'ascending' ? order : -order;
}
