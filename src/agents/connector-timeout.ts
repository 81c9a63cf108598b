// The Agents SDK's CloudAdapter with a time limit on every Bot Connector request of
// a turn (replies, card updates, the typing indicator): the SDK's HttpClient sets
// none unless asked, so a hung connector held a reply, and the request it answers,
// for as long as it hung. A request past its limit is aborted (its socket closed)
// and fails with a TimeoutError, which the turn's error boundary handles.
import { CloudAdapter, type ConnectorClient } from '@microsoft/agents-hosting';
import { DEADLINES } from '../reliability/deadline';

type HttpClient = ConnectorClient['httpClient'];

export class TimedCloudAdapter extends CloudAdapter {
  private readonly connectorRequestMs = DEADLINES.connectorRequestMs;

  protected override async createConnectorClient(...args: Parameters<CloudAdapter['createConnectorClient']>): Promise<ConnectorClient> {
    return withRequestTimeout(await super.createConnectorClient(...args), this.connectorRequestMs);
  }

  protected override async createConnectorClientWithIdentity(...args: Parameters<CloudAdapter['createConnectorClientWithIdentity']>): Promise<ConnectorClient> {
    return withRequestTimeout(await super.createConnectorClientWithIdentity(...args), this.connectorRequestMs);
  }
}

const TIMED = Symbol('request timeout');

/**
 * Every request of the client gets `ms` as its timeout, unless it carries a shorter one
 * or a signal of its own (the proactive messenger aborts its calls at its own deadline).
 */
function withRequestTimeout(client: ConnectorClient, ms: number): ConnectorClient {
  const http = client.httpClient as HttpClient & { [TIMED]?: true };
  if (http[TIMED]) return client;
  const request = http.request.bind(http);
  http.request = ((config) => request(config.signal || (config.timeout !== undefined && config.timeout > 0 && config.timeout <= ms) ? config : { ...config, timeout: ms })) as HttpClient['request'];
  http[TIMED] = true;
  return client;
}
