// What a person who opens the bot's address in a browser sees: `/` says what
// runs here and links to what can be opened (the tab, the health endpoints, the
// README, served at /README.md), instead of a 404. And the lines `npm start`
// prints once it listens: where, and what to do next. Both are pure text.
import { readFile } from 'node:fs/promises';
import type { Request, Response, Server } from 'restify';
import { describeError, type Logger } from '../log';

export interface HomeOptions {
  /** The README to serve at /README.md. */
  readonly readmePath: string;
  /** Whether the personal tab is served at /tab. */
  readonly tab: boolean;
  /** Whether GET /metrics exists. */
  readonly metrics: boolean;
}

// The same policy as the tab's pages: nothing but this origin, and this page needs not even that.
const HEADERS = {
  'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/** The page at `/`: Danish first, English beside it. */
function homePage({ tab, metrics }: Pick<HomeOptions, 'tab' | 'metrics'>): string {
  const links: [string, string, string][] = [
    ...(tab ? [['/tab', 'Den personlige fane', 'The personal tab'] as [string, string, string]] : []),
    ['/healthz', 'Kører processen? (liveness)', 'Is the process serving? (liveness)'],
    ['/readyz', 'Er vidensbasen indlæst og databasen nået? (readiness)', 'Knowledge loaded and storage reachable? (readiness)'],
    ...(metrics ? [['/metrics', 'Målinger til Prometheus', 'Metrics for Prometheus'] as [string, string, string]] : []),
    ['/README.md', 'README: sådan køres, testes og konfigureres botten', 'README: how to run, test and configure the bot'],
  ];
  return `<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sikker By-assistenten</title></head>
<body>
<h1>Sikker By-assistenten kører</h1>
<p>Dette er botten bag Sikker By-assistenten i Microsoft Teams. Teams taler med den på <code>POST /api/messages</code>; en browser kan åbne siderne herunder.</p>
<p lang="en">This is the bot behind the Sikker By assistant in Microsoft Teams. Teams talks to it at <code>POST /api/messages</code>; a browser can open the pages below.</p>
<ul>
${links.map(([href, da, en]) => `<li><a href="${href}">${href}</a>: ${da} <span lang="en">(${en})</span></li>`).join('\n')}
</ul>
<p>Tal med botten uden Teams: <code>npm run chat</code> (terminalen) eller <code>npm run playground</code> (Microsoft 365 Agents Playground).</p>
<p lang="en">Talk to it without Teams: <code>npm run chat</code> (the terminal) or <code>npm run playground</code> (Microsoft 365 Agents Playground).</p>
</body>
</html>
`;
}

export function registerHome(server: Server, options: HomeOptions, log: Logger): void {
  const page = homePage(options);
  server.get('/', async (_req: Request, res: Response) => {
    res.sendRaw(200, page, { ...HEADERS, 'content-type': 'text/html; charset=utf-8' });
  });
  server.get('/README.md', async (_req: Request, res: Response) => {
    try {
      res.sendRaw(200, await readFile(options.readmePath), { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    } catch (err) {
      log.warn('README unreadable', { path: options.readmePath, ...describeError(err) });
      res.sendRaw(404, 'No README here.\n', { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    }
  });
}

export interface StartupFacts {
  /** Where the server listens, e.g. http://127.0.0.1:3978. */
  readonly url: string;
  readonly auth: boolean;
  readonly tab: boolean;
  readonly storage: string;
}

/** What `npm start` prints once the bot listens: where, and what to do next. */
export function startupMessage({ url, auth, tab, storage }: StartupFacts): string {
  return [
    '',
    `Sikker By assistant listening on ${url}`,
    `  Bot endpoint:  ${url}/api/messages (authentication ${auth ? 'on' : 'off: MicrosoftAppId is empty'}; storage: ${storage})`,
    ...(tab ? [`  Personal tab:  ${url}/tab`] : []),
    `  Overview:      ${url}/ (links to /healthz, /readyz, /metrics and the README)`,
    '',
    'Next:',
    '  npm run chat         talk to it in another terminal (same knowledge and database)',
    '  npm run playground   a Teams-like client in the browser; stop this bot first (Ctrl+C): it starts its own',
    '',
  ].join('\n');
}
