// The bot's logs through the real endpoint and the pino logger: one JSON object
// per line, every line of a turn with that turn's id, and what people wrote
// (the question, their name) only when debug logging is switched on.
import { Writable } from 'node:stream';
import { createLogger, type LogLevel } from '../../src/log';
import { message, USER } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

const QUESTION = 'Hvad er Sikker By egentlig for noget?';

interface Captured {
  readonly t: TestBot;
  readonly lines: Record<string, unknown>[];
}

async function botLoggingAt(level: LogLevel): Promise<Captured> {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const t = await startTestBot({ log: createLogger({ level, destination }) });
  // Every line must parse: a line that is not JSON fails here.
  return { t, get lines() { return raw.map((l) => JSON.parse(l) as Record<string, unknown>); } };
}

let bot: Captured | undefined;
afterEach(async () => {
  await bot?.t.close();
  bot = undefined;
});

describe('the log of a turn', () => {
  it('is JSON lines with a turnId, and at info level holds neither the question nor the name', async () => {
    bot = await botLoggingAt('info');
    const { t } = bot;
    expect((await t.post(message(QUESTION, t.from()))).status).toBe(200);
    expect((await t.post(message(QUESTION, t.from()))).status).toBe(200);

    const turns = bot.lines.filter((l) => l.msg === 'turn');
    expect(turns).toHaveLength(2);
    for (const line of turns) {
      expect(line).toMatchObject({ level: 'info', activityType: 'message', status: 200, service: 'sikker-by-assistant', time: expect.any(String) });
      expect(line.turnId).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    }
    expect(turns[0]!.turnId).not.toBe(turns[1]!.turnId);

    const everything = JSON.stringify(bot.lines);
    expect(everything).not.toContain('Sikker By egentlig');
    expect(everything).not.toContain(USER.name);
    expect(bot.lines.some((l) => l.level === 'debug')).toBe(false);
  });

  it('holds the question and the name at debug level, in a line with the same turnId', async () => {
    bot = await botLoggingAt('debug');
    const { t } = bot;
    expect((await t.post(message(QUESTION, t.from()))).status).toBe(200);

    const activity = bot.lines.find((l) => l.msg === 'activity');
    expect(activity).toMatchObject({ level: 'debug', text: QUESTION, from: USER.name, activityType: 'message' });
    const turn = bot.lines.find((l) => l.msg === 'turn');
    expect(turn?.turnId).toEqual(expect.any(String));
    expect(activity?.turnId).toBe(turn?.turnId);
  });

  it('gives a failed turn its turnId too, so the error and the request can be matched', async () => {
    const raw: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const t = await startTestBot({
      log: createLogger({ level: 'info', destination }),
      assistant: (real) => ({ help: real.help, ask: async () => Promise.reject(new Error(`cannot answer ${QUESTION}`)) }),
    });
    bot = { t, lines: [] };
    expect((await t.post(message(QUESTION, t.from()))).status).toBe(200);
    const lines = raw.map((l) => JSON.parse(l) as Record<string, unknown>);
    const failed = lines.find((l) => l.msg === 'turn failed');
    expect(failed).toMatchObject({ level: 'error', error: 'Error' });
    expect(failed?.turnId).toBe(lines.find((l) => l.msg === 'turn')?.turnId);
    expect(JSON.stringify(lines)).not.toContain('Sikker By egentlig');
  });
});
