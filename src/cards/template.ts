// The cards' Adaptive Cards templates (cards/*.json, made in the designer), compiled
// once into plain functions. adaptivecards-templating runs every binding through the
// general Adaptive Expressions interpreter on every expansion: about 80 µs for an answer
// card, and the bot expands one for every answer. The templates use a small part of the
// language: property paths (`title`, `labels.source`, `$root.x`, `$data`, `$index`),
// the literals null, true, false and numbers, `!`, the comparisons, `count(…)` and
// `length(…)`, inside `${…}` in strings, `$data` and `$when`. That part is compiled here,
// with the library's semantics (what a $when that fails to evaluate means, how an
// unbound path is left in the text, how repeated objects are spliced into their array);
// anything else fails when the template loads, so at start-up and in the tests, never
// on a card. tests/cards/template.test.ts expands every template both ways and
// compares the cards.

/** What a template is expanded with: its data as `$root`. */
interface TemplateContext {
  readonly $root: unknown;
}

export interface CompiledTemplate {
  expand(context: TemplateContext): unknown;
}

/** Fails with what is not supported, and where. */
export function compileTemplate(payload: unknown): CompiledTemplate {
  const expand = compileNode(payload, '$');
  return { expand: ({ $root }) => expand({ root: $root, data: undefined, index: undefined }) };
}

/** The data in scope: `data` undefined means `$root` (as the library's EvaluationContext has it). */
interface Scope {
  readonly root: unknown;
  readonly data: unknown;
  readonly index: number | undefined;
}

type Expand = (scope: Scope) => unknown;

/** An expression's result when it failed to evaluate (the library's `{ error }`). */
const FAILED: unique symbol = Symbol('failed');
type Value = unknown;
/** `substitute`: an unbound path evaluates to its own "${path}" text (the library's nullSubstitution). */
type Evaluate = (scope: Scope, substitute: boolean) => Value | typeof FAILED;

// The fields the library never copies into the card.
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

function compileNode(node: unknown, at: string): Expand {
  if (typeof node === 'string') return compileString(node, at);
  if (Array.isArray(node)) {
    const items = node.map((item, i) => compileNode(item, `${at}[${i}]`));
    return (scope) => {
      const out: unknown[] = [];
      for (const item of items) {
        const value = item(scope);
        if (value === null) continue;
        if (Array.isArray(value)) out.push(...(value as unknown[]));
        else out.push(value);
      }
      return out;
    };
  }
  if (typeof node === 'object' && node !== null) return compileObject(node as Record<string, unknown>, at);
  return () => node;
}

function compileObject(node: Record<string, unknown>, at: string): Expand {
  const fields = Object.keys(node)
    .filter((key) => !RESERVED.has(key))
    .map((key) => [key, compileNode(node[key], `${at}.${key}`)] as const);
  const data = node['$data'] === undefined ? undefined : bindingOf(node['$data'], `${at}.$data`);
  const when = node['$when'] === undefined ? undefined : bindingOf(node['$when'], `${at}.$when`);
  const single = (scope: Scope): Record<string, unknown> | undefined => {
    // A $when that fails to evaluate, or gives anything but true, drops the object.
    if (when && when(scope, false) !== true) return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, expand] of fields) {
      const value = expand(scope);
      if (value !== undefined) out[key] = value;
    }
    return out;
  };
  // No object at all is null, one is itself, more are a list (spliced into an enclosing list).
  const collect = (objects: Record<string, unknown>[]): unknown => (objects.length === 0 ? null : objects.length === 1 ? objects[0] : objects);
  if (!data) {
    return (scope) => {
      const object = single(scope);
      return object === undefined ? null : object;
    };
  }
  return (scope) => {
    const context = data(scope, true);
    if (context === FAILED) throw new Error(`${at}.$data could not be evaluated`);
    const contexts: unknown[] = Array.isArray(context) ? context : [context];
    const objects: Record<string, unknown>[] = [];
    // An undefined item keeps the data of the item before it, as the library's does.
    let current = scope.data;
    for (let i = 0; i < contexts.length; i++) {
      if (contexts[i] !== undefined) current = contexts[i];
      const object = single({ root: scope.root, data: current, index: Array.isArray(context) ? i : scope.index });
      if (object !== undefined) objects.push(object);
    }
    return collect(objects);
  };
}

