// `npm run fuzz`: posts malformed and random activities and card payloads to
// POST /api/messages of the built bot (embedded SQLite, authentication off,
// replies to a recording stand-in Bot Connector on 127.0.0.1): wrong types,
// missing fields, nulls, huge strings, deep nesting, prototype-pollution keys,
// unicode and markup, invalid JSON, wrong content types, empty and oversized
// bodies. Then asks valid questions through the same endpoint and checks the
// answers the connector received. Prints the status codes per input class, the
// inputs that got a 5xx or no answer at all, whether the bot stayed up, its
// memory, and the result of the check; exits 1 if a goal is missed.
//
//   npm run fuzz -- [--seed 1234] [--count 10000] [--concurrency 20]
//
// The same seed gives the same inputs (in the same order; their interleaving
// under concurrency may differ).
import http from 'node:http';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { evalFold, replyStrings } from '../src/evaluation/score';
import { root, rssMiB, startBot, stop } from './support';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    count: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '20' },
  },
});
const seed = values.seed === undefined ? randomInt(2 ** 31) : Number(values.seed);
const count = Number(values.count);
const concurrency = Number(values.concurrency);
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(count) || count < 0 || !Number.isSafeInteger(concurrency) || concurrency < 1) {
  console.error('usage: npm run fuzz -- [--seed <integer>] [--count <n>] [--concurrency <n>]');
  process.exit(2);
}

/** The server refuses bodies above this with 413 (src/http/server.ts). */
const BODY_LIMIT = 256 * 1024;
/** A request without an answer after this long is a finding (the bot's event loop is stuck, or worse). */
const REQUEST_TIMEOUT_MS = 30_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

// ---------------------------------------------------------------------------
// Seeded randomness (mulberry32): the same seed gives the same inputs.

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
  /** Log-uniform between lo and hi: as many small sizes as large ones. */
  size(lo: number, hi: number): number {
    return Math.floor(Math.exp(Math.log(lo) + this.next() * (Math.log(hi) - Math.log(lo))));
  }
}

// ---------------------------------------------------------------------------
// Valid inputs, as Teams sends them (tests/support/teams-activities.ts), to mutate.

const BOT = { id: '28:sikker-by-bot', name: 'Sikker By' };
const USER = { id: '29:fuzz-user', name: 'Fuzz Bruger', aadObjectId: '11111111-2222-4333-8444-555555555555' };
const TENANT = '00000000-0000-4000-8000-0000000000aa';
type Scope = 'personal' | 'groupChat' | 'channel';

function activity(type: string, serviceUrl: string, scope: Scope, conversationId: string): JsonObject {
  return {
    type,
    id: `in-${conversationId}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    locale: 'da-DK',
    from: { ...USER },
    recipient: { ...BOT },
    conversation: { id: conversationId, conversationType: scope, isGroup: scope !== 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, ...(scope === 'channel' ? { team: { id: '19:team@thread.tacv2' }, channel: { id: conversationId } } : {}) },
  };
}

function message(text: string, serviceUrl: string, scope: Scope, conversationId: string): JsonObject {
  if (scope === 'personal') return { ...activity('message', serviceUrl, scope, conversationId), text, textFormat: 'plain' };
  const at = `<at>${BOT.name}</at>`;
  return {
    ...activity('message', serviceUrl, scope, conversationId),
    text: `${at} ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: at, mentioned: { ...BOT } }],
  };
}

const DEADLINES = ['dl-finansiering-exitprogrammet', 'dl-midtvejsstatus-2022-2025', 'dl-effektopfoelgning', 'dl-unknown'];
const QUESTIONS = ['Hvor meget får Exit KK i 2024?', 'Hvad er Gadepulsen+?', 'How much does Ny Start receive in 2026?', 'hjælp', 'kom godt i gang', 'status'];

/** The payloads the cards' Action.Submit buttons send. */
function cardValue(rng: Rng): JsonObject {
  const reminder = (action: string): JsonObject => ({ action, deadlineId: rng.pick(DEADLINES), occurrence: rng.pick(['2025-03-01', '2026-01-15', '2024-02-29']), owner: rng.pick(['ssp', 'test:29:fuzz-user', 'politi']) });
  return rng.pick<() => JsonObject>([
    () => ({ action: 'ask', question: rng.pick(QUESTIONS) }),
    () => ({ action: 'feedback', rating: rng.pick(['up', 'down']), answerId: `answer-${rng.int(1000)}` }),
    () => reminder('reminder.reported'),
    () => reminder('reminder.snooze'),
    () => ({ action: 'tour.go', step: rng.int(8) }),
    () => ({ action: 'quiz.answer', question: rng.int(6), choice: rng.int(4) }),
    () => ({ action: 'tour.resume' }),
    () => ({ action: 'quiz.start' }),
  ])();
}

