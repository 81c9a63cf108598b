// Approving a suggestion writes it into knowledge/expert-answers.yaml: a new
// question–answer entry, or another way of asking for an existing record. The
// new text is checked by the same builder as every other edit (schema and
// consistency, the whole folder) before it is written, so an approval can
// never leave the folder invalid; then the file is replaced in one rename and
// the knowledge base reloaded, which is what makes the bot answer from it.
//
// Writes are queued within the process. Several instances must share one
// knowledge folder for all of them to answer from an approval; across them,
// the read, change and rename of the file happen under a lock file in the
// folder (created exclusively), so two instances approving at the same instant
// keep both entries.
import { open, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { localDate } from '../kernel/dates';
import type { Lang } from '../kernel/lang';
import { buildKnowledgeBase } from '../knowledge/knowledge-base';
import type { ReloadResult } from '../knowledge/live';
import { readKnowledgeTexts } from '../knowledge/load';
import { formatProblem } from '../knowledge/problems';
import type { AlternateQuestion, ExpertAnswer, KnowledgeFileName } from '../knowledge/schema';
import type { Person, Suggestion } from '../storage/expert-store';
import type { ApproveIntoKnowledge } from './loop';

const FILE: KnowledgeFileName = 'expert-answers.yaml';

export interface KnowledgeFileOptions {
  readonly dir: string;
  readonly timeZone: string;
  /** The live knowledge base's reload (src/knowledge/live.ts). */
  readonly reload: () => Promise<ReloadResult>;
}

/** The id an approved suggestion gets in the knowledge base. */
function expertAnswerId(suggestion: Pick<Suggestion, 'id'>): string {
  return `ekspert-${suggestion.id}`;
}

export function knowledgeFileApprover({ dir, timeZone, reload }: KnowledgeFileOptions): ApproveIntoKnowledge {
  let queue: Promise<unknown> = Promise.resolve();
  const approve: ApproveIntoKnowledge = async (suggestion, lang, approver, at) => {
    const written = await withFolderLock(path.join(dir, `.${FILE}.lock`), async () => {
      // Read under the lock: what another instance wrote a moment ago is in it.
      const { texts, sourceFiles } = await readKnowledgeTexts(dir);
      const changed = withEntry(texts[FILE] ?? '', suggestion, lang, approver, localDate(at, timeZone), timeZone);
      if (!changed.ok) return changed;
      const built = buildKnowledgeBase({ ...texts, [FILE]: changed.text }, sourceFiles);
      if (!built.ok) return { ok: false as const, problems: built.problems.map(formatProblem) };
      const temporary = path.join(dir, `.${FILE}.${process.pid}.tmp`);
      await writeFile(temporary, changed.text, 'utf8');
      await rename(temporary, path.join(dir, FILE));
      return changed;
    });
    if (!written.ok) return written;
    const changed = written;
    const reloaded = await reload();
    if (!reloaded.ok) return { ok: false, problems: [`${FILE} was written, but the reload failed:`, ...reloaded.problems] };
    return { ok: true, entryId: changed.entryId, version: reloaded.kb.version };
  };
  return (...args) => {
    const run = queue.then(() => approve(...args));
    queue = run.catch(() => undefined);
    return run;
  };
}

type Changed = { ok: true; text: string; entryId: string } | { ok: false; problems: string[] };

/** How long an approval waits for another instance's write, and when a lock counts as left by a process that died. */
const LOCK_WAIT_MS = 15_000;
const STALE_LOCK_MS = 60_000;

/**
 * Runs `work` holding `lock`, a file created exclusively (O_EXCL, which a
 * shared folder honours too). Another instance's lock is waited for; one older
 * than STALE_LOCK_MS was left by a process that died while writing, and is
 * taken over. A write takes well under a second, so neither wait is long.
 */
async function withFolderLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(`${process.pid}\n`).finally(() => handle.close());
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) {
        await rm(lock, { force: true });
        continue;
      }
      if (Date.now() - started > LOCK_WAIT_MS) throw new Error(`another instance is writing ${FILE} (its lock ${path.basename(lock)} is ${Math.round(age / 1000)} s old); try again in a moment`, { cause: err });
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 30)));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}

/** The file's text with the suggestion added; comments and the other entries stay as they were. */
function withEntry(text: string, s: Suggestion, lang: Lang, approver: Person, today: string, timeZone: string): Changed {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { ok: false, problems: [`${FILE} is not valid YAML: ${doc.errors[0]?.message ?? 'expected a mapping'}`] };
  const key = s.kind === 'alternate' ? 'alternateQuestions' : 'expertAnswers';
  const list = doc.get(key);
  if (!isSeq(list)) return { ok: false, problems: [`${FILE} ${key}: expected a list`] };
  let entry: ExpertAnswer | AlternateQuestion;
  let entryId: string;
  if (s.kind === 'alternate' && s.recordId !== undefined) {
    entryId = s.recordId;
    entry = { record: s.recordId, question: s.question, approved: today, approvedBy: approver.name };
  } else {
    entryId = expertAnswerId(s);
    const taken = list.items.some((item) => isMap(item) && item.get('id') === entryId);
    if (taken) return { ok: false, problems: [`${FILE} expertAnswers: already holds an entry with the id "${entryId}"`] };
    entry = { id: entryId, question: s.question, alternates: [], answer: s.answer, lang, answered: localDate(s.answeredAt, timeZone), answeredBy: s.answeredBy.name, approved: today, approvedBy: approver.name };
  }
  // A block list reads better than the "[]" an empty file starts with.
  list.flow = false;
  list.add(doc.createNode(entry));
  return { ok: true, text: doc.toString(), entryId };
}
