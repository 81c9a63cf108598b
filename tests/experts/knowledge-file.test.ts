// Approving into a copy of the shipped knowledge folder: the entry is written,
// checked like every other edit, and the reload answers from it.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { knowledgeFileApprover } from '../../src/experts/knowledge-file';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base';
import { createLiveKnowledge } from '../../src/knowledge/live';
import { loadKnowledgeBase } from '../../src/knowledge/load';
import { formatProblem } from '../../src/knowledge/problems';
import type { Suggestion } from '../../src/storage/expert-store';
import { KNOWLEDGE_DIR, shippedKnowledgeBase, sourceFiles, withEdit } from '../support/knowledge-files';

const admin = { id: 'aad-admin', name: 'Admin Ahmed' };
// 23.30 UTC on 1 December is already 2 December in Copenhagen.
const AT = new Date('2026-12-01T23:30:00Z');
const suggestion = (extra: Partial<Suggestion> = {}): Suggestion => ({
  id: 4,
  questionId: 9,
  kind: 'new',
  question: 'Hvem sidder i styregruppen?',
  answer: 'Direktørerne for de syv forvaltninger.\nformand: ingen # ikke en kommentar\n- heller ikke en liste',
  answeredBy: { id: 'aad-expert', name: 'Anna Dahl' },
  answeredAt: new Date('2026-11-30T10:00:00Z'),
  status: 'approved',
  ...extra,
});

