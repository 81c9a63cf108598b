// A small logger interface so that every module logs the same way and tests
// can capture or silence it. Fields must never carry message text or personal
// data: log what happened, not what was said.
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const line = (message: string, fields?: LogFields) => (fields ? `${message} ${JSON.stringify(fields)}` : message);

export const consoleLogger: Logger = {
  info: (message, fields) => console.log(line(message, fields)),
  warn: (message, fields) => console.warn(line(message, fields)),
  error: (message, fields) => console.error(line(message, fields)),
};

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
