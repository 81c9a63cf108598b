// The HTTP edge around the Teams endpoint: bad bodies, authentication and the
// error boundary of a turn. Health and readiness: tests/http/health.test.ts.
import { message, USER } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

describe('POST /api/messages with a bad body', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.close());

  it('answers malformed JSON with 400 and logs why at info', async () => {
    expect((await t.postRaw('{"type": "message", ')).status).toBe(400);
    expect(t.logs).toContainEqual(expect.stringMatching(/^info refused a request \{"status":400,"path":"\/api\/messages","reason":"\w+"\}$/));
  });

  it('answers an oversized body with 413', async () => {
    const huge = JSON.stringify({ ...message('x', t.from()), text: 'x'.repeat(300 * 1024) });
    expect((await t.postRaw(huge)).status).toBe(413);
  });

  it.each([
    ['an empty object (the eval runner probes with it)', '{}', 'application/json'],
    ['an activity without a serviceUrl', JSON.stringify({ type: 'message', conversation: { id: 'a:1' } }), 'application/json'],
    ['a JSON array', '[1,2]', 'application/json'],
    ['plain text', 'hello', 'text/plain'],
    ['no body at all', '', 'application/json'],
  ])('answers %s with 400', async (_name, body, contentType) => {
    expect((await t.postRaw(body, contentType)).status).toBe(400);
  });

  it('answers a sender whose Entra object id is no plain key with 400, says why in the log, and stores or sends nothing', async () => {
    const activity = { ...message('Hvad er Sikker By?', t.from()), from: { id: '29:x', aadObjectId: '\\'.repeat(600) } };
    expect((await t.post(activity)).status).toBe(400);
    expect(t.connector.to(activity.conversation.id)).toEqual([]);
    const refused = t.logs.filter((l) => l.startsWith('info refused a body that is no Bot Framework activity'));
    expect(refused.at(-1)).toMatch(/"status":400,"reason":"from\.aadObjectId: too_big; from\.aadObjectId: invalid_format"/);
    expect(refused.at(-1)).not.toContain('\\\\');
  });

  it.each([
    ['a GUID, as Teams sends', '7c2e1f0a-3b4d-4e5f-8a9b-0c1d2e3f4a5b'],
    ["Agents Playground's default user (13 hex digits at the end)", '00000000-0000-0000-0000-0000000000020'],
  ])('answers a sender whose object id is %s', async (_name, aadObjectId) => {
    const base = message('Hvad er Sikker By?', t.from());
    const activity = { ...base, from: { ...USER, aadObjectId } };
    expect((await t.post(activity)).status).toBe(200);
    expect(t.connector.to(activity.conversation.id).length).toBeGreaterThan(0);
  });

  it('logs the reason for a body that is no activity at info, naming the field, not its value', async () => {
    const activity = { ...message('Hvad er Sikker By?', t.from()), conversation: { id: 42 } };
    expect((await t.post(activity)).status).toBe(400);
    expect(t.logs).toContainEqual(expect.stringMatching(/^info refused a body that is no Bot Framework activity \{"status":400,"reason":"conversation\.id: invalid_type"/));
  });

  it('still answers questions afterwards', async () => {
    const activity = message('Hvad er Sikker By?', t.from());
    expect((await t.post(activity)).status).toBe(200);
    expect(t.connector.to(activity.conversation.id).length).toBeGreaterThan(0);
  });
});

describe('with authentication on', () => {
  it('refuses an activity without a token (401) and sends nothing', async () => {
    const t = await startTestBot({
      env: {
        MicrosoftAppId: '6f1c2b1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f',
        MicrosoftAppPassword: 'secret',
        MicrosoftAppTenantId: '0d9a8b7c-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
      },
    });
    try {
      const activity = message('Hvad er Sikker By?', t.from());
      expect((await t.post(activity)).status).toBe(401);
      expect(t.connector.sent).toEqual([]);
      expect(t.asked).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('a turn that fails', () => {
  it('is logged without the message text and answered with a short apology', async () => {
    const t = await startTestBot({
      assistant: (real) => ({
        help: (lang) => real.help(lang),
        ask: async (question) => {
          throw new Error(`database said no to "${question.text}"`);
        },
      }),
    });
    try {
      const activity = message('Min nabo Jens Hansen på Nørrebrogade 12 er kriminel', t.from());
      expect((await t.post(activity)).status).toBe(200);
      const texts = t.connector.to(activity.conversation.id).map((s) => s.activity.text);
      expect(texts.at(-1)).toBe('Beklager, noget gik galt hos mig. Prøv igen om lidt.');
      const logs = t.logs.join('\n');
      expect(logs).toMatch(/turn failed/);
      expect(logs).not.toMatch(/Jens|Nørrebrogade|database said no/);
    } finally {
      await t.close();
    }
  });
});

describe('with ALLOWED_TENANTS', () => {
  it('serves the listed tenants and ignores every other', async () => {
    const t = await startTestBot({ env: { ALLOWED_TENANTS: '00000000-0000-4000-8000-0000000000AA' } });
    try {
      const ours = message('Hvad er Sikker By?', t.from());
      const theirs = { ...message('Hvad er Sikker By?', t.from()), channelData: { tenant: { id: '99999999-0000-4000-8000-000000000000' } } };
      expect((await t.post(ours)).status).toBe(200);
      expect((await t.post(theirs)).status).toBe(200);
      expect(t.connector.to(ours.conversation.id).length).toBeGreaterThan(0);
      expect(t.connector.to(theirs.conversation.id)).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
