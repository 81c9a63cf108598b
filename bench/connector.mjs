// The stand-in Bot Connector of the benchmarks, in its own process so that the
// load generator and the connector do not share one CPU-bound event loop.
// Accepts every activity, answers { id }, and prints "listening on <url>".
// A GET /count answers how many activities it received.
import http from 'node:http';

let received = 0;
const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/count') {
    res.end(String(received));
    return;
  }
  req.resume();
  req.on('end', () => {
    received++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id: `a${received}` }));
  });
});
// Longer than the bot's idle sockets live: a socket closed by the server just as the
// bot reuses it would fail that request and hand it to the SDK's retry backoff.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
