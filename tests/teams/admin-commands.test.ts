// Admin commands through the real HTTP endpoint: only the configured admins
// (by Entra object id) get the reminder overview, status and test reminder.
import { ADAPTIVE_CARD, cardIn, message, USER } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ env: { ADMIN_IDS: USER.aadObjectId.toUpperCase() } });
});
afterAll(() => t.close());

async function say(text: string, from = USER) {
  const activity = { ...message(text, t.from('personal')), from };
  expect((await t.post(activity)).status).toBe(200);
  return t.connector.to(activity.conversation.id).map((s) => s.activity).filter((a) => a.type === 'message');
}

it('lists the reminder stages of the next 30 days', async () => {
  const [reply] = await say('påmindelser');
  expect(reply?.text).toMatch(/^\*\*Påmindelser de næste 30 dage\*\*/);
  expect(t.asked).toHaveLength(0);
});

it('gives the delivery status per deadline', async () => {
  const [reply] = await say('status');
  expect(reply?.text).toMatch(/Status for påmindelser/);
});

it('sends a test reminder card whose buttons cannot acknowledge a real owner', async () => {
  const [reply] = await say('test påmindelse');
  expect(reply?.attachments?.[0]?.contentType).toBe(ADAPTIVE_CARD);
  expect(reply?.summary).toMatch(/^Testpåmindelse/);
  expect(JSON.stringify(cardIn(reply!))).toContain(`test:${USER.aadObjectId}`);
});

it('refuses the commands to anyone else, without treating them as questions', async () => {
  const [reply] = await say('status', { ...USER, id: '29:other', aadObjectId: '99999999-9999-4999-8999-999999999999' });
  expect(reply?.text).toMatch(/kun for administratorer/);
  expect(t.asked).toHaveLength(0);
});
