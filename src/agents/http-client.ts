// The Agents SDK's HttpClient (every Bot Connector request of its ConnectorClient:
// replies, card updates, proactive sends) over node:http and node:https with
// keep-alive sockets, instead of the global fetch the SDK builds it on. Measured
// here (npm run bench, both edges in one run): fetch cost about 0.5 ms of CPU per
// reply more than node:http, the biggest part by which this edge was dearer
// than the botbuilder edge, whose pipeline uses node:http. Two more things
// differ from the SDK's client:
// - a request without an abort signal of its own gets a time limit
//   (connector-timeout.ts gives the Bot Connector's);
// - only JSON and text are handled here; other bodies and response types go to the
//   SDK's own implementation.
// Errors are the SDK's: an HttpError with the response for a non-2xx answer, the
// socket's error (with its code, e.g. ECONNREFUSED) when there was none.
import http from 'node:http';
import https from 'node:https';
import { HttpClient, HttpError, type HttpClientOptions, type HttpRequestConfig, type HttpResponse } from '@microsoft/agents-hosting';

// Node's own defaults for its global agents: idle sockets are closed after 5 s,
// before a server's keep-alive timeout usually closes them under a request.
const AGENT_OPTIONS = { keepAlive: true, scheduling: 'lifo', timeout: 5_000 } as const;
const agents = { 'http:': new http.Agent(AGENT_OPTIONS), 'https:': new https.Agent(AGENT_OPTIONS) };

export class NodeHttpClient extends HttpClient {
  constructor(
    options: HttpClientOptions,
    /** The time limit of a request without an abort signal of its own (a shorter timeout of its own wins). */
    private readonly timeoutMs: number,
  ) {
    super(options);
  }

  override async request<T = unknown>(config: HttpRequestConfig): Promise<HttpResponse<T>> {
    const body = bodyOf(config);
    if (body === UNHANDLED || (config.responseType !== undefined && config.responseType !== 'json')) return super.request<T>(config);
    const url = new URL(urlOf(this.baseURL, config));
    const agent = url.protocol === 'https:' ? agents['https:'] : url.protocol === 'http:' ? agents['http:'] : undefined;
    if (!agent) throw new Error(`unsupported protocol ${url.protocol}`);
    const headers = lowerCased({ ...this.defaultHeaders, ...config.headers });
    if (body.contentType && !headers['content-type']) headers['content-type'] = body.contentType;
    if (body.text !== undefined) headers['content-length'] = String(Buffer.byteLength(body.text));
    const signal = config.signal ?? AbortSignal.timeout(config.timeout !== undefined && config.timeout > 0 && config.timeout <= this.timeoutMs ? config.timeout : this.timeoutMs);
    const transport = url.protocol === 'https:' ? https : http;

    const { status, statusText, responseHeaders, text } = await new Promise<{ status: number; statusText: string; responseHeaders: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const request = transport.request(url, { method: config.method.toUpperCase(), headers, agent, signal }, (response) => {
        let received = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (received += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', responseHeaders: response.headers, text: received }));
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(body.text);
    });
    const response = { data: parsed(text) as T, status, statusText, config } as HttpResponse<T>;
    // Built when read: a Headers object costs more than the rest of the response, and a reply's is never read.
    Object.defineProperty(response, 'headers', { enumerable: true, get: () => headersOf(responseHeaders) });
    if (status < 200 || status > 299) throw new HttpError(`Request failed with status ${status}`, response as HttpResponse, config);
    return response;
  }
}

const UNHANDLED = Symbol('left to the SDK');

/** The request body as the SDK's client writes it (JSON unless it is text or a form), or UNHANDLED for binary bodies. */
function bodyOf({ data, headers }: HttpRequestConfig): { text?: string; contentType?: string } | typeof UNHANDLED {
  if (data === undefined || data === null) return {};
  const contentType = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (contentType.includes('application/x-www-form-urlencoded')) return { text: new URLSearchParams(data as Record<string, string>).toString() };
  if (data instanceof URLSearchParams) return { text: data.toString(), contentType: 'application/x-www-form-urlencoded;charset=utf-8' };
  if (typeof data === 'string') return { text: data };
  if (data instanceof Uint8Array || data instanceof ArrayBuffer || data instanceof Blob || data instanceof FormData || data instanceof ReadableStream) return UNHANDLED;
  return { text: JSON.stringify(data), contentType: 'application/json' };
}

/** The SDK client's URL: absolute as given, or the path after the base URL, with the parameters that are set. */
function urlOf(baseURL: string, { url, params }: HttpRequestConfig): string {
  let full = /^https?:\/\//.test(url) ? url : `${baseURL.replace(/\/$/, '')}${url.startsWith('/') ? url : `/${url}`}`;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) if (value !== undefined && value !== null) query.set(key, value);
  const text = query.toString();
  if (text) full += `${full.includes('?') ? '&' : '?'}${text}`;
  return full;
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}

/** JSON when it is, otherwise the text (an empty body is ''), as the SDK's client reads a response. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function headersOf(incoming: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}
