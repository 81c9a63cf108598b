// A stand-in for the Bot Connector service on 127.0.0.1: the bot's replies and
// card updates arrive here as real HTTP requests, because the activities the
// tests send name this server as their serviceUrl.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An activity the bot sent, as the Bot Connector received it. */
export interface Sent {
  readonly method: 'POST' | 'PUT';
  readonly conversationId: string;
  /** POST: the activity replied to; PUT: the activity updated. */
  readonly targetId?: string;
  /** The id the connector gave back (POST) or the updated id (PUT). */
  readonly id: string;
  /** The JSON the bot sent, loosely typed so that tests can read into it. */
  readonly activity: Record<string, any>;
}

export interface FakeConnector {
  readonly url: string;
  readonly sent: readonly Sent[];
  /** Everything sent to one conversation, in order. */
  to(conversationId: string): Sent[];
  /** Resolves with the first activity (already sent or still to come) that matches, or rejects after timeoutMs. */
  waitFor(predicate: (s: Sent) => boolean, timeoutMs?: number): Promise<Sent>;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?(?:\?.*)?$/;

export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: Sent[] = [];
  const waiters = new Set<() => void>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = ROUTE.exec(req.url ?? '');
      const method = req.method;
      res.setHeader('content-type', 'application/json');
      if (!match || (method !== 'POST' && method !== 'PUT')) {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { code: 'NotFound', message: `${method} ${req.url}` } }));
        return;
      }
      const conversationId = decodeURIComponent(match[1] ?? '');
      const targetId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
      const id = method === 'PUT' && targetId ? targetId : `activity-${sent.length + 1}`;
      const text = Buffer.concat(chunks).toString('utf8');
      sent.push({ method, conversationId, targetId, id, activity: text ? JSON.parse(text) : {} });
      for (const wake of waiters) wake();
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    to: (conversationId) => sent.filter((s) => s.conversationId === conversationId),
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = sent.find(predicate);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching activity within ${timeoutMs} ms; sent: ${JSON.stringify(sent.map((s) => s.activity.type))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
