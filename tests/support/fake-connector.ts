// A stand-in for the Bot Connector service on 127.0.0.1: the bot's replies,
// card updates, proactive messages, new 1:1 conversations and roster reads
// arrive here as real HTTP requests, because the activities and conversation
// references the tests use name this server as their serviceUrl.
//
// `sent` holds only what the connector accepted and answered: an injected
// fault, a hung request or a request whose client went away before the answer
// was written is never in `sent`, only in `attempts`, so tests can count
// deliveries exactly.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An activity the bot sent, as the Bot Connector received it. */
interface Sent {
  readonly method: 'POST' | 'PUT';
  readonly conversationId: string;
  /** POST: the activity replied to; PUT: the activity updated. */
  readonly targetId?: string;
  /** The id the connector gave back (POST) or the updated id (PUT). */
  readonly id: string;
  /** The JSON the bot sent, loosely typed so that tests can read into it. */
  readonly activity: Record<string, any>;
}

/** send: POST …/activities[/{id}]; update: PUT …/activities/{id}; create: POST /v3/conversations. */
type Route = 'send' | 'update' | 'create' | 'members' | 'pagedmembers';

/**
 * One request, whatever became of it. `pending` while the connector has not
 * answered (a delay, or a hang that never will); `aborted` when the client
 * disconnected before the answer was written.
 */
export interface Attempt {
  readonly route: Route | undefined;
  readonly method: string;
  readonly url: string;
  readonly conversationId?: string;
  readonly body: Record<string, any>;
  readonly outcome: 'pending' | 'ok' | 'faulted' | 'aborted' | 'unrouted';
  /** The status written, once one was. */
  readonly status?: number;
  /** The injected fault that answered it, if any. */
  readonly fault?: Fault;
}

/** A scripted answer for the next matching requests, instead of the normal one. */
export interface Fault {
  /** How many matching requests it answers (default 1). */
  readonly times?: number;
  /** Only requests of this route (default: any). */
  readonly route?: Route;
  /** Only requests to this conversation (default: any). */
  readonly conversationId?: string;
  /** The status to answer with (default 500; ignored with `hang`). */
  readonly status?: number;
  /** The Retry-After header value, seconds or an HTTP date. */
  readonly retryAfter?: string;
  /** The Bot Connector error code, answered as `{ error: { code, message } }`. */
  readonly code?: string;
  /** Never answer (until the client disconnects or the connector closes). */
  readonly hang?: boolean;
  /** Wait this long before answering with the fault. */
  readonly delayMs?: number;
}

/** A member as GET …/members and …/pagedmembers return it. */
export interface RosterEntry {
  readonly id: string;
  readonly name?: string;
  readonly aadObjectId?: string;
  readonly userPrincipalName?: string;
  readonly email?: string;
  readonly [key: string]: unknown;
}

/** A conversation the bot created with POST /v3/conversations. */
interface Created {
  readonly id: string;
  /** The ConversationParameters the bot sent. */
  readonly parameters: Record<string, any>;
}

export interface FakeConnectorOptions {
  /** Delay before every normal answer (see also `delay`). */
  readonly delayMs?: number;
  /** The roster every conversation has unless `setRoster` names it. */
  readonly roster?: readonly RosterEntry[];
}

