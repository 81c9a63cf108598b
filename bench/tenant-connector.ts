// A stand-in Bot Connector that enforces Teams' limit of 50 requests per
// second per app per tenant the way a strict Teams would: a request that would
// make more than `perSecond` accepted requests of its tenant in any one-second
// window (sliding, not per calendar second) is answered 429 with Retry-After.
// It records when each request arrived, so that a test or the reminders
// benchmark can measure the busiest window and count duplicates at the
// receiving end. The tenant is the activity's conversation.tenantId (or
// channelData.tenant.id); the reminders benchmark and the shared-budget tests use it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Arrival {
  /** performance.now() when the request arrived. */
  readonly at: number;
  readonly tenant: string;
  readonly conversationId: string;
  /** A proactive send (POST …/activities) rather than a reply (POST …/activities/{id}). */
  readonly proactive: boolean;
  readonly status: 200 | 429;
  /** The activity's summary (reminder cards have one), to tell reminders from replies. */
  readonly summary?: string;
}

export interface TenantConnector {
  readonly url: string;
  readonly arrivals: readonly Arrival[];
  close(): Promise<void>;
}

const WINDOW_MS = 1000;

export async function startTenantConnector({ perSecond = 50 }: { readonly perSecond?: number } = {}): Promise<TenantConnector> {
  const arrivals: Arrival[] = [];
  /** Accepted arrival times per tenant, oldest first, pruned to the last window. */
  const recent = new Map<string, number[]>();
  let ids = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const match = /^\/v3\/conversations\/([^/]+)\/activities(\/[^/]+)?$/.exec((req.url ?? '').split('?')[0] ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":{"code":"NotFound"}}');
        return;
      }
      let body: { conversation?: { tenantId?: string }; channelData?: { tenant?: { id?: string } }; summary?: string } = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        // An unreadable body is still a request against the tenant's limit; it counts under ''.
      }
      const tenant = body.conversation?.tenantId ?? body.channelData?.tenant?.id ?? '';
      const times = recent.get(tenant) ?? [];
      while (times.length > 0 && at - times[0]! >= WINDOW_MS) times.shift();
      const ok = times.length < perSecond;
      if (ok) times.push(at);
      recent.set(tenant, times);
      arrivals.push({
        at,
        tenant,
        conversationId: decodeURIComponent(match[1]!),
        proactive: match[2] === undefined,
        status: ok ? 200 : 429,
        ...(typeof body.summary === 'string' ? { summary: body.summary } : {}),
      });
      if (!ok) {
        const retryAfter = Math.max(1, Math.ceil((WINDOW_MS - (at - times[0]!)) / 1000));
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) });
        res.end('{"error":{"code":"TooManyRequests","message":"over 50 requests per second for the tenant"}}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `activity-${++ids}` }));
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The most arrivals in any window of `windowMs` (sliding), e.g. of one tenant. */
export function busiestWindow(times: readonly number[], windowMs = WINDOW_MS): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
