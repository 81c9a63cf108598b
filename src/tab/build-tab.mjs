#!/usr/bin/env node
// Builds the personal tab into dist/tab/: app.js (the browser code and
// @microsoft/teams-js, bundled by esbuild), app.css and index.html. Everything
// the page needs is served by the bot itself; nothing comes from a CDN.
// Usage: node src/tab/build-tab.mjs [--outdir <dir>]
import { build } from 'esbuild';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const at = process.argv.indexOf('--outdir');
const outdir = at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : path.join(root, 'dist', 'tab');

/**
 * teams-js fetches its list of valid host origins from res.cdn.office.net as soon
 * as it is loaded. The tab must not contact a CDN (and its CSP would refuse it),
 * so the load-time prefetch is removed; teams-js then uses the list it ships with.
 * If a teams-js upgrade changes that file, the build stops here rather than ship
 * a bundle that calls out.
 */
const noOriginPrefetch = {
  name: 'teams-js-no-origin-prefetch',
  setup(b) {
    b.onLoad({ filter: /teams-js[\\/].*[\\/]internal[\\/]validOrigins\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const name = /\b([\w$]+) as prefetchOriginsFromCDN\b/.exec(source)?.[1];
      const call = name && new RegExp(`([;}])${name.replace(/\$/g, '\\$')}\\(\\);(export\\{)`);
      if (!call || !call.test(source))
        throw new Error(`${args.path}: cannot find the load-time call of prefetchOriginsFromCDN; check this build step against the installed @microsoft/teams-js`);
      return { contents: source.replace(call, '$1$2'), loader: 'js' };
    });
  },
};

await mkdir(outdir, { recursive: true });
await build({
  entryPoints: [path.join(here, 'app', 'main.ts')],
  outfile: path.join(outdir, 'app.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [noOriginPrefetch],
});
await build({
  entryPoints: [path.join(here, 'app', 'app.css')],
  outfile: path.join(outdir, 'app.css'),
  bundle: true,
  minify: true,
  logLevel: 'warning',
});
for (const page of ['index.html', 'privatliv.html', 'vilkaar.html']) await copyFile(path.join(here, 'app', page), path.join(outdir, page));
console.log(`tab built into ${path.relative(process.cwd(), outdir) || '.'}`);
