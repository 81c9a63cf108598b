#!/usr/bin/env node
// `npm run playground`: the bot (embedded defaults, authentication off) and
// Microsoft 365 Agents Playground, a local Teams-like client, side by side.
// Open the printed address in a browser and talk to the bot as in Teams.
//
// The playground is started the safe way (see README): its telemetry switched
// off, no browser launched, and the loopback guard preloaded, because it tries
// to reach the internet and a cloud metadata address even with --dt. It writes
// its log to devTools/ (ignored by git).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const guard = path.join(root, 'tools', 'loopback-only.cjs');
const botPort = process.env.PORT || '3978';
const playgroundPort = process.env.PLAYGROUND_PORT || '56150';

const children = [];
function start(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    console.error(`${name} stopped (${signal ?? code}); stopping the rest.`);
    stopAll(code ?? 1);
  });
  children.push(child);
  return child;
}

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

// The bot without credentials: authentication is off, as the playground signs nothing.
// --no-next-steps: the bot's own "what next" lines would point here.
start('the bot', ['--require', guard, path.join(root, 'dist', 'main.js'), '--no-next-steps'], {
  PORT: botPort,
  HOST: '127.0.0.1',
  MicrosoftAppId: '',
  MicrosoftAppPassword: '',
});

start(
  'the playground',
  [
    '--require',
    guard,
    path.join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
    '-e',
    `http://127.0.0.1:${botPort}/api/messages`,
    '-c',
    'msteams',
    '--dt',
    '-p',
    playgroundPort,
  ],
  { TEAMSAPPTESTER_BROWSER: 'none', APPLICATION_INSIGHTS_NO_STATSBEAT: 'true' },
);

console.log(`\nPlayground: open http://127.0.0.1:${playgroundPort} in a browser (Ctrl+C stops both).\n`);
