// The personal tab's routes: the page, its script and style (built into
// `assetsDir` by src/tab/build-tab.mjs) and its data, all from this server.
// The Content-Security-Policy allows nothing but this origin, and lets only
// Teams' own origins frame the page.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { describeError, type Logger } from '../log';

type TabLang = 'da' | 'en';

export interface TabOptions {
  /** The pages' data in a language (src/tab/tab-data.ts). */
  readonly data: (lang: TabLang) => unknown;
  /** Where the build put index.html, app.js and app.css. */
  readonly assetsDir: string;
}

/** Teams desktop, web and the Microsoft 365 hosts that frame personal tabs. */
const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.skype.com',
];

export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors 'self' ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': TAB_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  '/tab': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/tab/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/tab/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/tab/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  // The privacy and terms pages the Teams manifest links to.
  '/privatliv': { file: 'privatliv.html', type: 'text/html; charset=utf-8' },
  '/vilkaar': { file: 'vilkaar.html', type: 'text/html; charset=utf-8' },
};

export function registerTabRoutes(server: Server, { data, assetsDir }: TabOptions, log: Logger): void {
  for (const [route, asset] of Object.entries(ASSETS)) {
    server.get(route, async (_req: Request, res: Response) => {
      let body: Buffer;
      try {
        body = await readFile(path.join(assetsDir, asset.file));
      } catch (err) {
        log.error('tab asset unreadable', { file: asset.file, assetsDir, ...describeError(err) });
        res.sendRaw(503, 'The tab is not built: run `npm run build`.\n', { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
        return;
      }
      res.sendRaw(200, body, { ...SECURITY_HEADERS, 'content-type': asset.type, 'cache-control': 'no-cache' });
    });
  }

  server.get('/tab/data.json', async (req: Request, res: Response) => {
    const lang = new URL(req.url ?? '/', 'http://tab').searchParams.get('lang') ?? 'da';
    if (lang !== 'da' && lang !== 'en') {
      res.sendRaw(400, JSON.stringify({ error: 'lang must be da or en' }), { ...SECURITY_HEADERS, 'content-type': 'application/json' });
      return;
    }
    try {
      res.sendRaw(200, JSON.stringify(data(lang)), { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
    } catch (err) {
      log.error('tab data failed', describeError(err));
      res.sendRaw(500, JSON.stringify({ error: 'Internal error' }), { ...SECURITY_HEADERS, 'content-type': 'application/json' });
    }
  });
}