/** An adaptiveCard/action invoke's value (Action.Execute). */
function executeValue(rng: Rng): JsonObject {
  const data = cardValue(rng);
  const verb = typeof data.action === 'string' && data.action.startsWith('reminder.') ? data.action : rng.pick(['reminder.reported', 'reminder.snooze']);
  delete data.action;
  if (!('deadlineId' in data)) Object.assign(data, { deadlineId: rng.pick(DEADLINES), occurrence: '2025-03-01' });
  return { action: { type: 'Action.Execute', verb, data } };
}

// ---------------------------------------------------------------------------
// Malformed pieces.

const WEIRD_STRINGS = [
  '', ' ', '\u0000', '\u0001\u0007\b\f\v\u001b[31m', '\r\n\r\n', '\t\t', '\u200b\u200d\ufeff', '\u202eevil', '\ud800', '\udfff\ud800x',
  '👮‍♀️🚓🏳️‍🌈', 'ÆØÅ æøå', '<script>alert(1)</script>', '<at>Sikker By</at>', '<at></at>', '<', '<<<>>>', '&amp;&#0;&#x110000;&#99999999999;&bogus;',
  '**fed** _kursiv_ [link](javascript:alert(1))', '${$root}', '${question}', "${if(true, 'a', 'b')}", '{{DATE(2017-02-14T06:08:39Z, SHORT)}}', '$when',
  '%s%n%x%d', '../../../../etc/passwd', "'; DROP TABLE feedback; --", 'null', 'undefined', 'true', '0', '-1', '1e309', 'NaN', '[object Object]',
  '__proto__', 'constructor', 'hjælp', 'tour', 'status', 'påmindelser', 'test påmindelse', 'kom godt i gang', '/help', 'a:', '19:x;messageid=1',
  'http://127.0.0.1:1/', 'https://smba.trafficmanager.net/emea/', 'javascript:alert(1)', 'da-DK', 'en-US', 'xx', 'Hvor meget får Exit KK i 2024?',
];
const NUMBERS_AS_STRINGS = ['1', '0', '-1', '1.5', '1e3', ' 2', '0x10', '1_000', 'Infinity', '-0', '9007199254740993', '٣'];
const ODD_NUMBERS = [0, -1, -0, 1.5, 2 ** 53 + 1, 1e308, -1e308, 5e-324, 51, 7, 10, 11, 2147483648];
const TYPES = ['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'messageUpdate', 'messageDelete', 'event', 'typing', 'endOfConversation', 'trace', 'handoff', 'command', 'MESSAGE', 'Message ', 'unknown', ''];
const INVOKE_NAMES = ['adaptiveCard/action', 'composeExtension/query', 'composeExtension/submitAction', 'task/fetch', 'task/submit', 'signin/verifyState', 'signin/tokenExchange', 'config/fetch', 'tab/fetch', 'fileConsent/invoke', 'actionableMessage/executeAction', 'handoff/action', 'healthCheck', 'ADAPTIVECARD/ACTION', '', 'x'];
/** Repeated to a huge string; some are worst cases for regular expressions over the text. */
const HUGE_UNITS = ['a', '<', '<', '<a', '<at>', '&#', '&amp;', ' ', '\n', 'æ', '👮', '\u0000', 'Exit KK ', '<at>Sikker By</at> ', '${', 'a|', '\\'];

function weirdString(rng: Rng): string {
  return rng.chance(0.7) ? rng.pick(WEIRD_STRINGS) : rng.pick(WEIRD_STRINGS) + rng.pick(WEIRD_STRINGS);
}

/** A string of about `bytes` bytes once in JSON. */
function hugeString(rng: Rng, bytes: number): string {
  const unit = rng.pick(HUGE_UNITS);
  const unitBytes = Buffer.byteLength(JSON.stringify(unit)) - 2;
  return unit.repeat(Math.max(1, Math.floor(bytes / unitBytes)));
}

function scalar(rng: Rng): Json {
  return rng.pick<() => Json>([() => null, () => rng.chance(0.5), () => rng.pick(ODD_NUMBERS), () => weirdString(rng), () => rng.pick(NUMBERS_AS_STRINGS), () => ({}), () => []])();
}

/** A placeholder string replaced by deeply nested JSON text after JSON.stringify, so that no recursion here meets the depth. */
const DEEP = '\u0000deep\u0000';
const deepText = (depth: number, kind: 'array' | 'object') => (kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + 'null' + '}'.repeat(depth));

/** An own property named __proto__ (an object literal would set the prototype instead). */
function withKey(o: JsonObject, key: string, value: Json): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every place in a JSON tree: the containers and the keys in them. */
function places(tree: Json): { parent: JsonObject | Json[]; key: string | number }[] {
  const out: { parent: JsonObject | Json[]; key: string | number }[] = [];
  const walk = (v: Json, depth: number): void => {
    if (depth > 20 || v === null || typeof v !== 'object') return;
    const entries: [string | number, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [key, x] of entries) {
      out.push({ parent: v, key });
      walk(x, depth + 1);
    }
  };
  walk(tree, 0);
  return out;
}

interface Mutation {
  readonly deep?: { depth: number; kind: 'array' | 'object' };
}

/** One random change somewhere in the tree. */
function mutate(rng: Rng, tree: JsonObject, mutation: Mutation = {}): Mutation {
  const all = places(tree);
  const place = rng.pick(all);
  if (!place) return mutation;
  const { parent, key } = place;
  const set = (value: Json) => {
    if (Array.isArray(parent)) parent[key as number] = value;
    else withKey(parent, key as string, value);
  };
  const current = Array.isArray(parent) ? parent[key as number] : parent[key as string];
  const op = rng.int(100);
  if (op < 15) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else if (op < 25) set(null);
  else if (op < 50) set(scalar(rng));
  else if (op < 60) set(typeof current === 'number' ? rng.pick([String(current), ...NUMBERS_AS_STRINGS]) : typeof current === 'string' ? rng.pick([Number(current) || 0, ...ODD_NUMBERS]) : rng.pick(ODD_NUMBERS));
  else if (op < 72) set(typeof current === 'string' && rng.chance(0.5) ? current + weirdString(rng) : weirdString(rng));
  else if (op < 77) set(hugeString(rng, rng.size(1024, 32 * 1024)));
  else if (op < 82 && !mutation.deep) {
    set(DEEP);
    return { deep: { depth: rng.size(10, 2000), kind: rng.chance(0.5) ? 'array' : 'object' } };
  } else if (op < 88) {
    const target = current !== null && typeof current === 'object' && !Array.isArray(current) ? current : tree;
    withKey(target, rng.pick(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString']), rng.pick<Json>([{ polluted: true, isAdmin: true }, { prototype: { polluted: true } }, null, 'x', 1]));
  } else if (op < 94) set(Array.isArray(current) ? {} : [current ?? null, scalar(rng)]);
  else withKey(Array.isArray(parent) ? tree : parent, weirdString(rng) || 'extra', scalar(rng));
  return mutation;
}

// ---------------------------------------------------------------------------
// The inputs, by class.

interface Input {
  readonly kind: string;
  readonly body: Buffer;
  readonly headers: Record<string, string>;
  readonly method: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

function encode(tree: Json, mutation: Mutation = {}): Buffer {
  let text = JSON.stringify(tree);
  if (mutation.deep) text = text.replace(JSON.stringify(DEEP), () => deepText(mutation.deep!.depth, mutation.deep!.kind));
  return Buffer.from(text, 'utf8');
}

function generator(rng: Rng, serviceUrl: string): () => Input {
  let n = 0;
  const conversation = (scope: Scope) => (scope === 'personal' ? `a:fuzz-${n % 500}` : `19:fuzz-${n % 500}@thread.tacv2${scope === 'channel' && rng.chance(0.5) ? `;messageid=${n}` : ''}`);
  const scope = () => rng.pick<Scope>(['personal', 'personal', 'groupChat', 'channel']);
  const mutated = (tree: JsonObject, times: number): Buffer => {
    let m: Mutation = {};
    for (let i = 0; i < times; i++) m = mutate(rng, tree, m);
    return encode(tree, m);
  };
  const json = (kind: string, body: Buffer): Input => ({ kind, body, headers: JSON_HEADERS, method: 'POST' });
  const validActivity = (): JsonObject => {
    const s = scope();
    return rng.pick<() => JsonObject>([
      () => message(rng.pick(QUESTIONS), serviceUrl, s, conversation(s)),
      () => ({ ...activity('message', serviceUrl, s, conversation(s)), value: cardValue(rng) }),
      () => ({ ...activity('invoke', serviceUrl, s, conversation(s)), name: 'adaptiveCard/action', value: executeValue(rng) }),
    ])();
  };

  const classes: [weight: number, make: () => Input][] = [
    // A message with a question, with a few of its fields broken.
    [28, () => {
      const s = scope();
      return json('message', mutated(message(rng.pick([...QUESTIONS, weirdString(rng)]), serviceUrl, s, conversation(s)), 1 + rng.int(4)));
    }],
    // Action.Submit: a message whose value is a card payload, the payload (and sometimes the activity) broken.
    [20, () => {
      const s = scope();
      const holder: JsonObject = { value: cardValue(rng) };
      let m: Mutation = {};
      for (let i = 1 + rng.int(3); i > 0; i--) m = mutate(rng, holder, m);
      const tree: JsonObject = { ...activity('message', serviceUrl, s, conversation(s)), ...(rng.chance(0.5) ? { replyToId: rng.pick<Json>(['1:card', null, 5, '', {}]) } : {}) };
      if ('value' in holder) tree.value = holder.value ?? null;
      if (rng.chance(0.3)) m = mutate(rng, tree, m);
      return json('submit', encode(tree, m));
    }],
    // Action.Execute: an adaptiveCard/action invoke (or another invoke name), broken.
    [15, () => {
      const s = scope();
      const tree = { ...activity('invoke', serviceUrl, s, conversation(s)), name: rng.chance(0.7) ? 'adaptiveCard/action' : rng.pick<Json>([...INVOKE_NAMES, null, 3, {}]), value: executeValue(rng) };
      return json('invoke', mutated(tree, rng.int(4)));
    }],
    // Installation, membership and unknown activity types.
    [6, () => {
      const s = scope();
      const tree: JsonObject = { ...activity(rng.pick(TYPES), serviceUrl, s, conversation(s)) };
      if (rng.chance(0.5)) tree.membersAdded = rng.pick<Json>([[{ ...BOT }], [{ ...USER }], [null], 'x', {}, [{}]]);
      if (rng.chance(0.3)) tree.membersRemoved = rng.pick<Json>([[{ ...BOT }], [null], 1]);
      if (rng.chance(0.5)) tree.action = rng.pick<Json>(['add', 'remove', null, 1, 'ADD']);
      return json('lifecycle', mutated(tree, rng.int(3)));
    }],
    // One huge string (1 KB to 200 KB) in a field, the body below the server's limit.
    [8, () => {
      const tree = validActivity();
      const huge = hugeString(rng, rng.size(1024, 200 * 1024));
      // The text most often: it is what the bot reads most closely.
      const fields: (() => void)[] = [
        () => (tree.text = huge),
        () => (tree.text = huge),
        () => (tree.text = `<at>Sikker By</at> ${huge}`),
        () => (tree.text = `<at>Sikker By</at> ${huge}`),
        () => (tree.value = { action: 'ask', question: huge }),
        () => (tree.from = { ...USER, name: huge }),
        () => (tree.conversation = { id: huge, conversationType: 'personal' }),
        () => (tree.locale = huge),
        () => (tree.entities = [{ type: 'mention', text: huge, mentioned: { ...BOT } }]),
        () => (tree.value = executeValue(rng)),
        () => withKey(tree, huge.slice(0, 60_000), 1),
      ];
      rng.pick(fields)();
      return json('huge', encode(tree));
    }],
    // A body above the server's limit (expect 413).
    [2, () => {
      const tree = validActivity();
      tree.text = hugeString(rng, BODY_LIMIT + rng.size(1024, 768 * 1024));
      return json('oversize', encode(tree));
    }],
    // Deep nesting (up to 100,000 levels, the body below the limit) in a field or as the whole body.
    [5, () => {
      const tree = validActivity();
      const depth = rng.pick([100, 1000, 5000, 5000, 20_000, 100_000]);
      const kind = rng.chance(0.5) ? 'array' : 'object';
      if (rng.chance(0.15)) return json('deep', Buffer.from(deepText(depth, kind)));
      const field = rng.pick(['value', 'text', 'from', 'conversation', 'channelData', 'entities', 'attachments', 'recipient', 'locale', 'extra']);
      tree[field] = DEEP;
      return json('deep', encode(tree, { deep: { depth, kind } }));
    }],
    // Prototype-pollution keys at the top and inside.
    [5, () => {
      const tree = validActivity();
      const key = rng.pick(['__proto__', 'constructor', 'prototype']);
      const payload: Json = rng.pick<Json>([{ polluted: true, isAdmin: true, type: 'message' }, { prototype: { polluted: true } }, { toString: 'x', valueOf: 1 }, null]);
      const target = rng.pick<JsonObject>([tree, ...(['value', 'from', 'conversation', 'channelData'].map((k) => tree[k]).filter((v): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v)))]);
      withKey(target, key, payload);
      return json('proto', rng.chance(0.3) ? mutated(tree, 1) : encode(tree));
    }],
    // Bodies that are not JSON, or not an object.
    [5, () => {
      const good = encode(validActivity()).toString('utf8');
      const body = rng.pick<() => string | Buffer>([
        () => '',
        () => good.slice(0, rng.int(good.length)),
        () => good.replace(/"/g, "'"),
        () => good.replace(/}$/, ',}'),
        () => `\ufeff${good}`,
        () => good.replace('"da-DK"', 'NaN'),
        () => `${good}${good}`,
        () => rng.pick(['null', 'true', '0', '"message"', '[]', '{}', '[{"type":"message"}]', '{"type":"message"}', '{"type":"message","serviceUrl":"x","conversation":{"id":"c"}}']),
        () => Buffer.from(Array.from({ length: rng.size(1, 4096) }, () => rng.int(256))),
        () => '{"type":"message","text":"\\ud800\\udZZZ"}',
        () => '{'.repeat(rng.size(1, 50_000)),
        () => good.replace('{', '{"type":"message",'),
      ])();
      return json('invalid-json', Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));
    }],
    // Wrong or odd content types and encodings, with valid and invalid bodies.
    [5, () => {
      const good = encode(validActivity());
      const variant = rng.pick<() => { headers: Record<string, string>; body: Buffer }>([
        () => ({ headers: {}, body: good }),
        () => ({ headers: { 'content-type': rng.pick(['text/plain', 'text/html', 'application/xml', 'application/octet-stream', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/*', '???', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/jsonp', 'application/vnd.api+json']) }, body: good }),
        () => ({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(rng.pick(['type=message&serviceUrl=x&conversation[id]=c', '__proto__[polluted]=1&type=message', 'a=%E0%A4%A', '='])) }),
        () => ({ headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: Buffer.from('--x\r\nContent-Disposition: form-data; name="type"\r\n\r\nmessage\r\n--x--\r\n') }),
        () => ({ headers: { ...JSON_HEADERS, 'content-encoding': 'gzip' }, body: gzipSync(good) }),
        () => ({ headers: { ...JSON_HEADERS, 'content-encoding': rng.pick(['gzip', 'deflate', 'br', 'x-unknown']) }, body: good }),
        // Small on the wire, above the limit once inflated.
        () => ({ headers: { ...JSON_HEADERS, 'content-encoding': 'gzip' }, body: gzipSync(Buffer.from(`{"type":"message","text":"${'a'.repeat(rng.size(BODY_LIMIT, 8 * 1024 * 1024))}"}`)) }),
      ])();
      return { kind: 'content-type', method: 'POST', ...variant };
    }],
    // Other methods on the endpoint.
    [1, () => ({ kind: 'method', method: rng.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']), headers: JSON_HEADERS, body: encode(validActivity()) })],
  ];
  const total = classes.reduce((sum, [w]) => sum + w, 0);
  return () => {
    n++;
    let r = rng.int(total);
    for (const [weight, make] of classes) {
      if (r < weight) return make();
      r -= weight;
    }
    throw new Error('unreachable');
  };
}

// ---------------------------------------------------------------------------
// The stand-in Bot Connector, recording what the bot sends to the check conversations.

interface Received {
  readonly method: string;
  readonly conversationId: string;
  readonly activity: Record<string, unknown>;
}

async function startRecordingConnector(): Promise<{ url: string; count: () => number; sentTo: (conversationId: string) => Received[]; close: () => Promise<void> }> {
  let count = 0;
  const recorded: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      count++;
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      let conversationId: string;
      try {
        conversationId = decodeURIComponent(match?.[1] ?? '');
      } catch {
        conversationId = match?.[1] ?? '';
      }
      if (conversationId.startsWith('a:check-') || conversationId.startsWith('19:check-')) {
        try {
          recorded.push({ method: req.method ?? '', conversationId, activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
        } catch (err) {
          recorded.push({ method: req.method ?? '', conversationId, activity: { unparsable: String(err) } });
        }
      }
      res.setHeader('content-type', 'application/json');
      res.end(req.method === 'GET' ? '[]' : JSON.stringify({ id: `r${count}` }));
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: () => count,
    sentTo: (conversationId) => recorded.filter((r) => r.conversationId === conversationId),
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

// ---------------------------------------------------------------------------
// Posting.

type Outcome = { status: number; body: string } | { error: string };

function post(url: string, input: Input, agent: http.Agent): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request(`${url}/api/messages`, { method: input.method, agent, headers: { ...input.headers, 'content-length': String(input.body.length) }, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, 2000) }));
      res.on('error', (err) => resolve({ error: `response: ${(err as NodeJS.ErrnoException).code ?? err.message}` }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.on('error', (err) => resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message }));
    req.end(input.body);
  });
}

// ---------------------------------------------------------------------------
// The check: valid questions, answered before and after the fuzz.

interface Check {
  readonly name: string;
  readonly build: (serviceUrl: string, conversationId: string) => JsonObject;
  readonly scope: Scope;
  /** Literal substrings of the card's text, and the evaluation's patterns (over folded text). */
  readonly contains: readonly string[];
  readonly patterns: readonly string[];
}

const EXIT_KK = 'Hvor meget får Exit KK i 2024?';
const CHECKS: readonly Check[] = [
  { name: 'personal: Exit KK 2024', scope: 'personal', build: (s, c) => message(EXIT_KK, s, 'personal', c), contains: ['4,2'], patterns: [] },
  { name: 'channel @mention: Exit KK 2024', scope: 'channel', build: (s, c) => message(EXIT_KK, s, 'channel', c), contains: ['4,2'], patterns: [] },
  { name: 'group chat @mention: e-mail (d18)', scope: 'groupChat', build: (s, c) => message('Hvad er e-mailadressen til Center for Sikker By?', s, 'groupChat', c), contains: [], patterns: ['id@okf\\.kk\\.dk'] },
  { name: 'Action.Submit ask: Exit KK 2024', scope: 'personal', build: (s, c) => ({ ...activity('message', s, 'personal', c), value: { action: 'ask', question: EXIT_KK } }), contains: ['4,2'], patterns: [] },
  { name: 'personal: 18+ Rådmandsgade (d10)', scope: 'personal', build: (s, c) => message('Hvad koster 18+ Rådmandsgade?', s, 'personal', c), contains: [], patterns: ['4\\.5'] },
  { name: 'personal: start of Sikker By (d25)', scope: 'personal', build: (s, c) => message('Hvornår begyndte Sikker By?', s, 'personal', c), contains: [], patterns: ['2010'] },
  { name: 'personal, English: Ny Start 2026 (d17)', scope: 'personal', build: (s, c) => ({ ...message('How much does Ny Start receive in 2026?', s, 'personal', c), locale: 'en-US' }), contains: [], patterns: ['6\\.8'] },
];

interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly problem?: string;
  /** The card, answer ids blanked, to compare before and after. */
  readonly card?: string;
}

async function runChecks(botUrl: string, connector: Awaited<ReturnType<typeof startRecordingConnector>>, agent: http.Agent, round: string): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [i, check] of CHECKS.entries()) {
    const conversationId = check.scope === 'personal' ? `a:check-${round}-${i}` : `19:check-${round}-${i}@thread.tacv2`;
    const outcome = await post(botUrl, { kind: 'check', method: 'POST', headers: JSON_HEADERS, body: encode(check.build(connector.url, conversationId)) }, agent);
    if ('error' in outcome || outcome.status !== 200) {
      results.push({ name: check.name, ok: false, problem: `HTTP ${'error' in outcome ? outcome.error : outcome.status}` });
      continue;
    }
    const cards = connector
      .sentTo(conversationId)
      .flatMap((r) => ((r.activity.attachments ?? []) as { contentType?: string; content?: unknown }[]).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content));
    if (cards.length !== 1) {
      results.push({ name: check.name, ok: false, problem: `${cards.length} answer cards received (expected 1)` });
      continue;
    }
    const text = replyStrings(cards[0]).join('\n');
    const missing = [...check.contains.filter((s) => !text.includes(s)), ...check.patterns.filter((p) => !new RegExp(p).test(evalFold(text)))];
    const card = JSON.stringify(cards[0]).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>');
    results.push({ name: check.name, ok: missing.length === 0, card, ...(missing.length ? { problem: `missing ${missing.join(', ')} in: ${text.replace(/\s+/g, ' ').slice(0, 200)}` } : {}) });
  }
  return results;
}

// ---------------------------------------------------------------------------

const preview = (body: Buffer) => {
  const text = body.toString('utf8');
  const shown = text.length > 300 ? `${text.slice(0, 240)}… (${body.length} bytes) …${text.slice(-40)}` : text;
  return JSON.stringify(shown);
};

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-fuzz-'));
  const connector = await startRecordingConnector();
  const bot = await startBot([path.join(root, 'dist', 'main.js')], {
    SQLITE_PATH: path.join(dir, 'fuzz.sqlite'),
    REMINDER_TICK_SECONDS: '0',
    // Every input comes from one user: with the per-user limit most would stop at "slow down".
    RATE_LIMIT_PER_MINUTE: '0',
  });
  const pid = bot.child.pid ?? 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let exited: string | undefined;
  bot.child.on('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));

  // What the bot logs about failed turns and requests: not a goal, but each is an input it did not expect.
  // Lines are pino's JSON on standard output, or "message {fields}" from the console logger.
  const botErrors = new Map<string, number>();
  const lastLines: string[] = [];
  const tally = (line: string) => {
    lastLines.push(line);
    if (lastLines.length > 30) lastLines.shift();
    let fields: { msg?: unknown; error?: unknown; where?: unknown } | undefined;
    try {
      const json = line.startsWith('{') ? line : line.slice(line.indexOf(' {') + 1);
      fields = { msg: line.startsWith('{') ? undefined : line.slice(0, line.indexOf(' {')), ...(JSON.parse(json) as object) };
    } catch {
      return;
    }
    const msg = String(fields.msg ?? '');
    if (!/^(turn failed|request failed|could not)/.test(msg)) return;
    const key = `${msg}: ${String(fields.error ?? '?')} ${String(fields.where ?? '').split(' < ')[0] ?? ''}`;
    botErrors.set(key, (botErrors.get(key) ?? 0) + 1);
  };
  for (const stream of [bot.child.stdout, bot.child.stderr]) {
    let tail = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (tail + chunk.toString('utf8')).split('\n');
      tail = lines.pop() ?? '';
      lines.forEach(tally);
    });
  }

  const memory: number[] = [];
  let healthFailures = 0;
  const sampler = setInterval(() => {
    if (exited) return;
    try {
      memory.push(rssMiB(pid));
    } catch {
      // The process is gone; `exited` tells.
    }
  }, 250);
  const health = setInterval(() => {
    fetch(`${bot.url}/healthz`, { signal: AbortSignal.timeout(10_000) }).then(
      (r) => void (r.ok || healthFailures++),
      () => void healthFailures++,
    );
  }, 1000);

  const histogram = new Map<string, Map<string, number>>();
  const findings: { kind: string; outcome: string; input: Input }[] = [];
  const latencies: number[] = [];
  const slowest: { ms: number; input: Input }[] = [];
  let fiveXX = 0;
  let failedConnections = 0;
  let fuzzSeconds: number;
  let before: CheckResult[] = [];
  let after: CheckResult[] = [];
  let memoryStart: number;
  let memoryEnd = NaN;
  try {
    before = await runChecks(bot.url, connector, agent, 'before');
    memoryStart = rssMiB(pid);
    // Made one at a time as they are sent (synchronously, so in the seed's order): a few are megabytes.
    const next = generator(new Rng(seed), connector.url);
    let sent = 0;
    let done = 0;
    const started = performance.now();
    const progress = setInterval(() => process.stderr.write(`\r${done}/${count} sent`), 2000);
    const worker = async () => {
      while (sent < count && !exited) {
        sent++;
        const input = next();
        const t0 = performance.now();
        const outcome = await post(bot.url, input, agent);
        const ms = performance.now() - t0;
        latencies.push(ms);
        if (slowest.length < 3 || ms > (slowest.at(-1)?.ms ?? 0)) {
          slowest.push({ ms, input });
          slowest.sort((a, b) => b.ms - a.ms);
          slowest.length = Math.min(slowest.length, 3);
        }
        done++;
        const label = 'error' in outcome ? `error ${outcome.error}` : String(outcome.status);
        const byKind = histogram.get(input.kind) ?? new Map<string, number>();
        byKind.set(label, (byKind.get(label) ?? 0) + 1);
        histogram.set(input.kind, byKind);
        if ('error' in outcome) failedConnections++;
        else if (outcome.status >= 500) fiveXX++;
        if ('error' in outcome || outcome.status >= 500) findings.push({ kind: input.kind, outcome: 'error' in outcome ? outcome.error : `${outcome.status} ${outcome.body.slice(0, 200)}`, input });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    clearInterval(progress);
    process.stderr.write('\n');
    fuzzSeconds = (performance.now() - started) / 1000;
    if (!exited) after = await runChecks(bot.url, connector, agent, 'after');
    if (!exited) memoryEnd = rssMiB(pid);
  } finally {
    clearInterval(sampler);
    clearInterval(health);
    agent.destroy();
    await stop(bot.child);
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }

  // The figures.
  const statuses = new Map<string, number>();
  for (const byKind of histogram.values()) for (const [s, c] of byKind) statuses.set(s, (statuses.get(s) ?? 0) + c);
  const format = (m: Map<string, number>) => [...m].sort(([a], [b]) => a.localeCompare(b)).map(([s, c]) => `${s}: ${c}`).join(', ');
  console.log(`\nfuzz: ${count} inputs, seed ${seed}, concurrency ${concurrency}, ${fuzzSeconds.toFixed(1)} s (repeat: npm run fuzz -- --seed ${seed} --count ${count})`);
  console.log(`status codes: ${format(statuses)}`);
  console.log('by input class:');
  for (const [kind, byKind] of [...histogram].sort(([a], [b]) => a.localeCompare(b))) {
    const n = [...byKind.values()].reduce((a, b) => a + b, 0);
    console.log(`  ${kind.padEnd(13)} ${String(n).padStart(5)}  ${format(byKind)}`);
  }
  console.log(`5xx answers: ${fiveXX} (goal 0)`);
  console.log(`connection failures and timeouts: ${failedConnections} (goal 0)`);
  for (const f of findings.slice(0, 5)) console.log(`  ${f.kind} ${f.input.method} ${JSON.stringify(f.input.headers)} → ${f.outcome}\n    ${preview(f.input.body)}`);
  if (findings.length > 5) console.log(`  … and ${findings.length - 5} more`);
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(0);
  console.log(`answer time: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms; slowest inputs:`);
  for (const { ms, input } of slowest) console.log(`  ${ms.toFixed(0)} ms: ${input.kind} ${preview(input.body)}`);
  console.log(`bot process: ${exited ?? 'alive throughout'}; /healthz failures: ${healthFailures} (goal 0)`);
  if (exited) console.log(`  its last words:\n${lastLines.map((l) => `    ${l.slice(0, 400)}`).join('\n')}`);
  const peak = Math.max(...memory);
  console.log(`resident memory: ${memoryStart.toFixed(1)} MiB at the start, peak ${peak.toFixed(1)} MiB, ${memoryEnd.toFixed(1)} MiB at the end`);
  console.log(`activities received by the connector: ${connector.count()}`);
  if (botErrors.size > 0) {
    console.log('errors the bot logged (turns and requests that failed; not a goal, each is an input it did not expect):');
    for (const [key, n] of [...botErrors].sort(([, a], [, b]) => b - a).slice(0, 10)) console.log(`  ${String(n).padStart(5)} × ${key}`);
  }
  const checkLine = (label: string, results: CheckResult[]) => {
    console.log(`${label}: ${results.filter((r) => r.ok).length}/${CHECKS.length} answered correctly`);
    for (const r of results.filter((x) => !x.ok)) console.log(`  ✗ ${r.name}: ${r.problem}`);
  };
  checkLine('valid questions before the fuzz', before);
  checkLine('valid questions after the fuzz', after);
  const changed = after.filter((r, i) => r.card !== undefined && before[i]?.card !== undefined && r.card !== before[i]?.card).map((r) => r.name);
  console.log(`answers after the fuzz the same as before: ${after.length === 0 ? 'not checked' : changed.length === 0 ? 'yes' : `no (${changed.join('; ')})`}`);
  const passed =
    fiveXX === 0 && failedConnections === 0 && !exited && healthFailures === 0 && after.length === CHECKS.length && after.every((r) => r.ok) && changed.length === 0;
  console.log(passed ? 'PASS' : 'FAIL');
  process.exitCode = passed ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
