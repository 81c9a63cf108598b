// Installing the app: Teams sends installationUpdate and conversationUpdate for
// one install, and the welcome card must come once.
import { renderWelcomeCard } from '../../src/cards/render';
import { botAdded, cardIn, installationUpdate, userAdded, type TeamsActivity } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(() => t.close());

async function send(...activities: TeamsActivity[]) {
  for (const activity of activities) expect((await t.post(activity)).status).toBe(200);
}

const messagesTo = (conversationId: string) => t.connector.to(conversationId).filter((s) => s.activity.type === 'message');

describe.each(['personal', 'channel'] as const)('installing in %s scope', (scope) => {
  it('sends the welcome card once for installationUpdate and conversationUpdate together', async () => {
    const from = t.from(scope, { conversationId: scope === 'personal' ? 'a:install-1' : '19:general-1@thread.tacv2' });
    await send(installationUpdate('add', from), botAdded(from));
    const sent = messagesTo(from.conversationId!);
    expect(sent).toHaveLength(1);
    expect(cardIn(sent[0]!.activity)).toEqual(renderWelcomeCard(t.help('da')));
    expect(sent[0]!.activity.summary).toBe(t.help('da').summary);
  });

  it('sends it once in the other order too, and for conversationUpdate alone', async () => {
    const both = t.from(scope, { conversationId: `${scope}-reversed` });
    await send(botAdded(both), installationUpdate('add', both));
    expect(messagesTo(both.conversationId!)).toHaveLength(1);
    const alone = t.from(scope, { conversationId: `${scope}-alone` });
    await send(botAdded(alone));
    await t.connector.waitFor((s) => s.conversationId === alone.conversationId && s.activity.type === 'message');
  });

  it('welcomes again after an uninstall and a new install', async () => {
    const from = t.from(scope, { conversationId: `${scope}-reinstall` });
    await send(installationUpdate('add', from), installationUpdate('remove', from), installationUpdate('add', from), botAdded(from));
    expect(messagesTo(from.conversationId!)).toHaveLength(2);
  });
});

it('welcomes in English when the client is English', async () => {
  const from = t.from('personal', { conversationId: 'a:english-install', locale: 'en-US' });
  await send(installationUpdate('add', from));
  expect(cardIn(messagesTo('a:english-install')[0]!.activity)).toEqual(renderWelcomeCard(t.help('en')));
});

it('says nothing when a person, not the bot, joins', async () => {
  const from = t.from('channel', { conversationId: '19:someone-joined@thread.tacv2' });
  await send(userAdded(from));
  expect(t.connector.to(from.conversationId!)).toEqual([]);
});
