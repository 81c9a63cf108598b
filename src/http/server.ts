// The HTTP edge: POST /api/messages for Teams, GET /healthz (alive) and
// GET /readyz (ready to serve) for the platform, GET /metrics for Prometheus,
// the personal tab, and `/` for a person who opens the address in a browser.
// Knows restify, not the Bot Framework: the messages endpoint is a function of
// the body and the Authorization header.
import restify, { type Next, type Request, type Response } from 'restify';
import type { AddressInfo } from 'node:net';
import { describeError, type Logger } from '../log';
import { registerHome } from './home';
import { registerTabRoutes, type TabOptions } from './tab-routes';

/** Larger than any Teams activity; a bigger body is refused with 413 before it is parsed. */
const MAX_BODY_BYTES = 256 * 1024;

type MessagesHandler = (body: unknown, authorization: string | undefined) => Promise<{ status: number; body?: unknown }>;

interface Readiness {
  readonly ready: boolean;
  readonly knowledgeVersion?: string;
  /** What is wrong; may be there while ready (e.g. a failed knowledge reload while the last good one serves). */
  readonly problems?: readonly string[];
}

/** A metrics registry as the server sees it: text in some content type. */
interface MetricsSource {
  readonly contentType: string;
  render(): Promise<string>;
}

export interface ServerOptions {
  readonly host: string;
  /** 0 picks a free port; `RunningServer.port` tells which. */
  readonly port: number;
  readonly messages: MessagesHandler;
  readonly readiness: () => Promise<Readiness>;
  readonly log: Logger;
  /** GET /metrics; absent: no such route. */
  readonly metrics?: MetricsSource;
  /** The personal tab at /tab; absent: no tab. */
  readonly tab?: TabOptions;
  /** The README that `/` links to (served at /README.md); absent: `/` is a 404. */
  readonly readmePath?: string;
  /** How long a request may take to arrive, body included (a slow sender holds a socket and memory). */
  readonly requestArrivalMs?: number;
  /** Open connections at most; more are closed as they come (Teams needs a handful per instance). */
  readonly maxConnections?: number;
}

const REQUEST_ARRIVAL_MS = 10_000;
const MAX_CONNECTIONS = 1_000;

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  /** Stops accepting connections and resolves when the open ones are done. */
  close(): Promise<void>;
}

export async function startServer({
  host,
  port,
  messages,
  readiness,
  log,
  metrics,
  tab,
  readmePath,
  requestArrivalMs = REQUEST_ARRIVAL_MS,
  maxConnections = MAX_CONNECTIONS,
}: ServerOptions): Promise<RunningServer> {
  const server = restify.createServer({ name: 'sikker-by-assistant' });
  // Teams never compresses what it posts. restify's body reader inflates gzip without
  // an error handler (a body that is not gzip crashed the process) and applies the size
  // limit before inflating (a small body could inflate to gigabytes): refuse any encoding.
  // Node's own request timeout is 300 s and checked every 30 s: a body sent a byte at a
  // time held its socket for over five minutes. The whole request must arrive in time.
  server.server.headersTimeout = requestArrivalMs;
  server.server.maxConnections = maxConnections;
  server.pre((req: Request, res: Response, next: Next) => {
    const timer = setTimeout(() => {
      log.info('closed a request that did not arrive in time', { path: pathOf(req), ms: requestArrivalMs });
      req.socket.destroy();
    }, requestArrivalMs);
    const done = () => clearTimeout(timer);
    req.once('end', done);
    req.once('close', done);
    res.once('finish', done);
    return next();
  });
  server.pre((req: Request, res: Response, next: Next) => {
    if (req.headers['content-encoding'] === undefined) return next();
    log.info('refused a request', { status: 415, path: pathOf(req), reason: 'Content-Encoding is not supported' });
    res.send(415, { error: 'Content-Encoding is not supported.' });
    return next(false);
  });
  // restify's own refusals (unparsable or oversized body, unknown route, wrong method) say why in the log.
  server.on('restifyError', (req: Request, _res: Response, err: { statusCode?: number; name?: string }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) log.info('refused a request', { status, path: pathOf(req), reason: err.name });
    callback();
  });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  // restify 11 refuses handlers of two parameters that are not async.
  server.post('/api/messages', async (req: Request, res: Response) => {
    await guarded(res, log, async () => {
      const header = req.headers.authorization;
      const result = await messages(req.body, typeof header === 'string' ? header : undefined);
      if (result.body === undefined) res.send(result.status);
      else res.send(result.status, result.body);
    });
  });

  // Liveness: the process serves requests. Restarting for a database outage would not help, so nothing else is checked.
  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  // Readiness: send traffic here (knowledge loaded, storage reachable); 503 with what is wrong otherwise.
  server.get('/readyz', async (_req: Request, res: Response) => {
    await guarded(res, log, async () => {
      const { ready, knowledgeVersion, problems = [] } = await readiness();
      if (ready) res.send(200, { status: 'ready', knowledgeVersion, storage: 'ok', problems });
      else res.send(503, { status: 'unavailable', problems });
    });
  });

  if (metrics) {
    server.get('/metrics', async (_req: Request, res: Response) => {
      await guarded(res, log, async () => {
        res.sendRaw(200, await metrics.render(), { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
      });
    });
  }

  if (tab) registerTabRoutes(server, tab, log);
  if (readmePath) registerHome(server, { readmePath, tab: tab !== undefined, metrics: metrics !== undefined }, log);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Stops accepting; requests in flight finish. Keep-alive connections that fall
        // idle afterwards are closed at once rather than after their idle timeout.
        const sweep = setInterval(() => server.server.closeIdleConnections(), 50);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
      }),
  };
}

/** The request's path without its query, capped: anyone may send any path. */
function pathOf(req: Request): string {
  return req.getPath().slice(0, 100);
}

/** The error boundary of a request: log the failure (never the body) and answer 500 if nothing was sent yet. */
async function guarded(res: Response, log: Logger, handle: () => Promise<void>): Promise<void> {
  try {
    await handle();
  } catch (err) {
    log.error('request failed', describeError(err));
    if (!res.headersSent) res.send(500, { error: 'Internal error' });
  }
}
