// Slow senders and too many connections: a request whose body does not arrive in
// time is closed, and connections beyond the cap are refused, while ordinary
// requests are served.
import net from 'node:net';
import type { Logger } from '../../src/log';
import { startServer, type RunningServer } from '../../src/http/server';

const logs: string[] = [];
const log: Logger = { info: (m) => logs.push(`info ${m}`), warn: (m) => logs.push(`warn ${m}`), error: (m) => logs.push(`error ${m}`) };
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    log,
    messages: async () => ({ status: 200, body: { ok: true } }),
    readiness: async () => ({ ready: true }),
    requestArrivalMs: 300,
    maxConnections: 3,
  });
});
afterAll(() => server.close());

function open(): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}
const closed = (socket: net.Socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()));

it('closes a request whose body trickles in slower than the limit', async () => {
  const socket = await open();
  socket.on('error', () => undefined);
  socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type"');
  const started = performance.now();
  const drip = setInterval(() => socket.writable && socket.write(' '), 50);
  await closed(socket);
  clearInterval(drip);
  expect(performance.now() - started).toBeLessThan(5_000);
  expect(logs).toContain('info closed a request that did not arrive in time');
});

it('serves an ordinary request meanwhile and after', async () => {
  const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(200);
});

it('refuses connections beyond the cap and serves again once they close', async () => {
  const held = await Promise.all([open(), open(), open()]);
  const extra = await open();
  await closed(extra);
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => setTimeout(resolve, 100));
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
});
