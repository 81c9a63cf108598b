// The reference point of the benchmark: a bare botbuilder echo bot on the same
// server stack as the assistant (restify 11, CloudAdapter, authentication off).
// It replies to every message with its text and does nothing else.
// Prints "ready on <url>" when it listens; PORT=0 picks a free port.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const restify = require('restify');
const { CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppType: 'MultiTenant' }));
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context) => {
    if (context.activity.type === 'message') await context.sendActivity(`echo: ${context.activity.text}`);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`ready on http://127.0.0.1:${server.address().port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
