// Parses one knowledge file's text against its schema. Pure: text in, typed
// data or located problems out.
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { KnowledgeProblem } from './problems';

type PathSegment = PropertyKey;

export type ParseResult<T> = { ok: true; value: T; locate: Locator } | { ok: false; problems: KnowledgeProblem[] };

/** Turns a path inside the parsed data into a readable path and a line number. */
export type Locator = (path: readonly PathSegment[]) => { path: string; line?: number };

/**
 * @param known the text's YAML as data, when it was read before (a build-time snapshot, yaml-snapshot.ts):
 * the schema still checks it, and the text is parsed again only to locate a problem.
 */
export function parseKnowledgeFile<S extends z.ZodType>(file: string, text: string, schema: S, known?: { data: unknown }): ParseResult<z.infer<S>> {
  let data: unknown;
  let locate: Locator;
  if (known) {
    data = known.data;
    let parsed: Locator | undefined;
    locate = (path) => {
      parsed ??= locator(...yamlOf(text), data);
      return parsed(path);
    };
  } else {
    const [doc, lineCounter] = yamlOf(text);
    if (doc.errors.length > 0) {
      return {
        ok: false,
        problems: doc.errors.map((e) => ({
          file,
          path: '',
          line: lineCounter.linePos(e.pos[0]).line,
          message: `invalid YAML: ${e.message.split('\n')[0]}`,
        })),
      };
    }
    data = doc.toJS();
    locate = locator(doc, lineCounter, data);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => {
        // An unknown key is reported on its parent; point at the key itself.
        const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
        const target = keys.length === 1 ? [...issue.path, keys[0] as string] : issue.path;
        return { file, ...locate(target), message: issue.message };
      }),
    };
  }
  return { ok: true, value: result.data, locate };
}

/** The text's YAML document, with the line counter that places its nodes. */
export function yamlOf(text: string): [Document, LineCounter] {
  const lineCounter = new LineCounter();
  return [parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true }), lineCounter];
}

function locator(doc: Document, lineCounter: LineCounter, data: unknown): Locator {
  return (path) => {
    // The nearest node that exists: a missing key is reported at its parent.
    let line: number | undefined;
    for (let n = path.length; n >= 0 && line === undefined; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) line = lineCounter.linePos(node.range[0]).line;
    }
    return { path: formatPath(path, data), line };
  };
}

/** `initiatives[3] (exit-kk).amounts.2024`: array indices with the element's id where it has one. */
function formatPath(path: readonly PathSegment[], data: unknown): string {
  let out = '';
  let cursor: unknown = data;
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
      cursor = Array.isArray(cursor) ? cursor[segment] : undefined;
      const id = (cursor as { id?: unknown } | undefined)?.id;
      if (typeof id === 'string') out += ` (${id})`;
    } else {
      out += out ? `.${String(segment)}` : String(segment);
      cursor = cursor && typeof cursor === 'object' ? (cursor as Record<PropertyKey, unknown>)[segment] : undefined;
    }
  }
  return out;
}
