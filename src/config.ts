// The only module that reads the environment. One zod schema gives both the
// runtime check and the `Config` type; a bad start-up names every bad variable
// at once instead of failing on the first.
import path from 'node:path';
import { z } from 'zod';
import { isTimeZone } from './kernel/dates';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UPN = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

const idList = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().refine((x) => GUID.test(x) || UPN.test(x))));

// Admins are recognised by the Entra object id Teams sends with each activity; it
// carries no UPN, so a UPN here would pass and never match.
const guidList = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(GUID)));

const HOST_NAME = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('127.0.0.1'),
  KNOWLEDGE_DIR: z.string().default('knowledge'),
  OWNERS_FILE: z.string().min(1).default('owners.yaml'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  SQLITE_PATH: z.string().default('data/sikker-by.sqlite'),
  BOT_SDK: z.enum(['botbuilder', 'agents']).default('botbuilder'),
  MicrosoftAppId: z.string().regex(GUID).optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  MicrosoftAppTenantId: z.string().regex(GUID).optional(),
  BOT_OPENID_METADATA_URL: z.url({ protocol: /^https?$/ }).optional(),
  ALLOWED_SERVICE_URL_HOSTS: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(HOST_NAME)).min(1))
    .optional(),
  DEFAULT_LANG: z.enum(['da', 'en']).default('da'),
  TIME_ZONE: z.string().refine(isTimeZone).default('Europe/Copenhagen'),
  ADMIN_IDS: guidList,
  ALLOWED_TENANTS: idList,
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  REMINDER_TICK_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  WORKING_HOURS: z
    .string()
    .regex(/^\d{1,2}-\d{1,2}$/)
    .transform((s) => s.split('-').map(Number) as [number, number])
    .refine(([start, end]) => start < end && end <= 24)
    .default([9, 16]),
  WORKING_DAYS: z
    .string()
    .regex(/^[1-7](,[1-7])*$/)
    .transform((s) => [...new Set(s.split(',').map(Number))])
    .default([1, 2, 3, 4, 5]),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(20),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(100_000).default(10),
  // A Teams channel conversation id, "19:…@thread.tacv2" (or .skype); an admin's "ekspertkanal" overrides it.
  EXPERT_CHANNEL_ID: z.string().regex(/^19:[^\s;]+@thread\.[a-z0-9]+$/).optional(),
  EXPERT_ANSWER_DAYS: z.coerce.number().int().min(1).max(60).default(2),
  WRITE_QUEUE_PATH: z.string().min(1).optional(),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  ANSWER_CACHE_SIZE: z.coerce.number().int().min(0).max(100_000).default(1000),
});
type Variable = keyof typeof Env.shape;

/** What each variable must be, for the start-up error message. */
const EXPECTED: Record<Variable, string> = {
  PORT: 'an integer port from 0 to 65535 (0 picks a free port)',
  HOST: 'a host name or address to listen on',
  KNOWLEDGE_DIR: 'the path of the knowledge folder',
  OWNERS_FILE: "the path of this deployment's deadline owners file (see owners.example.yaml)",
  DATABASE_URL: 'a postgres:// or postgresql:// URL',
  SQLITE_PATH: 'the path of the SQLite file',
  BOT_SDK: 'botbuilder (Bot Framework SDK) or agents (Microsoft 365 Agents SDK)',
  MicrosoftAppId: "the bot's Microsoft Entra app id (a GUID)",
  MicrosoftAppPassword: "the bot's client secret",
  MicrosoftAppType: 'one of MultiTenant, SingleTenant, UserAssignedMSI',
  MicrosoftAppTenantId: 'the Microsoft Entra tenant id (a GUID)',
  BOT_OPENID_METADATA_URL: 'an http(s) URL of an OpenID metadata document (tests only: it replaces the Bot Framework token authority)',
  ALLOWED_SERVICE_URL_HOSTS: 'a comma-separated list of host names the bot may send to (each also allows its subdomains), e.g. smba.trafficmanager.net',
  DEFAULT_LANG: 'da or en',
  TIME_ZONE: 'an IANA time zone such as Europe/Copenhagen',
  ADMIN_IDS: 'a comma-separated list of Entra object ids (GUIDs); not user principal names: Teams sends the object id, so a UPN would never match',
  ALLOWED_TENANTS: 'a comma-separated list of tenant GUIDs or domain-style names',
  NODE_ENV: 'one of development, test, production',
  REMINDER_TICK_SECONDS: 'seconds between reminder runs, 0 to 3600 (0: no reminders from this instance)',
  WORKING_HOURS: 'local hours when reminders go out, as start-end, e.g. 9-16',
  WORKING_DAYS: 'ISO weekdays when reminders go out, comma-separated, e.g. 1,2,3,4,5 (Monday is 1)',
  LOG_LEVEL: 'one of debug, info, warn, error (debug logs message text and names: only to look into a problem)',
  RATE_LIMIT_PER_MINUTE: 'messages a user may send per minute after the burst, 0 to 100000 (0: no limit)',
  RATE_LIMIT_BURST: 'messages a user may send at once, 1 to 100000',
  EXPERT_CHANNEL_ID: 'the Teams channel conversation id of Team Sikker By\'s channel, e.g. 19:abc…@thread.tacv2 (without ";messageid=")',
  EXPERT_ANSWER_DAYS: 'the working days within which an asker may expect an expert\'s answer, 1 to 60',
  WRITE_QUEUE_PATH: 'the path of the file where writes wait while the store is unavailable',
  RETENTION_DAYS: 'days that question text (unanswered questions, feedback) is kept, 1 to 3650',
  ANSWER_CACHE_SIZE: 'answers remembered for questions asked again, 0 to 100000 (0: every question is worked out afresh)',
};

