// `npm run kb:check [-- DIR]`: validates the knowledge folder and prints the
// number of records of each type, or every problem and exit code 1.
import path from 'node:path';
import { readKnowledgeFolder } from './load';
import { formatProblem } from './problems';

async function main(): Promise<number> {
  const dir = path.resolve(process.argv[2] ?? 'knowledge');
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
  ];
  console.log(`${dir}: valid (version ${kb.version})`);
  for (const [name, n] of counts) console.log(`  ${name.padEnd(16)} ${n}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
