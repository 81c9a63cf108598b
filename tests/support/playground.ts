// Microsoft 365 Agents Playground (the devDependency @microsoft/m365agentsplayground),
// the real local Teams-like client, started against a bot and driven over its
// HTTP and WebSocket API (../shared/notes/playground.md) instead of its web page.
//
// It is started as scripts/playground.mjs starts it: the loopback guard preloaded
// (the tool tries to reach the internet even with telemetry off), telemetry off,
// no browser, and port 0 (it prints the port it got). Its working folder, with its
// log and optional configuration, is a fresh temporary one.
//
// The bot's replies arrive over the playground's WebSocket as createMessage and
// updateMessage events; `waitFor` finds one, so tests assert on what a user of the
// playground would see, not on the bot's internals.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

const root = path.resolve(__dirname, '..', '..');
const GUARD = path.join(root, 'tools', 'loopback-only.cjs');
const CLI = path.join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');

interface Member {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId?: string;
  readonly userPrincipleName?: string;
}

/** What the playground simulates (GET /_internal/v1/testConfig). */
interface PlaygroundIds {
  readonly tenantId: string;
  readonly bot: { readonly id: string; readonly name: string };
  readonly currentUser: Member;
  readonly users: readonly Member[];
  readonly personalChat: { readonly id: string };
  readonly groupChats: readonly { readonly id: string; readonly name: string }[];
  readonly teams: readonly { readonly id: string; readonly name: string; readonly channels: readonly { readonly id: string; readonly name: string }[] }[];
}

/** A message as the playground shows it: what the bot created or last updated it to. */
export interface PlaygroundMessage {
  readonly action: 'createMessage' | 'updateMessage';
  /** The conversation (for a channel, the channel: without the thread). */
  readonly conversationId: string;
  /** In a channel, the message that started the thread it is in (from `;messageid=` of the conversation id). */
  readonly threadId?: string;
  readonly messageId: string;
  readonly text?: string;
  readonly attachments: readonly { readonly contentType: string; readonly content?: unknown }[];
  /** The whole message object the playground received. */
  readonly raw: Record<string, unknown>;
}

/** Where a user speaks: the personal chat, the group chat, a team's General channel, or a conversation id. */
type Where = 'personal' | 'groupChat' | 'channel' | { readonly conversationId: string };

export interface Playground {
  /** http://127.0.0.1:PORT: the web page and the API. */
  readonly url: string;
  readonly ids: PlaygroundIds;
  /** Every createMessage/updateMessage seen so far, oldest first. */
  readonly messages: readonly PlaygroundMessage[];
  conversationId(where: Where): string;
  /** Installs the bot in a conversation: the bot receives installationUpdate and conversationUpdate. */
  install(where?: Where): Promise<void>;
  /** The current user writes; outside the personal chat the bot is @mentioned unless `mention` is false. */
  say(text: string, where?: Where, options?: { readonly mention?: boolean }): Promise<void>;
  /** An Action.Submit pressed on the message `replyToId` (its value is the button's data). */
  submit(value: unknown, replyToId: string, where?: Where): Promise<void>;
  /** An Action.Execute pressed on the message `replyToId`; resolves to the bot's invoke response as the playground returns it. */
  execute(verb: string, data: unknown, replyToId: string, where?: Where): Promise<unknown>;
  /**
   * The first message seen (from `since`, an index into `messages`) that matches,
   * waiting up to `timeoutMs` (10 s by default) for it.
   */
  waitFor(match: (m: PlaygroundMessage) => boolean, options?: { readonly since?: number; readonly timeoutMs?: number }): Promise<PlaygroundMessage>;
  /** Stops the playground and removes its folder. */
  close(): Promise<void>;
}

export interface PlaygroundOptions {
  /** The bot's messages endpoint, e.g. `${bot.url}/api/messages`. */
  readonly endpoint: string;
  /**
   * `.m365agentsplayground.yml` as an object (see playground.md: exactly 5 users,
   * unique ids); absent: the playground's defaults (Alex Wilber and four others).
   */
  readonly config?: Record<string, unknown>;
}

/** A card's content, for assertions: the adaptive card of a message's first card attachment. */
export function cardOf(message: PlaygroundMessage): Record<string, unknown> | undefined {
  const card = message.attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return card?.content as Record<string, unknown> | undefined;
}

/** The Action.Submit and Action.Execute buttons of a card, wherever they are nested, with their data. */
export function buttonsOf(card: unknown): { title: string; type: string; verb?: string; data?: unknown }[] {
  const found: { title: string; type: string; verb?: string; data?: unknown }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if ((n.type === 'Action.Submit' || n.type === 'Action.Execute') && typeof n.title === 'string') {
      found.push({ title: n.title, type: n.type, ...(typeof n.verb === 'string' ? { verb: n.verb } : {}), data: n.data });
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'fallback') visit(value);
  };
  visit(card);
  return found;
}

