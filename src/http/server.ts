// The HTTP edge: POST /api/messages for Teams and GET /healthz for the load
// balancer. Knows restify, not the Bot Framework: the messages endpoint is a
// function of the body and the Authorization header.
import restify, { type Request, type Response } from 'restify';
import type { AddressInfo } from 'node:net';
import { describeError, type Logger } from '../log';
import { registerTabRoutes, type TabOptions } from './tab-routes';

/** Larger than any Teams activity; a bigger body is refused with 413 before it is parsed. */
const MAX_BODY_BYTES = 256 * 1024;

export type MessagesHandler = (body: unknown, authorization: string | undefined) => Promise<{ status: number; body?: unknown }>;

export type Readiness =
  | { readonly ready: true; readonly knowledgeVersion: string }
  | { readonly ready: false; readonly problems: readonly string[] };

export interface ServerOptions {
  readonly host: string;
  /** 0 picks a free port; `RunningServer.port` tells which. */
  readonly port: number;
  readonly messages: MessagesHandler;
  readonly readiness: () => Promise<Readiness>;
  readonly log: Logger;
  /** The personal tab at /tab; absent: no tab. */
  readonly tab?: TabOptions;
}

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  /** Stops accepting connections and resolves when the open ones are done. */
  close(): Promise<void>;
}

export async function startServer({ host, port, messages, readiness, log, tab }: ServerOptions): Promise<RunningServer> {
  const server = restify.createServer({ name: 'sikker-by-assistant' });
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

  server.get('/healthz', async (_req: Request, res: Response) => {
    await guarded(res, log, async () => {
      const state = await readiness();
      if (state.ready) res.send(200, { status: 'ok', knowledgeVersion: state.knowledgeVersion, storage: 'ok' });
      else res.send(503, { status: 'unavailable', problems: state.problems });
    });
  });

  if (tab) registerTabRoutes(server, tab, log);

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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
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
