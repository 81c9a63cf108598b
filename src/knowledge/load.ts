// The only part of the knowledge base that touches the disk: reads the folder
// and hands the texts to the pure builder.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildKnowledgeBase, type BuildResult } from './knowledge-base';
import { KnowledgeBaseError } from './problems';
import { KnowledgeFiles } from './schema';
import { readYamlSnapshot, type KnownYaml } from './yaml-snapshot';

/** The folder of the cited source documents, inside the knowledge folder. */
const SOURCES_FOLDER = 'sources';

export async function readKnowledgeFolder(dir: string, known?: KnownYaml): Promise<BuildResult> {
  const { texts, sourceFiles, sourceTexts } = await readKnowledgeTexts(dir);
  return buildKnowledgeBase(texts, sourceFiles, sourceTexts, known);
}

/** The files' texts as they are on disk, for a writer that checks its change with the builder before it writes. */
export async function readKnowledgeTexts(dir: string): Promise<{ texts: Record<string, string>; sourceFiles: string[]; sourceTexts: Record<string, string> }> {
  const texts: Record<string, string> = {};
  for (const file of Object.keys(KnowledgeFiles)) {
    try {
      texts[file] = await readFile(path.join(dir, file), 'utf8');
    } catch (err) {
      // A missing file is reported by the builder with the others; anything else is not ours to hide.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  const sourceFiles = await readdir(path.join(dir, SOURCES_FOLDER)).catch(() => [] as string[]);
  // The documents' texts, for the answering's passage index (the folder's README is an editor's note, not a source).
  const sourceTexts: Record<string, string> = {};
  for (const file of sourceFiles.filter((f) => f.endsWith('.txt')))
    sourceTexts[file] = await readFile(path.join(dir, SOURCES_FOLDER, file), 'utf8');
  return { texts, sourceFiles, sourceTexts };
}

/**
 * Loads the knowledge base or throws a KnowledgeBaseError that lists every problem.
 * @param options.yamlSnapshot a file of the texts' YAML read at build time (yaml-snapshot.ts), if there is one
 */
export async function loadKnowledgeBase(dir: string, options: { yamlSnapshot?: string } = {}) {
  const result = await readKnowledgeFolder(dir, options.yamlSnapshot === undefined ? undefined : readYamlSnapshot(options.yamlSnapshot));
  if (!result.ok) throw new KnowledgeBaseError(result.problems);
  return result.kb;
}
