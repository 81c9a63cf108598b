// A small logger interface so that every module logs the same way and tests
// can capture or silence it. Fields must never carry message text or personal
// data: log what happened, not what was said. The one exception is `debug`,
// which is switched on explicitly (LOG_LEVEL=debug) to look into a problem.
import pino, { type DestinationStream } from 'pino';

export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Logger {
  /** May carry message text and names; a logger without it (or below debug level) never sees them. */
  debug?(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const line = (message: string, fields?: LogFields) => (fields ? `${message} ${JSON.stringify(fields)}` : message);

/** Plain lines on the console, without debug: for the command-line tools. */
export const consoleLogger: Logger = {
  info: (message, fields) => console.log(line(message, fields)),
  warn: (message, fields) => console.warn(line(message, fields)),
  error: (message, fields) => console.error(line(message, fields)),
};

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Where the JSON lines go; standard output by default. */
  readonly destination?: DestinationStream;
}

/** The bot's logger: one JSON object per line (pino), with an ISO time and the level by name. */
export function createLogger({ level, destination = pino.destination(1) }: LoggerOptions): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'sikker-by-assistant' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Defence in depth: no call site logs these, and none should start to.
      redact: { paths: ['authorization', 'password', 'token'], censor: '[redacted]' },
    },
    destination,
  );
  return {
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}

/**
 * A logger that adds `fields()` to every line (e.g. the turn id of the request
 * being served); they win over a call's own fields of the same name.
 */
export function withFields(log: Logger, fields: () => LogFields | undefined): Logger {
  const merged = (own?: LogFields): LogFields | undefined => {
    const extra = fields();
    return extra ? { ...own, ...extra } : own;
  };
  const { debug } = log;
  return {
    ...(debug ? { debug: (message: string, own?: LogFields) => debug.call(log, message, merged(own)) } : {}),
    info: (message, own) => log.info(message, merged(own)),
    warn: (message, own) => log.warn(message, merged(own)),
    error: (message, own) => log.error(message, merged(own)),
  };
}

/** What is safe to log about an error: its kind and where it happened, never its message (it may quote a question). */
export function describeError(err: unknown): LogFields {
  if (!(err instanceof Error)) return { error: typeof err };
  const where = err.stack?.split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 5).map((l) => l.trim()).join(' < ');
  const code = (err as { code?: unknown }).code;
  const status = (err as { statusCode?: unknown }).statusCode;
  return {
    error: err.name,
    code: typeof code === 'string' || typeof code === 'number' ? code : undefined,
    statusCode: typeof status === 'number' ? status : undefined,
    where,
  };
}
