// `npm run build` runs this after tsc (`node dist/knowledge/yaml-snapshot-cli.js [DIR]`):
// writes the YAML of the knowledge folder's files (default: knowledge) to
// dist/knowledge-yaml.json for a faster start (see yaml-snapshot.ts).
import { writeFileSync } from 'node:fs';
import { readKnowledgeTexts } from './load';
import { YAML_SNAPSHOT_FILE, yamlSnapshot } from './yaml-snapshot';

async function main(): Promise<void> {
  const { texts } = await readKnowledgeTexts(process.argv[2] ?? 'knowledge');
  writeFileSync(YAML_SNAPSHOT_FILE, yamlSnapshot(Object.values(texts)));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
