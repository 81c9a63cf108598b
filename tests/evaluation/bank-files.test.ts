// Checks the question files themselves (not the bot): every line is a well-formed question of a
// known kind, ids are unique across the files, every regex compiles as the runner compiles it, and
// every regex can match folded text at all (no capitals, no æ/ø/å or accents, no decimal comma) and
// does not already match the question (an answer that only repeats the question must not pass).
// The held-out part is not read here: it is scored only to report.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evalFold } from '../../src/evaluation/score';

const KINDS = ['principle', 'focusarea', 'initiative', 'contact', 'governance', 'followup', 'history', 'deadline', 'typo', 'english', 'offtopic', 'document'];
const FILES = ['dev.jsonl', 'bank-tune.jsonl', 'bank2-tune.jsonl', 'bank3-tune.jsonl', 'bank4-tune.jsonl', 'bank5-tune.jsonl', 'bank6-tune.jsonl'];
// The banks written with the rule that no regex may already match its own question.
const STRICT = ['bank2-tune.jsonl', 'bank3-tune.jsonl', 'bank4-tune.jsonl', 'bank5-tune.jsonl', 'bank6-tune.jsonl'];

type Line = { id: string; kind: string; q: string; expect: string[]; conv?: string };
const read = (file: string): Line[] =>
  readFileSync(path.join(__dirname, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Line);


// A pattern's literal characters, escapes removed (\D, \S, \B are not capitals to fold).
const SIKKER_BY = evalFold('Sikker By').trim();

const literals = (pattern: string) => pattern.replace(/\\./g, '');

describe.each(FILES)('%s', (file) => {
  const lines = read(file);

  it('holds well-formed questions of known kinds', () => {
    const bad = lines.filter(
      (l) =>
        typeof l.id !== 'string' ||
        !KINDS.includes(l.kind) ||
        typeof l.q !== 'string' ||
        !l.q.trim() ||
        !Array.isArray(l.expect) ||
        l.expect.length === 0 ||
        l.expect.some((e) => typeof e !== 'string' || !e) ||
        (l.expect.includes('@fallback') && l.expect.length !== 1) ||
        (l.kind === 'offtopic' && l.expect[0] !== '@fallback') ||
        (l.conv !== undefined && typeof l.conv !== 'string'),
    );
    expect(bad.map((l) => l.id)).toEqual([]);
  });

  it('has regexes that compile, can match folded text, and do not match the question', () => {
    const problems: string[] = [];
    for (const l of lines) {
      for (const e of l.expect.filter((x) => x !== '@fallback')) {
        let re: RegExp;
        try {
          re = new RegExp(e);
        } catch (err) {
          problems.push(`${l.id} ${e}: ${(err as Error).message}`);
          continue;
        }
        if (/[A-ZÆØÅæøå\u00c0-\u00ff]/.test(literals(e))) problems.push(`${l.id} ${e}: not folded`);
        if (/\d,\d/.test(literals(e))) problems.push(`${l.id} ${e}: decimal comma`);
        if (STRICT.includes(file) && re.test(evalFold(l.q).trim())) problems.push(`${l.id} ${e}: matches the question`);
        // Every answer names Sikker By: a pattern that matches the name alone (a bare 'ikke' does) passes on
        // any answer. dev.jsonl is the shared evaluation's own copy and stays as it is.
        if (file !== 'dev.jsonl' && re.test(SIKKER_BY)) problems.push(`${l.id} ${e}: matches the name Sikker By alone`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps each conversation together, in order', () => {
    const seen = new Set<string>();
    const split: string[] = [];
    lines.forEach((l, i) => {
      if (!l.conv) return;
      if (seen.has(l.conv) && lines[i - 1]?.conv !== l.conv) split.push(l.id);
      seen.add(l.conv);
    });
    expect(split).toEqual([]);
  });
});

it('uses every id and conversation once across the files', () => {
  const ids = FILES.flatMap((f) => read(f).map((l) => l.id));
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  const convs = FILES.flatMap((f) => [...new Set(read(f).flatMap((l) => (l.conv ? [l.conv] : [])))]);
  expect(convs.filter((c, i) => convs.indexOf(c) !== i)).toEqual([]);
});

// bank6-tune is weighted on purpose toward the kinds unseen questions still miss (see BANK.md): it has no
// typo questions and fewer English and off-topic ones, so it is held to its own plan instead of the floor.
const BALANCED = STRICT.filter((f) => f !== 'bank6-tune.jsonl');
const BANK6_PLAN: Record<string, number> = {
  document: 40, history: 30, governance: 30, deadline: 24, contact: 20, principle: 16,
  focusarea: 16, initiative: 16, followup: 24, english: 12, offtopic: 12, typo: 0,
};

it.each(BALANCED)('asks at least 15 questions of every kind in %s', (file) => {
  const lines = read(file);
  const counts = Object.fromEntries(KINDS.map((k) => [k, lines.filter((l) => l.kind === k).length]));
  expect(Object.entries(counts).filter(([, n]) => n < 15)).toEqual([]);
});

it('asks bank6-tune.jsonl questions in its weighted plan, 8 conversations of 3', () => {
  const lines = read('bank6-tune.jsonl');
  const counts = Object.fromEntries(KINDS.map((k) => [k, lines.filter((l) => l.kind === k).length]));
  expect(counts).toEqual(BANK6_PLAN);
  const convs = new Set(lines.flatMap((l) => (l.conv ? [l.conv] : [])));
  expect(convs.size).toBe(8);
});

// The strict English rule (bank5, bank6): an English question must get an English answer, so each one
// also expects an English function word that a Danish answer does not contain.
it.each(['bank5-tune.jsonl', 'bank6-tune.jsonl'])('wants an English answer to every English question in %s', (file) => {
  const english = read(file).filter((l) => l.kind === 'english');
  expect(english.filter((l) => !l.expect.includes('\\b(the|and|of)\\b')).map((l) => l.id)).toEqual([]);
});