describe('approving a suggestion into the knowledge folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-kb-'));
    cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function approver() {
    const live = createLiveKnowledge({ dir, initial: await loadKnowledgeBase(dir) });
    return { live, approve: knowledgeFileApprover({ dir, timeZone: 'Europe/Copenhagen', reload: live.reload }) };
  }
  const file = () => readFileSync(path.join(dir, 'expert-answers.yaml'), 'utf8');

  it('writes a new entry, keeps the comments, and the reloaded knowledge base holds it', async () => {
    const { live, approve } = await approver();
    const before = live.current().version;
    const result = await approve(suggestion(), 'da', admin, AT);
    expect(result).toEqual({ ok: true, entryId: 'ekspert-4', version: live.current().version });
    expect(live.current().version).not.toBe(before);
    expect(live.current().expertAnswers).toEqual([
      {
        id: 'ekspert-4',
        question: 'Hvem sidder i styregruppen?',
        alternates: [],
        answer: suggestion().answer,
        lang: 'da',
        answered: '2026-11-30',
        answeredBy: 'Anna Dahl',
        approved: '2026-12-02',
        approvedBy: 'Admin Ahmed',
      },
    ]);
    expect(live.current().byId.get('ekspert-4')?.type).toBe('expertAnswer');
    expect(file()).toMatch(/^# Answers from Team Sikker By/);
    expect(parse(file()).expertAnswers[0].answer).toBe(suggestion().answer);
  });

  it('writes an alternate question for the record the expert pointed to', async () => {
    const { live, approve } = await approver();
    const record = live.current().initiatives[0]!.id;
    const result = await approve(suggestion({ kind: 'alternate', recordId: record, question: 'Hvad laver de?' }), 'da', admin, AT);
    expect(result).toMatchObject({ ok: true, entryId: record });
    expect(live.current().alternateQuestions).toEqual([{ record, question: 'Hvad laver de?', approved: '2026-12-02', approvedBy: 'Admin Ahmed' }]);
  });

  it('writes nothing when the result would not pass the checks, and says what is wrong', async () => {
    const { live, approve } = await approver();
    const text = file();
    const result = await approve(suggestion({ kind: 'alternate', recordId: 'findes-ikke' }), 'da', admin, AT);
    expect(result).toEqual({ ok: false, problems: [expect.stringMatching(/^expert-answers\.yaml:\d+ alternateQuestions\[0\]\.record: unknown id "findes-ikke"/)] });
    expect(file()).toBe(text);
    expect(live.current().alternateQuestions).toEqual([]);

    expect(await approve(suggestion(), 'da', admin, AT)).toMatchObject({ ok: true });
    expect(await approve(suggestion(), 'da', admin, AT)).toEqual({ ok: false, problems: ['expert-answers.yaml expertAnswers: already holds an entry with the id "ekspert-4"'] });
    expect(live.current().expertAnswers).toHaveLength(1);
  });

  it('queues approvals that come at once, so none is lost', async () => {
    const { live, approve } = await approver();
    const results = await Promise.all([1, 2, 3].map((id) => approve(suggestion({ id }), 'da', admin, AT)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(live.current().expertAnswers.map((e) => e.id)).toEqual(['ekspert-1', 'ekspert-2', 'ekspert-3']);
  });

  it('loses no approval when two instances on one knowledge folder approve at the same moment', async () => {
    // Two approvers, each with its own queue: as two processes sharing the folder.
    const [one, two] = [await approver(), await approver()];
    const results = await Promise.all([1, 2, 3, 4].map((id) => (id % 2 === 0 ? one : two).approve(suggestion({ id }), 'da', admin, AT)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(parse(file()).expertAnswers.map((e: { id: string }) => e.id).sort()).toEqual(['ekspert-1', 'ekspert-2', 'ekspert-3', 'ekspert-4']);
    expect(readdirSync(dir).filter((f) => f.startsWith('.expert-answers'))).toEqual([]);
  });

  it('takes over the lock of an instance that died holding it', async () => {
    const lock = path.join(dir, '.expert-answers.yaml.lock');
    writeFileSync(lock, '99999\n');
    const longAgo = new Date(Date.now() - 10 * 60_000);
    utimesSync(lock, longAgo, longAgo);
    const { approve } = await approver();
    expect(await approve(suggestion(), 'da', admin, AT)).toMatchObject({ ok: true, entryId: 'ekspert-4' });
    expect(existsSync(lock)).toBe(false);
  });
});

describe('the expert-answers file, checked like the rest', () => {
  const entry = { id: 'ekspert-1', question: 'Hvem?', answer: 'Team Sikker By.', answered: '2026-12-01', answeredBy: 'Anna', approved: '2026-12-01', approvedBy: 'Ahmed' };
  const build = (edit: (data: any) => void) => buildKnowledgeBase(withEdit('expert-answers.yaml', edit), sourceFiles());

  it('accepts an entry and fills its defaults', () => {
    const result = build((d) => d.expertAnswers.push(entry));
    expect(result.ok && result.kb.expertAnswers).toEqual([{ ...entry, alternates: [], lang: 'da' }]);
  });

  it('names the file, the path and what was expected', () => {
    const problems = (edit: (data: any) => void) => {
      const result = build(edit);
      return result.ok ? [] : result.problems.map(formatProblem);
    };
    expect(problems((d) => d.expertAnswers.push({ ...entry, answer: '' }))).toEqual([expect.stringMatching(/^expert-answers\.yaml:\d+ expertAnswers\[0\]( \(ekspert-1\))?\.answer: /)]);
    expect(problems((d) => d.expertAnswers.push({ ...entry, approved: '2026-11-30' }))).toEqual([expect.stringMatching(/expertAnswers\[0\].*\.approved: a date on or after the answer's date \(2026-12-01\)/)]);
    const someId = shippedKnowledgeBase().initiatives[0]!.id;
    expect(problems((d) => d.expertAnswers.push({ ...entry, id: someId }))).toEqual([expect.stringMatching(/^expert-answers\.yaml:\d+ .*duplicate id/)]);
    const sourceId = shippedKnowledgeBase().sources[0]!.id;
    expect(problems((d) => d.alternateQuestions.push({ record: sourceId, question: 'Hvad?', approved: '2026-12-01', approvedBy: 'A' }))).toEqual([expect.stringMatching(/is a source document/)]);
  });
});