export interface FakeConnector {
  readonly url: string;
  readonly sent: readonly Sent[];
  /** Every request in arrival order, delivered or not. */
  readonly attempts: readonly Attempt[];
  /** Conversations created through POST /v3/conversations (a second create for the same member gets the same id). */
  readonly created: readonly Created[];
  /** Everything sent to one conversation, in order. */
  to(conversationId: string): Sent[];
  /** Resolves with the first activity (already sent or still to come) that matches, or rejects after timeoutMs. */
  waitFor(predicate: (s: Sent) => boolean, timeoutMs?: number): Promise<Sent>;
  /** Like waitFor, for any request as soon as it arrives or changes outcome. */
  waitForAttempt(predicate: (a: Attempt) => boolean, timeoutMs?: number): Promise<Attempt>;
  /** Queues a fault; faults are matched in the order they were queued. */
  fail(fault: Fault): void;
  /** Sets the delay before every normal answer from now on (0: none). */
  delay(ms: number): void;
  /** Sets the roster of one conversation, or the default roster when conversationId is omitted. */
  setRoster(members: readonly RosterEntry[], conversationId?: string): void;
  close(): Promise<void>;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?$/;
const MEMBERS = /^\/v3\/conversations\/([^/]+)\/(members|pagedmembers)\/?$/;
const CONVERSATIONS = /^\/v3\/conversations\/?$/;

interface Routed {
  readonly route: Route;
  readonly conversationId?: string;
  readonly targetId?: string;
}

function routeOf(method: string | undefined, pathname: string): Routed | undefined {
  const decode = (s: string | undefined) => (s === undefined ? undefined : decodeURIComponent(s));
  const activities = ACTIVITIES.exec(pathname);
  if (activities) {
    const conversationId = decode(activities[1]);
    const targetId = decode(activities[2]);
    if (method === 'POST') return { route: 'send', conversationId, targetId };
    if (method === 'PUT' && targetId) return { route: 'update', conversationId, targetId };
    return undefined;
  }
  const members = MEMBERS.exec(pathname);
  if (members && method === 'GET') return { route: members[2] === 'members' ? 'members' : 'pagedmembers', conversationId: decode(members[1]) };
  if (CONVERSATIONS.test(pathname) && method === 'POST') return { route: 'create' };
  return undefined;
}

interface Scripted {
  readonly fault: Fault;
  left: number;
}

type MutableAttempt = { -readonly [K in keyof Attempt]: Attempt[K] };

export async function startFakeConnector({ delayMs = 0, roster = [] }: FakeConnectorOptions = {}): Promise<FakeConnector> {
  const sent: Sent[] = [];
  const attempts: MutableAttempt[] = [];
  const created: Created[] = [];
  const script: Scripted[] = [];
  const rosters = new Map<string, readonly RosterEntry[]>();
  let defaultRoster = roster;
  let delay = delayMs;
  const timers = new Set<NodeJS.Timeout>();
  const waiters = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of waiters) wake();
  };

  const takeFault = (routed: Routed | undefined): Fault | undefined => {
    const entry = script.find(
      (s) =>
        s.left > 0 &&
        (s.fault.route === undefined || s.fault.route === routed?.route) &&
        (s.fault.conversationId === undefined || s.fault.conversationId === routed?.conversationId),
    );
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left === 0) script.splice(script.indexOf(entry), 1);
    return entry.fault;
  };

  const later = (ms: number, run: () => void) => {
    if (ms <= 0) return run();
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  /** Records the normal answer of a routed request and returns its JSON; called only when the answer is written. */
  const commit = (routed: Routed, body: Record<string, any>, query: URLSearchParams): unknown => {
    const conversationId = routed.conversationId ?? '';
    const members = rosters.get(conversationId) ?? defaultRoster;
    switch (routed.route) {
      case 'send':
      case 'update': {
        const method = routed.route === 'send' ? 'POST' : 'PUT';
        const id = method === 'PUT' && routed.targetId ? routed.targetId : `activity-${sent.length + 1}`;
        sent.push({ method, conversationId, targetId: routed.targetId, id, activity: body });
        return { id };
      }
      case 'create': {
        // Teams creates a 1:1 chat once and gives back the same id afterwards.
        const memberOf = (parameters: Record<string, any>) => String(parameters.members?.[0]?.id ?? '');
        const existing = body.isGroup ? undefined : created.find((c) => !c.parameters.isGroup && memberOf(c.parameters) === memberOf(body));
        if (existing) return { id: existing.id };
        const id = `a:created-${created.length + 1}`;
        created.push({ id, parameters: body });
        return { id };
      }
      case 'members':
        return members;
      case 'pagedmembers': {
        const pageSize = Number(query.get('pageSize') ?? '') || members.length || 1;
        const start = Number(query.get('continuationToken') ?? '0') || 0;
        const end = start + pageSize;
        return { members: members.slice(start, end), ...(end < members.length ? { continuationToken: String(end) } : {}) };
      }
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://connector');
      const method = req.method ?? 'GET';
      const routed = routeOf(method, url.pathname);
      const text = Buffer.concat(chunks).toString('utf8');
      const body: Record<string, any> = text ? JSON.parse(text) : {};
      const fault = routed ? takeFault(routed) : undefined;
      const attempt: MutableAttempt = {
        route: routed?.route,
        method,
        url: req.url ?? '',
        conversationId: routed?.conversationId,
        body,
        outcome: 'pending',
        fault,
      };
      attempts.push(attempt);
      wakeAll();
      res.on('close', () => {
        if (attempt.outcome !== 'pending') return;
        attempt.outcome = 'aborted';
        wakeAll();
      });

      const write = (status: number, json: () => unknown, outcome: Attempt['outcome'], headers: Record<string, string> = {}) => {
        // The client went away while we waited: nothing was delivered.
        if (attempt.outcome !== 'pending' || res.destroyed) return;
        const text = JSON.stringify(json());
        attempt.outcome = outcome;
        attempt.status = status;
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(text);
        wakeAll();
      };

      if (!routed) {
        write(404, () => ({ error: { code: 'NotFound', message: `${method} ${req.url}` } }), 'unrouted');
        return;
      }
      if (fault) {
        if (fault.hang) return;
        const status = fault.status ?? 500;
        const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter };
        const json = () => ({ error: { ...(fault.code === undefined ? {} : { code: fault.code }), message: `injected fault ${status}` } });
        later(fault.delayMs ?? 0, () => write(status, json, 'faulted', headers));
        return;
      }
      later(delay, () => write(200, () => commit(routed, body, url.searchParams), 'ok'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  function waitUntil<T>(find: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(describe()));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    attempts,
    created,
    to: (conversationId) => sent.filter((s) => s.conversationId === conversationId),
    waitFor: (predicate, timeoutMs = 5000) =>
      waitUntil(
        () => sent.find(predicate),
        timeoutMs,
        () => `no matching activity within ${timeoutMs} ms; sent: ${JSON.stringify(sent.map((s) => s.activity.type))}`,
      ),
    waitForAttempt: (predicate, timeoutMs = 5000) =>
      waitUntil(
        () => attempts.find(predicate),
        timeoutMs,
        () => `no matching request within ${timeoutMs} ms; attempts: ${JSON.stringify(attempts.map((a) => `${a.method} ${a.url} ${a.outcome}`))}`,
      ),
    fail: (fault) => {
      script.push({ fault, left: fault.times ?? 1 });
    },
    delay: (ms) => {
      delay = ms;
    },
    setRoster: (members, conversationId) => {
      if (conversationId === undefined) defaultRoster = members;
      else rosters.set(conversationId, members);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
