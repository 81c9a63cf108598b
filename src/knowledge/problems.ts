/** One thing wrong with the knowledge files, located precisely enough for an editor to fix it. */
export interface KnowledgeProblem {
  /** The file inside the knowledge folder, e.g. "initiatives.yaml". */
  readonly file: string;
  /** Where inside the file, e.g. "initiatives[3] (exit-kk).amounts.2024"; empty for the whole file. */
  readonly path: string;
  /** 1-based line in the file, where it could be found. */
  readonly line?: number;
  /** What was expected, e.g. "expected number, received string". */
  readonly message: string;
}

export function formatProblem(p: KnowledgeProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return p.path ? `${where} ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

/** Thrown when a knowledge folder cannot be loaded; carries every problem found, not just the first. */
export class KnowledgeBaseError extends Error {
  constructor(readonly problems: readonly KnowledgeProblem[]) {
    super(
      `The knowledge base has ${problems.length} error${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'KnowledgeBaseError';
  }
}
