// `npm run kb:check [-- DIR]`: validates the knowledge folder (DIR, else the
// bot's own: KNOWLEDGE_DIR, default knowledge/) and prints the number of
// records of each type and the prose still without an English translation,
// or every problem and exit code 1.
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';
import type { KnowledgeBase } from './knowledge-base';
import { readKnowledgeFolder } from './load';
import { formatProblem } from './problems';
import { missingTranslations } from './translation-gaps';

async function main(): Promise<number> {
  const dir = path.resolve(process.argv[2] ?? loadConfig(process.env).knowledgeDir);
  const result = await readKnowledgeFolder(dir);
  if (!result.ok) {
    console.error(`${dir}: ${result.problems.length} problem(s)`);
    for (const p of result.problems) console.error(`  ${formatProblem(p)}`);
    return 1;
  }
  const { kb } = result;
  const counts: [string, number][] = [
    ['sources', kb.sources.length],
    ['organisations', kb.organisations.length],
    ['people', kb.people.length],
    ['strategies', kb.strategies.length],
    ['principles', kb.principles.length],
    ['focus areas', kb.focusAreas.length],
    ['plans', kb.plans.length],
    ['budget packages', 1],
    ['initiatives', kb.initiatives.length],
    ['timeline events', kb.events.length],
    ['deadlines', kb.deadlines.length],
    ['terms', kb.terms.length],
    ['facts', kb.facts.length],
    ['unknowns', kb.unknowns.length],
    ['documents with metadata', kb.sources.filter((s) => s.addressee || s.caseNumber || s.meeting || s.attachments.length > 0).length],
    ['English texts', countTranslations(kb)],
  ];
  console.log(`${dir}: valid (version ${kb.version})`);
  for (const [name, n] of counts) console.log(`  ${name.padEnd(24)} ${n}`);
  // Not a problem (the answer then says the text is only in Danish), but a list for editors.
  const missing = missingTranslations(kb);
  console.log(`  ${'English texts missing'.padEnd(24)} ${missing.length}`);
  for (const m of missing) console.log(`    ${m.id}${m.at ? ` ${m.at}` : ''}: ${m.field}`);
  return 0;
}

/** How many prose fields carry an English translation (`en`), over all records. */
function countTranslations(kb: KnowledgeBase): number {
  let n = 0;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'en' && x && typeof x === 'object') n += Object.keys(x).length;
        else walk(x);
      }
  };
  for (const r of kb.byId.values()) walk(r.record);
  return n;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(2);
  },
);
