// A small durable queue for the writes that must not be lost while the store is
// unavailable (feedback, unanswered questions, answer outcomes, questions for the
// experts, where their cards are and whether their answers arrived): one JSON line per
// write in a local file, kept in memory as well, replayed in order once the store
// answers again. The file survives a restart; a queue that cannot even write its
// file (a full disk) still keeps the writes in memory and says so in the log.
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { describeError, type Logger } from '../log';
import { AnswerOutcome, Delivery, ExpertCardAt, NewExpertQuestion } from '../storage/expert-store';
import { Feedback, UnansweredQuestion } from '../storage/store';

/** A write as it waits: the store method and its one argument. */
export type QueuedWrite =
  | { readonly op: 'recordFeedback'; readonly value: Feedback }
  | { readonly op: 'recordUnanswered'; readonly value: UnansweredQuestion }
  | { readonly op: 'recordAnswerOutcome'; readonly value: AnswerOutcome }
  | { readonly op: 'addExpertQuestion'; readonly value: NewExpertQuestion }
  | { readonly op: 'setExpertCard'; readonly value: { readonly id: number; readonly card: ExpertCardAt } }
  | { readonly op: 'recordExpertDelivery'; readonly value: { readonly id: number; readonly delivery: Delivery } };

// Dates travel as ISO strings in the file and come back as Dates.
const withDate = <T extends z.ZodObject>(schema: T) => schema.extend({ at: z.coerce.date() });
const Line = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('recordFeedback'), value: withDate(Feedback) }),
  z.strictObject({ op: z.literal('recordUnanswered'), value: withDate(UnansweredQuestion) }),
  z.strictObject({ op: z.literal('recordAnswerOutcome'), value: withDate(AnswerOutcome) }),
  z.strictObject({ op: z.literal('addExpertQuestion'), value: NewExpertQuestion.extend({ askedAt: z.coerce.date() }) }),
  z.strictObject({ op: z.literal('setExpertCard'), value: z.strictObject({ id: z.int().positive(), card: ExpertCardAt }) }),
  z.strictObject({ op: z.literal('recordExpertDelivery'), value: z.strictObject({ id: z.int().positive(), delivery: withDate(Delivery) }) }),
]);

export interface WriteQueue {
  /** Keeps a write until `drain` has made it. Never throws for lack of disk: the write then waits in memory. */
  add(write: QueuedWrite): Promise<void>;
  readonly depth: () => number;
  /**
   * Makes the waiting writes in order with `apply`, stopping at the first that fails
   * (the store is still away); what was made leaves the queue and its file.
   */
  drain(apply: (write: QueuedWrite) => Promise<void>): Promise<number>;
}

/** More than a long outage produces; beyond it the oldest waiting writes are dropped, loudly. */
const MAX_WAITING = 100_000;

export async function openWriteQueue(file: string, log: Logger): Promise<WriteQueue> {
  // Each write numbered, so that an append queued behind a rewrite that already wrote it is skipped.
  const waiting: { readonly seq: number; readonly write: QueuedWrite }[] = [];
  let seq = 0;
  let rewrittenUpTo = 0;
  await mkdir(path.dirname(file), { recursive: true });
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = Line.safeParse(safeJson(line));
    if (parsed.success) waiting.push({ seq: ++seq, write: parsed.data as QueuedWrite });
    else unreadable++;
  }
  if (unreadable > 0) log.error('write queue: lines that are no queued write were skipped', { file, lines: unreadable });
  if (waiting.length > 0) log.info('write queue: writes from before the restart are waiting for the store', { depth: waiting.length });

  let draining: Promise<number> | undefined;
  // Appends and rewrites of the file one at a time, so a rewrite never loses an append.
  let fileWork: Promise<void> = Promise.resolve();
  const onFile = (work: () => Promise<void>) => {
    fileWork = fileWork.then(work).catch((err: unknown) => log.error('write queue: could not update its file; the writes wait in memory', { file, ...describeError(err) }));
    return fileWork;
  };
  const rewrite = () =>
    onFile(async () => {
      const upTo = seq;
      const tmp = `${file}.tmp`;
      await writeFile(tmp, waiting.map((w) => JSON.stringify(w.write) + '\n').join(''));
      await rename(tmp, file);
      rewrittenUpTo = upTo;
    });

  return {
    async add(write) {
      const entry = { seq: ++seq, write };
      waiting.push(entry);
      if (waiting.length > MAX_WAITING) {
        waiting.splice(0, waiting.length - MAX_WAITING);
        log.error('write queue: full; the oldest waiting writes were dropped', { max: MAX_WAITING });
        await rewrite();
        return;
      }
      await onFile(async () => {
        if (entry.seq > rewrittenUpTo) await appendFile(file, JSON.stringify(write) + '\n');
      });
    },
    depth: () => waiting.length,
    drain(apply) {
      draining ??= (async () => {
        let made = 0;
        try {
          while (waiting.length > 0) {
            await apply(waiting[0]!.write);
            waiting.shift();
            made++;
          }
        } finally {
          if (made > 0) await rewrite();
          draining = undefined;
        }
        return made;
      })();
      return draining;
    },
  };
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
