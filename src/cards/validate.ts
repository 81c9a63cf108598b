// Checks a card before Teams sees it: the Adaptive Cards parser's own validation
// for version 1.5, plus what the parser lets through but Teams or the reader would not.
import type * as AdaptiveCards from 'adaptivecards';

// The package's main entry is ESM without file extensions, which Node 20 cannot
// require; the UMD bundle parses and validates without a DOM.
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

const MAX_VERSION = { major: 1, minor: 5 };

export interface ValidateOptions {
  /** Teams refuses messages over 80 KB (413); a card should stay well below that. */
  readonly maxBytes?: number;
}

/** Everything wrong with a card, one message each; empty when it is valid. */
export function validateCard(card: unknown, { maxBytes = 28 * 1024 }: ValidateOptions = {}): string[] {
  if (!isObject(card) || card['type'] !== 'AdaptiveCard') return ['not an Adaptive Card: the root needs type "AdaptiveCard"'];
  const problems = [...versionProblems(card['version']), ...parserProblems(card)];
  walk(card, '$', problems);
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes > maxBytes) problems.push(`card is ${bytes} bytes, more than the ${maxBytes} allowed`);
  return problems;
}

function versionProblems(version: unknown): string[] {
  if (version === undefined) return ['version is missing'];
  const m = typeof version === 'string' ? /^(\d+)\.(\d+)$/.exec(version) : null;
  if (!m) return [`version ${JSON.stringify(version)} is not of the form "1.5"`];
  const [major, minor] = [Number(m[1]), Number(m[2])];
  const tooNew = major > MAX_VERSION.major || (major === MAX_VERSION.major && minor > MAX_VERSION.minor);
  return tooNew ? [`version ${version} is newer than ${MAX_VERSION.major}.${MAX_VERSION.minor}, the most Teams supports`] : [];
}

// Unknown element and action types, invalid property values, duplicate ids, too many actions.
function parserProblems(json: Record<string, unknown>): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i));
  events.push(...card.validateProperties().validationEvents);
  return events.map((e) => `adaptivecards: ${e.message}`);
}

// The parser accepts a TextBlock without text, keeps unbound template expressions
// as text, and does not require action titles.
function walk(node: unknown, at: string, problems: string[]): void {
  if (typeof node === 'string') {
    if (node.includes('${')) problems.push(`${at}: unbound template expression in ${JSON.stringify(node)}`);
  } else if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${at}[${i}]`, problems));
  } else if (isObject(node)) {
    const type = node['type'];
    if (type === 'TextBlock' && !isFilled(node['text'])) problems.push(`${at}: TextBlock without text`);
    if (typeof type === 'string' && type.startsWith('Action.') && !isFilled(node['title'])) {
      problems.push(`${at}: ${type} without a title`);
    }
    for (const [key, value] of Object.entries(node)) {
      if (key.includes('${')) problems.push(`${at}: unbound template expression in key ${JSON.stringify(key)}`);
      walk(value, `${at}.${key}`, problems);
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFilled(v: unknown): boolean {
  return typeof v === 'string' && v.trim().length > 0;
}
