import { isTimeZone, localDate, localTime, nextYearly, sameDateInYear } from '../../src/kernel/dates';

describe('local dates in a time zone', () => {
  it('gives the Copenhagen date, not the UTC date, around midnight', () => {
    // 23:30 UTC on 31 December is already 1 January in Copenhagen (UTC+1).
    expect(localDate(new Date('2025-12-31T23:30:00Z'), 'Europe/Copenhagen')).toBe('2026-01-01');
    expect(localDate(new Date('2025-12-31T23:30:00Z'), 'UTC')).toBe('2025-12-31');
    expect(localDate(new Date('2026-06-30T22:30:00Z'), 'Europe/Copenhagen')).toBe('2026-07-01');
  });

  it('turns the date at midnight to the millisecond', () => {
    expect(localDate(new Date('2025-12-31T22:59:59.999Z'), 'Europe/Copenhagen')).toBe('2025-12-31');
    expect(localDate(new Date('2025-12-31T23:00:00.000Z'), 'Europe/Copenhagen')).toBe('2026-01-01');
  });

  it('takes the time zone as a parameter', () => {
    expect(localDate(new Date('2026-03-09T03:00:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localTime(new Date('2026-10-03T12:05:00Z'), 'Europe/Copenhagen')).toEqual({ date: '2026-10-03', hour: '14', minute: '05' });
    expect(localTime(new Date('2026-10-03T12:05:00Z'), 'America/New_York')).toEqual({ date: '2026-10-03', hour: '08', minute: '05' });
  });

  it('shows midnight as 00, not 24', () => {
    expect(localTime(new Date('2026-12-31T23:00:00Z'), 'Europe/Copenhagen')).toEqual({ date: '2027-01-01', hour: '00', minute: '00' });
  });

  it('knows which time zones exist', () => {
    expect(isTimeZone('Europe/Copenhagen')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
  });
});

describe('the yearly rule', () => {
  it('moves 29 February to 28 February in common years, and back in leap years', () => {
    expect(sameDateInYear('2024-02-29', 2025)).toBe('2025-02-28');
    expect(sameDateInYear('2024-02-29', 2028)).toBe('2028-02-29');
    expect(sameDateInYear('2024-02-29', 2100)).toBe('2100-02-28');
    expect(sameDateInYear('2025-12-01', 2026)).toBe('2026-12-01');
  });

  it('finds the next occurrence on or after today, never before the first', () => {
    expect(nextYearly('2027-03-01', '2026-12-01')).toBe('2027-03-01');
    expect(nextYearly('2024-12-01', '2026-12-01')).toBe('2026-12-01');
    expect(nextYearly('2024-11-30', '2026-12-01')).toBe('2027-11-30');
    expect(nextYearly('2024-02-29', '2026-01-15')).toBe('2026-02-28');
    expect(nextYearly('2024-02-29', '2027-03-01')).toBe('2028-02-29');
  });
});
