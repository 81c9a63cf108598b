// The durable write queue on a real file: what waits survives a restart, comes back
// with its dates, is made in order, and stays when the store still fails.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from '../../src/log';
import { openWriteQueue, type QueuedWrite } from '../../src/reliability/write-queue';

const logs: string[] = [];
const log: Logger = { info: (m) => logs.push(`info ${m}`), warn: (m) => logs.push(`warn ${m}`), error: (m) => logs.push(`error ${m}`) };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-queue-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const feedback = (n: number): QueuedWrite => ({
  op: 'recordFeedback',
  value: { answerId: `a-${n}`, rating: 'up', question: `spørgsmål ${n}`, answerTitle: 'Titel', at: new Date(Date.UTC(2026, 11, 1, 12, 0, 0, n)) },
});
const unanswered: QueuedWrite = { op: 'recordUnanswered', value: { question: 'hvem?', lang: 'da', outcome: 'fallback', at: new Date(Date.UTC(2026, 11, 1)) } };

it('keeps what waits across a restart, dates included, and makes it in order', async () => {
  const file = path.join(dir, 'sub', 'queue.jsonl');
  const first = await openWriteQueue(file, log);
  await first.add(feedback(1));
  await first.add(unanswered);
  await first.add(feedback(2));
  const second = await openWriteQueue(file, log);
  expect(second.depth()).toBe(3);
  const made: QueuedWrite[] = [];
  expect(await second.drain(async (w) => void made.push(w))).toBe(3);
  expect(made).toEqual([feedback(1), unanswered, feedback(2)]);
  expect(second.depth()).toBe(0);
  expect((await openWriteQueue(file, log)).depth()).toBe(0);
});

it('stops at the first write that fails and keeps it and the rest, on disk too', async () => {
  const file = path.join(dir, 'queue.jsonl');
  const queue = await openWriteQueue(file, log);
  for (const n of [1, 2, 3]) await queue.add(feedback(n));
  let calls = 0;
  await expect(
    queue.drain(async () => {
      if (++calls === 2) throw new Error('store down');
    }),
  ).rejects.toThrow('store down');
  expect(queue.depth()).toBe(2);
  const reopened = await openWriteQueue(file, log);
  const made: QueuedWrite[] = [];
  await reopened.drain(async (w) => void made.push(w));
  expect(made).toEqual([feedback(2), feedback(3)]);
});

it('a write added while a drain runs is kept once: in memory and in the file', async () => {
  const file = path.join(dir, 'queue.jsonl');
  const queue = await openWriteQueue(file, log);
  await queue.add(feedback(1));
  let added = false;
  await expect(
    queue.drain(async (w) => {
      if (!added) {
        added = true;
        await queue.add(feedback(2));
        return;
      }
      expect(w).toEqual(feedback(2));
      throw new Error('store down again');
    }),
  ).rejects.toThrow('store down again');
  expect(queue.depth()).toBe(1);
  // Let the queued file work finish (the append behind the rewrite is skipped).
  await queue.add(feedback(3));
  expect(readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { value: { answerId: string } }).value.answerId)).toEqual(['a-2', 'a-3']);
});

it('skips a line that is no queued write, says so, and keeps the rest', async () => {
  const file = path.join(dir, 'queue.jsonl');
  writeFileSync(file, `${JSON.stringify(feedback(1))}\nnot json\n${JSON.stringify({ op: 'dropTable' })}\n`);
  const queue = await openWriteQueue(file, log);
  expect(queue.depth()).toBe(1);
  expect(logs).toContain('error write queue: lines that are no queued write were skipped');
});
