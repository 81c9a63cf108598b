// `npm run bench`: drives POST /api/messages of the built assistant, on each SDK
// edge (botbuilder and the Microsoft 365 Agents SDK, BOT_SDK), and of a bare
// botbuilder echo bot (bench/echo-bot.mjs, same restify + CloudAdapter stack;
// once replying with text, once with a typical answer card) with autocannon,
// all replying to a stand-in Bot Connector on 127.0.0.1. Prints requests/s and
// latency for each, each bot's CPU time per request (from /proc), and the
// assistant's start-up time to ready. Figures, not assertions: the machine is
// shared and noisy, so rounds alternate between the bots and medians are reported.
//
//   npm run bench -- [--edge both|botbuilder|agents] [--connections 10] [--duration 10] [--rounds 3]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../src/answering/engine';
import { renderAnswerCard } from '../src/cards/render';
import { loadKnowledgeBase } from '../src/knowledge/load';
import { cpuMs, drive as driveWith, median, root, startBot, startConnector, stop, type Figures, type Started } from './support';

const EDGES = ['botbuilder', 'agents'] as const;
type Edge = (typeof EDGES)[number];

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    edge: { type: 'string', default: 'both' },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const rounds = Number(values.rounds);
const edges = (values.edge === 'both' ? ['botbuilder', 'agents'] : [values.edge]) as Edge[];
if (!edges.every((edge) => (EDGES as readonly string[]).includes(edge))) throw new Error(`--edge: both, ${EDGES.join(' or ')}`);
const drive = (url: string, serviceUrl: string, seconds: number) => driveWith(url, serviceUrl, seconds, connections);


type Bot = 'echo' | 'echo-card' | `assistant-${Edge}`;

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
  const assistant = (edge: Edge, database: string) => startBot([path.join(root, 'dist', 'main.js')], { BOT_SDK: edge, SQLITE_PATH: path.join(dir, database) });
  const startups = new Map<Edge, number[]>(edges.map((edge) => [edge, []]));
  for (let i = 0; i < 3; i++) {
    for (const edge of edges) {
      const probe = await assistant(edge, `startup-${edge}-${i}.sqlite`);
      startups.get(edge)!.push(probe.startupMs);
      await stop(probe.child);
    }
  }
  const bots = new Map<Bot, Started>([
    ['echo', await startBot([path.join(root, 'bench', 'echo-bot.mjs')], {})],
    ['echo-card', await startBot([path.join(root, 'bench', 'echo-bot.mjs')], { ECHO_CARD: cardFile })],
  ]);
  for (const edge of edges) bots.set(`assistant-${edge}`, await assistant(edge, `bench-${edge}.sqlite`));
  const names = [...bots.keys()];
  const runs = new Map<Bot, (Figures & { cpuUs: number })[]>(names.map((name) => [name, []]));
  /** One round: the figures, and the bot's CPU time per activity the connector received. */
  const round = async (name: Bot) => {
    const bot = bots.get(name)!;
    const pid = bot.child.pid!;
    const [cpuBefore, before] = [cpuMs(pid), await connector.received()];
    const figures = await drive(bot.url, connector.url, duration);
    const replies = (await connector.received()) - before;
    return { ...figures, cpuUs: ((cpuMs(pid) - cpuBefore) * 1000) / Math.max(replies, 1) };
  };
  let received: number;
  try {
    // Warm-up: JIT, connection pools, SQLite's page cache.
    for (const name of names) await drive(bots.get(name)!.url, connector.url, 2);
    for (let r = 0; r < rounds; r++) for (const name of names) runs.get(name)!.push(await round(name));
    received = await connector.received();
  } finally {
    await Promise.all(names.map((name) => stop(bots.get(name)!.child)));
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const summary = (name: Bot) => {
    const f = runs.get(name)!;
    return {
      cpuUs: median(f.map((x) => x.cpuUs)),
      rps: median(f.map((x) => x.rps)),
      p50: median(f.map((x) => x.p50)),
      p99: median(f.map((x) => x.p99)),
      errors: f.reduce((sum, x) => sum + x.errors, 0),
    };
  };
  const [e, c] = [summary('echo'), summary('echo-card')];
  const row = (name: string, f: Figures & { cpuUs: number }) =>
    `${name.padEnd(20)} ${f.rps.toFixed(0).padStart(8)} ${`${f.p50} ms`.padStart(9)} ${`${f.p99} ms`.padStart(9)} ${String(f.errors).padStart(7)} ${`${f.cpuUs.toFixed(0)} µs`.padStart(12)}`;
  console.log(`\n${connections} connections, ${rounds} rounds of ${duration} s each (medians), replies to a local Bot Connector`);
  console.log(`${'bot'.padEnd(20)} ${'req/s'.padStart(8)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ${'errors'.padStart(7)} ${'CPU/request'.padStart(12)}`);
  console.log(row('echo', e));
  console.log(row('echo-card', c));
  for (const edge of edges) console.log(row(`assistant ${edge}`, summary(`assistant-${edge}`)));
  for (const edge of edges) {
    const a = summary(`assistant-${edge}`);
    const up = startups.get(edge)!;
    console.log(`\n${edge} edge (BOT_SDK=${edge})`);
    console.log(`  throughput ratio assistant/echo: ${(a.rps / e.rps).toFixed(2)} (goal ≥ 0.80)`);
    console.log(`  throughput ratio assistant/echo-card (the same stack sending a typical answer card): ${(a.rps / c.rps).toFixed(2)}`);
    console.log(`  CPU per request, echo/assistant (the ratio the machine's noise disturbs least): ${(e.cpuUs / a.cpuUs).toFixed(2)}`);
    console.log(`  assistant p99: ${a.p99} ms (goal < 50 ms)`);
    console.log(`  assistant start-up to ready: ${up.map((x) => x.toFixed(0)).join(', ')} ms (median ${median(up).toFixed(0)} ms, goal < 2000 ms)`);
  }
  console.log(`activities received by the connector: ${received}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