const Schema = Env.transform((env) => ({
  port: env.PORT,
  host: env.HOST,
  knowledgeDir: env.KNOWLEDGE_DIR,
  /** Who owns which deadline here: a deployment setting, kept out of the sourced knowledge files. */
  ownersFile: env.OWNERS_FILE,
  database: env.DATABASE_URL
    ? ({ kind: 'postgres', connectionString: env.DATABASE_URL } as const)
    : ({ kind: 'sqlite', path: env.SQLITE_PATH } as const),
  /** Authentication is off exactly when `appId` is undefined (local development and tests). */
  bot: {
    /** Which SDK meets Teams: src/teams/ (botbuilder) or src/agents/ (@microsoft/agents-hosting). */
    sdk: env.BOT_SDK,
    appId: env.MicrosoftAppId,
    appPassword: env.MicrosoftAppPassword,
    appType: env.MicrosoftAppType,
    tenantId: env.MicrosoftAppTenantId,
    /** Unset: Microsoft's. Set: a local OpenID authority for tests, which also turns outbound tokens off (see teams/adapter.ts). */
    openIdMetadataUrl: env.BOT_OPENID_METADATA_URL,
    /** Unset: Teams' hosts (see teams/adapter.ts); loopback is added while authentication is off. */
    allowedServiceUrlHosts: env.ALLOWED_SERVICE_URL_HOSTS,
  },
  defaultLang: env.DEFAULT_LANG,
  timeZone: env.TIME_ZONE,
  adminIds: env.ADMIN_IDS,
  allowedTenants: env.ALLOWED_TENANTS,
  nodeEnv: env.NODE_ENV,
  reminders: {
    tickSeconds: env.REMINDER_TICK_SECONDS,
    workingHours: { start: env.WORKING_HOURS[0], end: env.WORKING_HOURS[1] },
    workingDays: env.WORKING_DAYS,
  },
  /** Below debug, no log line carries message text or personal data. */
  logLevel: env.LOG_LEVEL,
  /** Per user; undefined: no limit. A person asks a few questions in a row and then reads: 10 at once and 20 a minute leave room for that. */
  experts: {
    /** Until an admin writes "ekspertkanal" in a channel. */
    channelId: env.EXPERT_CHANNEL_ID,
    /** What the asker is told to expect. */
    answerWithinDays: env.EXPERT_ANSWER_DAYS,
  },
  rateLimit: env.RATE_LIMIT_PER_MINUTE > 0 ? { perMinute: env.RATE_LIMIT_PER_MINUTE, burst: env.RATE_LIMIT_BURST } : undefined,
  /** Local to the instance, also with PostgreSQL: it holds what the store could not take (reliability/write-queue.ts). */
  writeQueuePath: env.WRITE_QUEUE_PATH ?? path.join(path.dirname(env.SQLITE_PATH), 'write-queue.jsonl'),
  retentionDays: env.RETENTION_DAYS,
  /** Answers the engine remembers per knowledge base version (answering/memo.ts); 0: none. */
  answerCacheSize: env.ANSWER_CACHE_SIZE,
}));

export type Config = z.output<typeof Schema>;

export interface ConfigProblem {
  readonly variable: string;
  readonly expected: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.expected}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Rules across variables, checked on the raw strings so they are reported together with every other problem. */
function crossChecks(env: Readonly<Record<string, string | undefined>>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const type = env.MicrosoftAppType ?? 'SingleTenant';
  const production = env.NODE_ENV === 'production';
  const add = (variable: Variable, expected: string) => problems.push({ variable, expected });
  if (production && !env.MicrosoftAppId) {
    add('MicrosoftAppId', 'required when NODE_ENV=production: without it authentication is off and anyone can post to /api/messages');
  }
  // A managed identity has no secret; the other types sign their outbound calls with one.
  if ((production || env.MicrosoftAppId) && type !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    add('MicrosoftAppPassword', `required when MicrosoftAppId is set or NODE_ENV=production (MicrosoftAppType=${type})`);
  }
  if (env.MicrosoftAppPassword && !env.MicrosoftAppId && !production) {
    add('MicrosoftAppId', 'missing while MicrosoftAppPassword is set: authentication would be off');
  }
  // A different token authority in production would trust whoever runs it; it exists for offline tests.
  if (production && env.BOT_OPENID_METADATA_URL) {
    add('BOT_OPENID_METADATA_URL', 'not allowed when NODE_ENV=production: it replaces the Bot Framework token authority and turns outbound tokens off (tests only)');
  }
  if (env.MicrosoftAppId && type !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
    add('MicrosoftAppTenantId', `required when MicrosoftAppType=${type}`);
  }
  return problems;
}

/** Reads the configuration from `env` (process.env in main) or throws a ConfigError naming every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  // `PORT=` in a .env file or a compose file sets an empty string, which would
  // otherwise beat the default and fail as "not a number": empty counts as unset.
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(Env.shape)) raw[key] = env[key] === '' ? undefined : env[key];
  const result = Schema.safeParse(raw);
  const problems = new Map<string, string>();
  for (const issue of result.error?.issues ?? []) {
    const variable = String(issue.path[0]) as Variable;
    problems.set(variable, EXPECTED[variable] ?? issue.message);
  }
  for (const p of crossChecks(raw)) if (!problems.has(p.variable)) problems.set(p.variable, p.expected);
  if (result.success && problems.size === 0) return result.data;
  throw new ConfigError([...problems].map(([variable, expected]) => ({ variable, expected })));
}
