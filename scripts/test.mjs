#!/usr/bin/env node
// `npm test`: runs jest with the loopback guard preloaded into this process's
// children (jest, its workers, and every bot process a test starts), so the
// suite can contact nothing but 127.0.0.1. Extra arguments go to jest.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const guard = path.join(root, 'tools', 'loopback-only.cjs');
// Node 20 has its WebSocket client (the playground harness's) behind a flag; later versions have it on.
const websocket = typeof WebSocket === 'undefined' ? '--experimental-websocket' : '';
const nodeOptions = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(guard)}`, websocket].filter(Boolean).join(' ');
const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const result = spawnSync(process.execPath, [jest, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: nodeOptions, LOOPBACK_ONLY: '1' },
});
process.exit(result.status ?? 1);