export async function startPlayground({ endpoint, config }: PlaygroundOptions): Promise<Playground> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-playground-'));
  if (config) writeFileSync(path.join(dir, '.m365agentsplayground.yml'), stringify(config));
  const child = spawn(process.execPath, ['--require', GUARD, CLI, '-e', endpoint, '-c', 'msteams', '--dt', '-p', '0'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // jest's NODE_OPTIONS (the guard again, maybe an inspector) are not the tool's business.
      NODE_OPTIONS: '',
      TEAMSAPPTESTER_BROWSER: 'none',
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dir, 'playground.log'),
    },
  });
  let url: string;
  try {
    url = `http://127.0.0.1:${await listeningPort(child)}`;
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    return await connect(url, stop);
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The port from the playground's "Listening on N" line (written to stdout when it is not a terminal). */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the playground did not start within 30 s: ${err.slice(0, 500)}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = /Listening on (\d+)/.exec(out)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(Number(port));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the playground exited (${signal ?? code}) before listening: ${err.slice(0, 500)}`));
    });
  });
}

async function connect(url: string, stop: () => Promise<void>): Promise<Playground> {
  const call = async (method: string, route: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${url}${route}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`playground ${method} ${route}: ${res.status} ${text.slice(0, 300)}`);
    return text === '' ? undefined : JSON.parse(text);
  };
  const { config: ids } = (await call('GET', '/_internal/v1/testConfig')) as { config: PlaygroundIds };

  const messages: PlaygroundMessage[] = [];
  const waiting = new Set<() => void>();
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
  socket.addEventListener('message', (event) => {
    const data = JSON.parse(String(event.data)) as { action?: string; actionConversationId?: string; message?: Record<string, unknown> };
    if ((data.action !== 'createMessage' && data.action !== 'updateMessage') || !data.message) return;
    const m = data.message;
    const [conversationId = '', thread] = String(data.actionConversationId ?? '').split(';messageid=');
    messages.push({
      action: data.action,
      conversationId,
      ...(thread ? { threadId: thread } : {}),
      messageId: String(m.messageId ?? m.id ?? ''),
      ...(typeof m.text === 'string' ? { text: m.text } : {}),
      attachments: Array.isArray(m.attachments) ? (m.attachments as PlaygroundMessage['attachments']) : [],
      raw: m,
    });
    for (const wake of waiting) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('could not open the playground WebSocket')), { once: true });
  });

  const conversationId = (where: Where): string => {
    if (typeof where === 'object') return where.conversationId;
    if (where === 'personal') return ids.personalChat.id;
    if (where === 'groupChat') return first(ids.groupChats, 'group chat').id;
    return first(first(ids.teams, 'team').channels, 'channel').id;
  };
  const from = { id: ids.currentUser.id };

  return {
    url,
    ids,
    messages,
    conversationId,
    async install(where = 'personal') {
      await call('POST', `/_debug/conversation/${encodeURIComponent(conversationId(where))}/installation`, {});
    },
    async say(text, where = 'personal', { mention = where !== 'personal' } = {}) {
      const at = `<at>${ids.bot.name}</at>`;
      await call('POST', `/_conversation/v1/conversations/${encodeURIComponent(conversationId(where))}/messages`, {
        from,
        text: mention ? `${at} ${text}` : text,
        textFormat: 'plain',
        ...(mention ? { mentions: [{ mentioned: { id: ids.bot.id, name: ids.bot.name }, text: at }] } : {}),
      });
    },
    async submit(value, replyToId, where = 'personal') {
      await call('POST', '/_conversation/v1/submit', { conversation: { id: conversationId(where) }, from, replyToId, value });
    },
    execute(verb, data, replyToId, where = 'personal') {
      return call('POST', '/_conversation/v1/invoke', {
        name: 'adaptiveCard/action',
        conversation: { id: conversationId(where) },
        from,
        replyToId,
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      });
    },
    waitFor(match, { since = 0, timeoutMs = 10_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.slice(since).find(match);
          if (!found) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          const seen = messages.slice(since).map((m) => `${m.action} in ${m.conversationId}: ${m.text ?? ''} [${m.attachments.length} attachment(s)]`);
          reject(new Error(`no such message within ${timeoutMs} ms; seen: ${JSON.stringify(seen).slice(0, 1000)}`));
        }, timeoutMs);
        waiting.add(check);
        check();
      });
    },
    async close() {
      socket.close();
      await stop();
    },
  };
}

function first<T>(list: readonly T[], what: string): T {
  const item = list[0];
  if (item === undefined) throw new Error(`the playground has no ${what}`);
  return item;
}
