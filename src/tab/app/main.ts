/// <reference lib="dom" />
// The personal tab's entry point: find out where it runs (Teams or a browser),
// apply the theme, fetch the pages' data in the reader's language and show the
// page the address names (#initiatives, …). Bundled by src/tab/build-tab.mjs.
import type { TabData } from '../tab-model';
import { h } from './dom';
import { detectHost, type Theme } from './host';
import { PAGE_IDS, renderPage, type PageId } from './pages';

function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

function pageFromHash(): PageId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return PAGE_IDS.find((p) => p === id) ?? 'principles';
}

function show(data: TabData, id: PageId, focus: boolean): void {
  for (const p of PAGE_IDS) {
    const section = document.getElementById(`page-${p}`);
    if (section) section.hidden = p !== id;
    const link = document.querySelector(`a[data-page="${p}"]`);
    if (p === id) link?.setAttribute('aria-current', 'page');
    else link?.removeAttribute('aria-current');
  }
  document.title = `${data.pages[id].title} – ${data.title}`;
  if (focus) document.getElementById(`title-${id}`)?.focus();
}

function render(root: HTMLElement, data: TabData): void {
  document.documentElement.lang = data.lang;
  const nav = h(
    'nav',
    { 'aria-label': data.labels.navigation },
    h('ul', { class: 'tabs' }, PAGE_IDS.map((id) => h('li', {}, h('a', { href: `#${id}`, 'data-page': id }, data.pages[id].title)))),
  );
  root.replaceChildren(
    h('header', { class: 'top' }, h('h1', {}, data.title), nav),
    h('main', { id: 'main' }, PAGE_IDS.map((id) => renderPage(data, id))),
    h('footer', { class: 'muted small' }, data.labels.footer),
  );
  show(data, pageFromHash(), false);
  window.addEventListener('hashchange', () => show(data, pageFromHash(), true));
}

async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) throw new Error('index.html has no #app element');
  try {
    const host = await detectHost();
    applyTheme(host.theme);
    host.onThemeChange(applyTheme);
    const response = await fetch(`/tab/data.json?lang=${host.lang}`, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`data.json answered ${response.status}`);
    render(root, (await response.json()) as TabData);
    document.body.dataset.ready = 'true';
    host.loaded();
  } catch (err) {
    // The page's one error boundary: say so on the page, keep the detail in the console.
    console.error('sikker-by tab failed', err);
    root.replaceChildren(h('p', { class: 'warning', role: 'alert' }, 'Siden kunne ikke indlæses. / The page could not be loaded.'));
  }
}

void start();
