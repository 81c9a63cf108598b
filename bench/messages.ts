// `npm run bench`: drives POST /api/messages of the built assistant and of a
// bare botbuilder echo bot (bench/echo-bot.mjs, same restify + CloudAdapter
// stack; once replying with text, once with a typical answer card) with
// autocannon, all replying to a stand-in Bot Connector on 127.0.0.1. Prints
// requests/s and latency for each, each bot's CPU time per request (from
// /proc), and the assistant's start-up time to ready. Figures, not assertions:
// the machine is shared and noisy, so rounds alternate between the bots and
// medians are reported.
//
//   npm run bench -- [--connections 10] [--duration 10] [--rounds 3]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../src/answering/engine';
import { renderAnswerCard } from '../src/cards/render';
import { loadKnowledgeBase } from '../src/knowledge/load';
import { cpuMs, drive as driveWith, median, root, startBot, startConnector, stop, type Figures, type Started } from './support';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const rounds = Number(values.rounds);
const drive = (url: string, serviceUrl: string, seconds: number) => driveWith(url, serviceUrl, seconds, connections);


type Bot = 'echo' | 'echo-card' | 'assistant';

/** A typical answer card (the one for "Hvor meget får Exit KK i 2024?"), for the card-sending echo bot. */
async function typicalCard(file: string): Promise<void> {
  const kb = await loadKnowledgeBase(path.join(root, 'knowledge'));
  const { answer } = createEngine(kb, 'da').respond({ text: 'Hvor meget får Exit KK i 2024?' }, undefined, '2026-11-22');
  writeFileSync(file, JSON.stringify(renderAnswerCard(answer, { answerId: '00000000-0000-4000-8000-000000000000' })));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-bench-'));
  const cardFile = path.join(dir, 'card.json');
  await typicalCard(cardFile);
  const connector = await startConnector();
  const startups: number[] = [];
  for (let i = 0; i < 3; i++) {
    const probe = await startBot([path.join(root, 'dist', 'main.js')], { SQLITE_PATH: path.join(dir, `startup-${i}.sqlite`) });
    startups.push(probe.startupMs);
    await stop(probe.child);
  }
  const bots: Record<Bot, Started> = {
    echo: await startBot([path.join(root, 'bench', 'echo-bot.mjs')], {}),
    'echo-card': await startBot([path.join(root, 'bench', 'echo-bot.mjs')], { ECHO_CARD: cardFile }),
    assistant: await startBot([path.join(root, 'dist', 'main.js')], { SQLITE_PATH: path.join(dir, 'bench.sqlite') }),
  };
  const names = Object.keys(bots) as Bot[];
  const runs: Record<Bot, (Figures & { cpuUs: number })[]> = { echo: [], 'echo-card': [], assistant: [] };
  /** One round: the figures, and the bot's CPU time per activity the connector received. */
  const round = async (name: Bot) => {
    const pid = bots[name].child.pid!;
    const [cpuBefore, before] = [cpuMs(pid), await connector.received()];
    const figures = await drive(bots[name].url, connector.url, duration);
    const replies = (await connector.received()) - before;
    return { ...figures, cpuUs: ((cpuMs(pid) - cpuBefore) * 1000) / Math.max(replies, 1) };
  };
  let received: number;
  try {
    // Warm-up: JIT, connection pools, SQLite's page cache.
    for (const name of names) await drive(bots[name].url, connector.url, 2);
    for (let r = 0; r < rounds; r++) for (const name of names) runs[name].push(await round(name));
    received = await connector.received();
  } finally {
    await Promise.all(names.map((name) => stop(bots[name].child)));
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const summary = (name: Bot) => {
    const f = runs[name];
    return {
      cpuUs: median(f.map((x) => x.cpuUs)),
      rps: median(f.map((x) => x.rps)),
      p50: median(f.map((x) => x.p50)),
      p99: median(f.map((x) => x.p99)),
      errors: f.reduce((sum, x) => sum + x.errors, 0),
    };
  };
  const [e, c, a] = [summary('echo'), summary('echo-card'), summary('assistant')];
  const row = (name: string, f: Figures & { cpuUs: number }) =>
    `${name.padEnd(10)} ${f.rps.toFixed(0).padStart(8)} ${`${f.p50} ms`.padStart(9)} ${`${f.p99} ms`.padStart(9)} ${String(f.errors).padStart(7)} ${`${f.cpuUs.toFixed(0)} µs`.padStart(12)}`;
  console.log(`\n${connections} connections, ${rounds} rounds of ${duration} s each (medians), replies to a local Bot Connector`);
  console.log(`${'bot'.padEnd(10)} ${'req/s'.padStart(8)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ${'errors'.padStart(7)} ${'CPU/request'.padStart(12)}`);
  console.log(row('echo', e));
  console.log(row('echo-card', c));
  console.log(row('assistant', a));
  console.log(`throughput ratio assistant/echo: ${(a.rps / e.rps).toFixed(2)} (goal ≥ 0.80)`);
  console.log(`throughput ratio assistant/echo-card (the same stack sending a typical answer card): ${(a.rps / c.rps).toFixed(2)}`);
  console.log(`CPU per request, echo/assistant (the ratio the machine's noise disturbs least): ${(e.cpuUs / a.cpuUs).toFixed(2)}`);
  console.log(`assistant p99: ${a.p99} ms (goal < 50 ms)`);
  console.log(`assistant start-up to ready: ${startups.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(startups).toFixed(0)} ms, goal < 2000 ms)`);
  console.log(`activities received by the connector: ${received}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
