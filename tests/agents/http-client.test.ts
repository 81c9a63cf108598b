// The Agents SDK edge's HttpClient over node:http (src/agents/http-client.ts),
// against a real HTTP server on 127.0.0.1: what the request carries, how an
// error answer comes back (as the SDK's HttpError), the time limit, keep-alive
// sockets, and that the edge's ConnectorClients really use it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Activity, type ConversationReference } from '@microsoft/agents-activity';
import { HttpError, type ConnectorClient } from '@microsoft/agents-hosting';
import { createAgentsAdapter } from '../../src/agents/adapter';
import { NodeHttpClient } from '../../src/agents/http-client';
import { loadConfig } from '../../src/config';
import type { Logger } from '../../src/log';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly socket: string;
  closed: boolean;
}

let server: http.Server;
let base: string;
const seen: Seen[] = [];
/** How the server answers the next request; undefined: 200 with { id }. */
let answer: ((res: http.ServerResponse) => void) | undefined;
// Not res.writeHead(…).end(…): restify, loaded by an earlier suite in the same worker, replaces writeHead with one that does not chain.
const reply = (res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const entry: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, socket: `${req.socket.remotePort}`, closed: false };
      seen.push(entry);
      res.on('close', () => (entry.closed = !res.writableFinished));
      const respond = answer ?? ((r: http.ServerResponse) => reply(r, 200, JSON.stringify({ id: `a${seen.length}` })));
      answer = undefined;
      respond(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

const client = (timeoutMs = 2_000) => new NodeHttpClient({ baseURL: `${base}/`, headers: { Authorization: 'Bearer t', 'User-Agent': 'test' } }, timeoutMs);

it('sends JSON with the default and the call headers and the set parameters, and reads the JSON answer', async () => {
  const response = await client().request<{ id: string }>({ method: 'post', url: 'v3/conversations/a%3A1/activities', data: { type: 'message', text: 'hej' }, params: { pageSize: '50', continuationToken: undefined } });
  expect(response).toMatchObject({ status: 200, data: { id: 'a1' } });
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({ method: 'POST', url: '/v3/conversations/a%3A1/activities?pageSize=50', body: '{"type":"message","text":"hej"}' });
  expect(seen[0]!.headers).toMatchObject({ authorization: 'Bearer t', 'user-agent': 'test', 'content-type': 'application/json' });
});

it('answers a non-2xx with the SDK HttpError, its status, body and headers', async () => {
  answer = (res) => reply(res, 429, JSON.stringify({ error: { code: 'Throttled' } }), { 'retry-after': '3' });
  const error: unknown = await client().request({ method: 'post', url: '/v3/conversations/c/activities', data: {} }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HttpError);
  const { status, response } = error as HttpError;
  expect(status).toBe(429);
  expect(response.data).toEqual({ error: { code: 'Throttled' } });
  expect(response.headers.get('retry-after')).toBe('3');
});

it('aborts a request that is not answered within its time limit, closing the socket', async () => {
  answer = () => {}; // never answers
  const started = Date.now();
  const error = (await client(300).request({ method: 'post', url: '/v3/conversations/c/activities', data: {} }).catch((e: unknown) => e)) as Error;
  expect(error.name).toBe('AbortError');
  expect(Date.now() - started).toBeLessThan(2_000);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(seen[0]!.closed).toBe(true);
});

it("lets the caller's abort signal decide instead of the time limit", async () => {
  answer = (res) => setTimeout(() => reply(res, 200, '{"id":"late"}'), 500);
  const response = await client(100).request<{ id: string }>({ method: 'get', url: '/v3/slow', signal: AbortSignal.timeout(5_000) });
  expect(response.data).toEqual({ id: 'late' });
});

it('keeps the connection for the next request', async () => {
  const c = client();
  await c.request({ method: 'post', url: '/one', data: {} });
  await c.request({ method: 'post', url: '/two', data: {} });
  // Another client of the same process (the next turn's) reuses it too.
  await client().request({ method: 'post', url: '/three', data: {} });
  expect(new Set(seen.map((s) => s.socket)).size).toBe(1);
});

it("is the transport of the edge's ConnectorClients, whose replies arrive", async () => {
  const errors: string[] = [];
  const log: Logger = { info: () => {}, warn: () => {}, error: (m, f) => errors.push(`${m} ${JSON.stringify(f)}`) };
  const { bot, defaultLang } = loadConfig({ NODE_ENV: 'test' });
  const { adapter } = createAgentsAdapter(bot, { defaultLang, log });
  const reference = { channelId: 'msteams', serviceUrl: base, conversation: { id: 'a:transport', isGroup: false }, bot: { id: '28:bot' }, user: { id: '29:user' } };
  let transport: unknown;
  await adapter.continueConversation({}, reference as ConversationReference, async (context) => {
    const connector = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
    transport = connector.httpClient;
    await connector.sendToConversation('a:transport', Activity.fromObject({ type: 'message', text: 'hej' }));
  });
  expect(errors).toEqual([]);
  expect(transport).toBeInstanceOf(NodeHttpClient);
  expect(seen.map((s) => [s.method, s.url])).toEqual([['POST', '/v3/conversations/a:transport/activities']]);
  expect(JSON.parse(seen[0]!.body)).toMatchObject({ type: 'message', text: 'hej' });
});
