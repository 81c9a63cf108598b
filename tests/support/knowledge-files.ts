// Reads the shipped knowledge folder into memory so tests can build it, or a
// deliberately broken copy of it, without touching the real files.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { buildKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/knowledge-base';
import { KnowledgeFiles } from '../../src/knowledge/schema';

export const KNOWLEDGE_DIR = path.join(__dirname, '..', '..', 'knowledge');
const SOURCES_DIR = path.join(KNOWLEDGE_DIR, 'sources');

export function shippedTexts(): Record<string, string> {
  return Object.fromEntries(
    Object.keys(KnowledgeFiles).map((f) => [f, readFileSync(path.join(KNOWLEDGE_DIR, f), 'utf8')]),
  );
}

export function sourceFiles(): string[] {
  return readdirSync(SOURCES_DIR);
}

/** The text of a cited source document, by its file name. */
export function sourceText(file: string): string {
  return readFileSync(path.join(SOURCES_DIR, file), 'utf8');
}

/** The shipped texts with one file changed through its parsed data. */
export function withEdit(file: string, edit: (data: any) => void, texts = shippedTexts()): Record<string, string> {
  const data = parse(texts[file] ?? '');
  edit(data);
  return { ...texts, [file]: stringify(data) };
}

export function shippedKnowledgeBase(): KnowledgeBase {
  const texts = Object.fromEntries(sourceFiles().filter((f) => f.endsWith('.txt')).map((f) => [f, sourceText(f)]));
  const result = buildKnowledgeBase(shippedTexts(), sourceFiles(), texts);
  if (!result.ok) throw new Error(`shipped knowledge base is invalid: ${JSON.stringify(result.problems, null, 1)}`);
  return result.kb;
}
