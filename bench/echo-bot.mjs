// The reference point of the benchmark: a bare botbuilder echo bot on the same
// server stack as the assistant (restify 11, CloudAdapter, authentication off).
// It replies to every message with its text (or, with ECHO_CARD, with a fixed
// card) and does nothing else.
// Prints "ready on <url>" when it listens; PORT=0 picks a free port.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const restify = require('restify');
const { CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');

const card = process.env.ECHO_CARD ? JSON.parse(readFileSync(process.env.ECHO_CARD, 'utf8')) : undefined;
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppType: 'MultiTenant' }));
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context) => {
    if (context.activity.type !== 'message') return;
    // ECHO_CARD: reply with this card instead of the text, to price the assistant's own work apart from sending a card.
    if (card) await context.sendActivity({ type: 'message', summary: 'echo', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });
    else await context.sendActivity(`echo: ${context.activity.text}`);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`ready on http://127.0.0.1:${server.address().port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
