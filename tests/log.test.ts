// The loggers: pino's JSON lines at the configured level, and fields added to
// every line (the turn id) that a call cannot override.
import { Writable } from 'node:stream';
import { createLogger, withFields, type Logger, type LogFields } from '../src/log';

function capture(level: 'debug' | 'info'): { log: Logger; lines: () => Record<string, unknown>[] } {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger({ level, destination }), lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON object per line with the level by name, and drops debug below debug level', () => {
    const { log, lines } = capture('info');
    log.debug?.('what was said', { text: 'a question' });
    log.info('answered', { outcome: 'answered', ms: 3, skipped: undefined });
    log.error('failed');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'info', msg: 'answered', outcome: 'answered', ms: 3 }),
      expect.objectContaining({ level: 'error', msg: 'failed' }),
    ]);
  });

  it('writes debug lines at debug level', () => {
    const { log, lines } = capture('debug');
    log.debug?.('what was said', { text: 'a question' });
    expect(lines()).toEqual([expect.objectContaining({ level: 'debug', msg: 'what was said', text: 'a question' })]);
  });

  it('redacts a field named like a secret, should one ever be logged', () => {
    const { log, lines } = capture('info');
    log.warn('oops', { authorization: 'Bearer abc', token: 'abc' });
    expect(JSON.stringify(lines())).not.toContain('abc');
  });
});

describe('withFields', () => {
  const recorder = () => {
    const calls: [string, string, LogFields | undefined][] = [];
    const log: Logger = {
      info: (m, f) => void calls.push(['info', m, f]),
      warn: (m, f) => void calls.push(['warn', m, f]),
      error: (m, f) => void calls.push(['error', m, f]),
    };
    return { log, calls };
  };

  it('adds the current fields to every line; they win over a call’s own', () => {
    const { log, calls } = recorder();
    let current: LogFields | undefined = { turnId: 't-1' };
    const scoped = withFields(log, () => current);
    scoped.info('a', { turnId: 'spoofed', n: 1 });
    current = undefined;
    scoped.warn('b');
    expect(calls).toEqual([
      ['info', 'a', { turnId: 't-1', n: 1 }],
      ['warn', 'b', undefined],
    ]);
  });

  it('has no debug when the logger it wraps has none', () => {
    expect(withFields(recorder().log, () => ({ turnId: 'x' })).debug).toBeUndefined();
    expect(withFields(capture('debug').log, () => ({ turnId: 'x' })).debug).toEqual(expect.any(Function));
  });
});
