// Liveness (/healthz: the process serves) and readiness (/readyz: knowledge
// loaded and storage reachable), through the real bot.
import { startTestBot, type TestBot } from '../support/test-bot';

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot();
});
afterEach(async () => {
  jest.restoreAllMocks();
  await t.close();
});

const get = (route: string) => fetch(`${t.bot.url}${route}`);

describe('GET /healthz', () => {
  it('is 200 while the process serves, whatever the storage does', async () => {
    const ok = await get('/healthz');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok' });
    await t.bot.store.close();
    const still = await get('/healthz');
    expect(still.status).toBe(200);
    expect(await still.json()).toEqual({ status: 'ok' });
  });
});

describe('GET /readyz', () => {
  it('is 200 with the knowledge version when the knowledge is loaded and the store answers', async () => {
    const res = await get('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', knowledgeVersion: expect.stringMatching(/^\w+$/), storage: 'ok', problems: [] });
  });

  it('is 503 saying what is wrong when the store is closed', async () => {
    await t.bot.store.close();
    const res = await get('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', problems: ['storage unreachable: a test write failed or took too long'] });
  });

  it('is 503 when the store fails its ping, and 200 again when it answers', async () => {
    const ping = jest.spyOn(t.bot.store, 'ping').mockRejectedValueOnce(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const down = await get('/readyz');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable', problems: ['storage unreachable: a test write failed or took too long'] });
    expect(t.logs).toContainEqual(expect.stringMatching(/^warn storage ping failed .*"code":"ECONNREFUSED"/));
    expect((await get('/readyz')).status).toBe(200);
    expect(ping).toHaveBeenCalledTimes(2);
  });
});
