// What the server needs to serve the personal tab: the pages' data for today in
// a language, and where the build put the page (dist/tab, beside src/ and dist/
// whether the bot runs from the sources or from the build).
import path from 'node:path';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { localDate } from '../kernel/dates';
import type { TabOptions } from '../http/tab-routes';
import { tabData } from './tab-data';

export function tabSite(kb: () => KnowledgeBase, { now, timeZone }: { now: () => Date; timeZone: string }): TabOptions {
  return {
    data: (lang) => tabData(kb(), localDate(now(), timeZone), lang),
    assetsDir: path.resolve(__dirname, '..', '..', 'dist', 'tab'),
  };
}
