// The Agents SDK's CloudAdapter whose ConnectorClients (replies, card updates, the
// typing indicator, proactive turns) make their requests through NodeHttpClient
// (http-client.ts): node:http with keep-alive sockets instead of the SDK's fetch,
// about 0.5 ms of CPU less per reply, and a time limit on every request. The SDK's
// HttpClient sets none unless asked, so a hung connector held a reply, and the
// request it answers, for as long as it hung. A request past its limit is aborted
// (its socket closed) and fails with an AbortError, which the turn's error
// boundary handles. The SDK still builds each turn's client, its token included;
// only the transport is swapped.
import { CloudAdapter, ConnectorClient, type HttpClient } from '@microsoft/agents-hosting';
import { DEADLINES } from '../reliability/deadline';
import { NodeHttpClient } from './http-client';

export class TimedCloudAdapter extends CloudAdapter {
  private readonly connectorRequestMs = DEADLINES.connectorRequestMs;

  protected override async createConnectorClient(...args: Parameters<CloudAdapter['createConnectorClient']>): Promise<ConnectorClient> {
    return overNodeHttp(await super.createConnectorClient(...args), this.connectorRequestMs);
  }

  protected override async createConnectorClientWithIdentity(...args: Parameters<CloudAdapter['createConnectorClientWithIdentity']>): Promise<ConnectorClient> {
    return overNodeHttp(await super.createConnectorClientWithIdentity(...args), this.connectorRequestMs);
  }
}

/**
 * The client's base URL and headers (its token) on NodeHttpClient. Every request gets
 * `ms` as its time limit unless it carries a timeout or a signal of its own (the
 * proactive messenger aborts its calls at its own deadline).
 */
function overNodeHttp(client: ConnectorClient, ms: number): ConnectorClient {
  const { baseURL, defaultHeaders } = client.httpClient;
  // ConnectorClient's constructor (which takes the HttpClient) is private in the typings; the SDK's own
  // createClientWithToken calls it the same way. tests/agents/http-client.test.ts pins that this works.
  const Client = ConnectorClient as unknown as new (httpClient: HttpClient) => ConnectorClient;
  return new Client(new NodeHttpClient({ baseURL, headers: defaultHeaders }, ms));
}
