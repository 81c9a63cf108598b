import { ConfigError, loadConfig } from '../src/config';

const APP_ID = '6f1c2b1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';
const TENANT_ID = '0d9a8b7c-6e5f-4a3b-8c2d-1e0f9a8b7c6d';

function problemsOf(env: Record<string, string>): Record<string, string> {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return Object.fromEntries(err.problems.map((p) => [p.variable, p.expected]));
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('picks the edge with BOT_SDK, and names the choices when it is neither', () => {
    expect(loadConfig({ BOT_SDK: 'agents' }).bot.sdk).toBe('agents');
    expect(() => loadConfig({ BOT_SDK: 'teams' })).toThrow(/BOT_SDK: botbuilder \(Bot Framework SDK\) or agents/);
  });

  it('has defaults for everything: local development with authentication off and SQLite', () => {
    expect(loadConfig({})).toEqual({
      port: 3978,
      host: '127.0.0.1',
      knowledgeDir: 'knowledge',
      ownersFile: 'owners.yaml',
      database: { kind: 'sqlite', path: 'data/sikker-by.sqlite' },
      bot: { sdk: 'botbuilder', appId: undefined, appPassword: undefined, appType: 'SingleTenant', tenantId: undefined },
      defaultLang: 'da',
      timeZone: 'Europe/Copenhagen',
      writeQueuePath: 'data/write-queue.jsonl',
      retentionDays: 90,
      adminIds: [],
      allowedTenants: [],
      nodeEnv: 'development',
      reminders: { tickSeconds: 60, workingHours: { start: 9, end: 16 }, workingDays: [1, 2, 3, 4, 5] },
      rateLimit: { perMinute: 20, burst: 10 },
      experts: { channelId: undefined, answerWithinDays: 2 },
      logLevel: 'info',
      answerCacheSize: 1000,
    });
  });

  it('remembers answers unless ANSWER_CACHE_SIZE=0, and refuses a size that is no count', () => {
    expect(loadConfig({ ANSWER_CACHE_SIZE: '0' }).answerCacheSize).toBe(0);
    expect(loadConfig({ ANSWER_CACHE_SIZE: '50' }).answerCacheSize).toBe(50);
    expect(problemsOf({ ANSWER_CACHE_SIZE: '-1' })).toHaveProperty('ANSWER_CACHE_SIZE');
    expect(problemsOf({ ANSWER_CACHE_SIZE: 'many' })).toHaveProperty('ANSWER_CACHE_SIZE');
  });

  it('treats empty strings as unset (PORT= in a .env file)', () => {
    const config = loadConfig({ PORT: '', MicrosoftAppId: '', MicrosoftAppPassword: '', DEFAULT_LANG: '', ADMIN_IDS: '' });
    expect(config.port).toBe(3978);
    expect(config.bot.appId).toBeUndefined();
    expect(config.defaultLang).toBe('da');
    expect(config.adminIds).toEqual([]);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      KNOWLEDGE_DIR: '/srv/knowledge',
      OWNERS_FILE: '/etc/sikker-by/owners.yaml',
      DATABASE_URL: 'postgres://bot@127.0.0.1:5432/sikkerby',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT_ID,
      DEFAULT_LANG: 'en',
      TIME_ZONE: 'UTC',
      ADMIN_IDS: ` ${APP_ID}, ${TENANT_ID} ,`,
      ALLOWED_TENANTS: TENANT_ID,
      NODE_ENV: 'production',
      EXPERT_CHANNEL_ID: '19:0a1b2c3d4e5f@thread.tacv2',
      EXPERT_ANSWER_DAYS: '3',
    });
    expect(config).toMatchObject({
      experts: { channelId: '19:0a1b2c3d4e5f@thread.tacv2', answerWithinDays: 3 },
      port: 0,
      host: '0.0.0.0',
      knowledgeDir: '/srv/knowledge',
      ownersFile: '/etc/sikker-by/owners.yaml',
      database: { kind: 'postgres', connectionString: 'postgres://bot@127.0.0.1:5432/sikkerby' },
      bot: { appId: APP_ID, appPassword: 'secret', appType: 'SingleTenant', tenantId: TENANT_ID },
      defaultLang: 'en',
      timeZone: 'UTC',
      adminIds: [APP_ID, TENANT_ID],
      allowedTenants: [TENANT_ID],
      nodeEnv: 'production',
    });
  });

  it('names every bad variable at once, with what was expected', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://127.0.0.1/db',
      MicrosoftAppId: 'not-a-guid',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'Anonymous',
      MicrosoftAppTenantId: 'contoso.onmicrosoft.com',
      DEFAULT_LANG: 'sv',
      TIME_ZONE: 'Europe/Aarhus',
      ADMIN_IDS: 'anna@kk.dk,nobody',
      ALLOWED_TENANTS: 'contoso',
      NODE_ENV: 'staging',
      EXPERT_CHANNEL_ID: '19:abc@thread.tacv2;messageid=1',
    });
    expect(Object.keys(problems).sort()).toEqual(
      [
        'ADMIN_IDS',
        'ALLOWED_TENANTS',
        'DATABASE_URL',
        'DEFAULT_LANG',
        'EXPERT_CHANNEL_ID',
        'MicrosoftAppId',
        'MicrosoftAppTenantId',
        'MicrosoftAppType',
        'NODE_ENV',
        'PORT',
        'TIME_ZONE',
      ].sort(),
    );
    expect(problems.PORT).toMatch(/port from 0 to 65535/);
    expect(problems.TIME_ZONE).toMatch(/IANA time zone/);
  });

  it('refuses a user principal name in ADMIN_IDS, which would never match: Teams sends the object id', () => {
    expect(problemsOf({ ADMIN_IDS: 'anna@kk.dk' })).toEqual({ ADMIN_IDS: expect.stringMatching(/Entra object ids \(GUIDs\); not user principal names/) });
  });

  it('logs at info unless LOG_LEVEL says otherwise, and knows only the levels it has', () => {
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(loadConfig({ LOG_LEVEL: '' }).logLevel).toBe('info');
    expect(problemsOf({ LOG_LEVEL: 'verbose' })).toEqual({ LOG_LEVEL: expect.stringMatching(/^one of debug, info, warn, error/) });
  });

  it('puts every problem in the error message', () => {
    expect(() => loadConfig({ PORT: '70000', DEFAULT_LANG: 'de' })).toThrow(/PORT: .*\n\s+DEFAULT_LANG: da or en/);
  });

  it('refuses to start in production without credentials, saying why', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.MicrosoftAppId).toMatch(/required when NODE_ENV=production.*authentication is off/);
    expect(problems.MicrosoftAppPassword).toMatch(/required/);
  });

  it('refuses an app id without its password and tenant, and a password without an app id', () => {
    expect(Object.keys(problemsOf({ MicrosoftAppId: APP_ID })).sort()).toEqual(['MicrosoftAppPassword', 'MicrosoftAppTenantId']);
    expect(Object.keys(problemsOf({ MicrosoftAppPassword: 'secret' }))).toEqual(['MicrosoftAppId']);
  });

  it('accepts a managed identity without a password, and a multi-tenant app without a tenant', () => {
    expect(loadConfig({ NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT_ID }).bot.appType).toBe('UserAssignedMSI');
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' }).bot.tenantId).toBeUndefined();
  });

  it('never echoes a secret in its message', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MicrosoftAppPassword: 'hunter2-secret' })).toThrow(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production', MicrosoftAppPassword: 'hunter2-secret', PORT: 'x' });
    } catch (err) {
      expect(String(err)).not.toContain('hunter2');
    }
  });
});

describe('reminder settings', () => {
  it('reads working hours, working days and the tick', () => {
    const config = loadConfig({ WORKING_HOURS: '8-15', WORKING_DAYS: '1,2,3,4', REMINDER_TICK_SECONDS: '0' });
    expect(config.reminders).toEqual({ tickSeconds: 0, workingHours: { start: 8, end: 15 }, workingDays: [1, 2, 3, 4] });
  });

  it('names each bad reminder variable', () => {
    expect(() => loadConfig({ WORKING_HOURS: '16-9', WORKING_DAYS: '0,8', REMINDER_TICK_SECONDS: 'soon' })).toThrow(
      /WORKING_HOURS[\s\S]*WORKING_DAYS|WORKING_DAYS[\s\S]*WORKING_HOURS/,
    );
  });
});
