// The knowledge files' YAML, read once at build time: parsing some 300 kB of
// YAML is most of what loading the knowledge base costs at start-up, and the
// files change far less often than the bot starts. `npm run build` writes the
// snapshot (yaml-snapshot-cli.ts); the bot reads it at start-up. An entry
// counts only for the very text it was read from (its SHA-256) and the yaml
// version that read it, so an edited file, another KNOWLEDGE_DIR or a stale or
// missing snapshot is parsed as before. The schemas check the data either way.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yamlPackage from 'yaml/package.json';
import { yamlOf } from './parse';

/** Where the build writes the snapshot and the bot looks for it: dist/knowledge-yaml.json (under src/ for tsx and the tests, where there is none). */
export const YAML_SNAPSHOT_FILE = path.join(__dirname, '..', 'knowledge-yaml.json');

/** A text's YAML as data, when the snapshot holds that very text. */
export type KnownYaml = (text: string) => { data: unknown } | undefined;

interface Snapshot {
  readonly yaml: string;
  /** The data of each text, by the text's SHA-256. */
  readonly texts: Readonly<Record<string, unknown>>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The snapshot of the texts that parse without errors. */
export function yamlSnapshot(texts: readonly string[]): string {
  const entries = texts.flatMap((text) => {
    const [doc] = yamlOf(text);
    return doc.errors.length === 0 ? [[sha256(text), doc.toJS()] as const] : [];
  });
  const snapshot: Snapshot = { yaml: yamlPackage.version, texts: Object.fromEntries(entries) };
  return JSON.stringify(snapshot);
}

/** The snapshot in `file`; none (every text is parsed) when it is missing, unreadable or of another yaml version. */
export function readYamlSnapshot(file: string): KnownYaml {
  let snapshot: Snapshot | undefined;
  try {
    const read = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
    if (read.yaml === yamlPackage.version && read.texts && typeof read.texts === 'object') snapshot = read;
  } catch {
    // No snapshot (`tsc` alone, tests, tsx): the texts are parsed.
  }
  const texts = snapshot?.texts ?? {};
  return (text) => {
    const hash = snapshot && sha256(text);
    return hash && Object.hasOwn(texts, hash) ? { data: texts[hash] } : undefined;
  };
}