/** A $data or $when: one `${…}` expression. */
function bindingOf(value: unknown, at: string): Evaluate {
  const whole = typeof value === 'string' ? /^\$\{([^{}]*)\}$/.exec(value) : null;
  if (!whole) throw new Error(`${at}: only a single \${…} expression is supported here`);
  return parseExpression(whole[1]!, at);
}

function compileString(text: string, at: string): Expand {
  if (!text.includes('${')) return () => text;
  if (/[`\\]/.test(text)) throw new Error(`${at}: backticks and backslashes beside \${…} are not supported`);
  const parts: (string | { source: string; evaluate: Evaluate })[] = [];
  const pattern = /\$\{([^{}]*)\}/g;
  let last = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ source: m[1]!.trim(), evaluate: parseExpression(m[1]!, at) });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  if (parts.some((p) => typeof p === 'string' && p.includes('${'))) throw new Error(`${at}: an unclosed or nested \${ is not supported`);
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only !== undefined && typeof only !== 'string') {
    // A string that is one expression takes the expression's value, of whatever type.
    return (scope) => {
      const value = only.evaluate(scope, true);
      if (value === FAILED) throw new Error(`${at}: \${${only.source}} could not be evaluated`);
      return value;
    };
  }
  return (scope) => {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      const value = part.evaluate(scope, true);
      // A part that fails stays in the text as written; String() of null throws in the library too.
      out += value === FAILED ? `\${${part.source}}` : (value as { toString(): string }).toString();
    }
    return out;
  };
}

// --- Expressions -------------------------------------------------------------------

type Token = { kind: 'path' | 'number' | 'op' | 'open' | 'close'; text: string };

function tokenize(source: string, at: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\$?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|(\d+(?:\.\d+)?)|(==|!=|>=|<=|>|<|!)|(\()|(\)))/y;
  let i = 0;
  while (i < source.length) {
    if (/^\s*$/.test(source.slice(i))) break;
    pattern.lastIndex = i;
    const m = pattern.exec(source);
    if (!m) throw new Error(`${at}: \${${source}}: unsupported syntax at "${source.slice(i)}"`);
    if (m[1]) tokens.push({ kind: 'path', text: m[1] });
    else if (m[2]) tokens.push({ kind: 'number', text: m[2] });
    else if (m[3]) tokens.push({ kind: 'op', text: m[3] });
    else if (m[4]) tokens.push({ kind: 'open', text: '(' });
    else tokens.push({ kind: 'close', text: ')' });
    i = pattern.lastIndex;
  }
  return tokens;
}

/** expression := unary (comparison unary)?; unary := "!" unary | count(path) | length(path) | literal | path */
function parseExpression(source: string, at: string): Evaluate {
  const tokens = tokenize(source, at);
  let pos = 0;
  const fail = (why: string): never => {
    throw new Error(`${at}: \${${source}}: ${why}`);
  };
  const unary = (): Evaluate => {
    const token = tokens[pos++] ?? fail('an operand is missing');
    if (token.kind === 'op' && token.text === '!') return not(unary());
    if (token.kind === 'number') return constant(Number(token.text));
    if (token.kind !== 'path') return fail(`unexpected "${token.text}"`);
    if (token.text === 'null') return constant(null);
    if (token.text === 'true' || token.text === 'false') return constant(token.text === 'true');
    if (tokens[pos]?.kind !== 'open') return path(token.text);
    const fn = FUNCTIONS[token.text] ?? fail(`the function ${token.text} is not supported`);
    pos++;
    const argument = unary();
    if (tokens[pos++]?.kind !== 'close') fail('a function takes one argument here');
    return call(fn, argument);
  };
  const left = unary();
  const op = tokens[pos];
  if (op === undefined) return left;
  pos++;
  const compare = (op.kind === 'op' ? COMPARISONS[op.text] : undefined) ?? fail(`unexpected "${op.text}"`);
  const right = unary();
  if (pos < tokens.length) fail('only one comparison is supported');
  return comparison(compare, left, right);
}

const constant =
  (value: Value): Evaluate =>
  () =>
    value;

function path(text: string): Evaluate {
  const [head, ...rest] = text.split('.') as [string, ...string[]];
  // Without a leading $, a path is read from $data (the library prefixes "$data.").
  const start: (scope: Scope) => Value =
    head === '$root' ? (s) => s.root : head === '$data' ? (s) => (s.data !== undefined ? s.data : s.root) : head === '$index' ? (s) => s.index : head.startsWith('$') ? () => undefined : (s) => property(s.data !== undefined ? s.data : s.root, head);
  return (scope, substitute) => {
    let value = start(scope);
    for (const key of rest) value = property(value, key);
    return value === undefined && substitute ? `\${${text}}` : value;
  };
}

/** The library's property access: nothing on a falsy value, an own enumerable key compared without case. */
function property(instance: unknown, key: string): Value {
  if (!instance) return undefined;
  if (instance instanceof Map) {
    const exact: unknown = instance.get(key);
    if (exact !== undefined) return exact;
    const found = [...(instance.keys() as Iterable<unknown>)].find((k) => typeof k === 'string' && k.toLowerCase() === key.toLowerCase());
    return found === undefined ? undefined : (instance.get(found) as Value);
  }
  const object = Object(instance) as Record<string, unknown>;
  // The exact key first: the card data never has two keys that differ only in case.
  if (Object.prototype.propertyIsEnumerable.call(object, key)) return object[key];
  const lower = key.toLowerCase();
  const found = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : object[found];
}

function not(operand: Evaluate): Evaluate {
  return (scope) => {
    const value = operand(scope, false);
    if (value === FAILED) return true;
    return !(typeof value === 'boolean' ? value : value != null);
  };
}

type Fn = (value: Value) => Value | typeof FAILED;
const FUNCTIONS: Record<string, Fn> = {
  count: (value) => {
    if (typeof value === 'string' || Array.isArray(value)) return value.length;
    if (value instanceof Map) return value.size;
    if (typeof value === 'object') return value === null ? FAILED : Object.keys(value).length;
    return FAILED;
  },
  length: (value) => (typeof value === 'string' ? value.length : value === undefined ? 0 : FAILED),
};

function call(fn: Fn, argument: Evaluate): Evaluate {
  return (scope, substitute) => {
    const value = argument(scope, substitute);
    return value === FAILED ? FAILED : fn(value);
  };
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);
/** The library's ordering: numbers with numbers, strings with strings; anything else fails. */
const ordered =
  (test: (a: number | string, b: number | string) => boolean) =>
  (a: Value, b: Value): Value | typeof FAILED => {
    if (a == null || b == null) return false;
    if ((isNumber(a) && isNumber(b)) || (typeof a === 'string' && typeof b === 'string')) return test(a, b);
    return FAILED;
  };
/** The library's equality (commonEquals) for what the templates compare: values with literals. */
function equals(a: Value, b: Value): boolean {
  if (a == null || b == null) return a == null && b == null;
  if (Array.isArray(a) || Array.isArray(b) || typeof a === 'object' || typeof b === 'object') {
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equals(x, b[i]));
    if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
    return false;
  }
  if (isNumber(a) && isNumber(b)) return Math.abs(a - b) < Number.EPSILON;
  return a === b;
}
const COMPARISONS: Record<string, (a: Value, b: Value) => Value | typeof FAILED> = {
  '>': ordered((a, b) => a > b),
  '>=': ordered((a, b) => a >= b),
  '<': ordered((a, b) => a < b),
  '<=': ordered((a, b) => a <= b),
  '==': (a, b) => equals(a, b),
  '!=': (a, b) => !equals(a, b),
};

function comparison(compare: (a: Value, b: Value) => Value | typeof FAILED, left: Evaluate, right: Evaluate): Evaluate {
  return (scope) => {
    // Operands without substitution; an operand that fails makes the comparison false.
    const a = left(scope, false);
    const b = right(scope, false);
    if (a === FAILED || b === FAILED) return false;
    return compare(a, b);
  };
}
