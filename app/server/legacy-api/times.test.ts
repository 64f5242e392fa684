import { describe, expect, it } from 'vitest';
import { parseTime } from './times.ts';

const T0 = 1_735_689_600; // 2025-01-01T00:00:00Z

describe('parseTime (the 2018 team API\'s start and end)', () => {
  it.each([
    [T0, T0],
    [T0 + 0.5, T0 + 0.5],
    [String(T0), T0],
    ['2025-01-01', T0],
    ['2025-01-01T00:00Z', T0],
    ['2025-01-01T00:00:00Z', T0],
    ['2025-01-01T00:00:00.250Z', T0 + 0.25],
    ['2025-01-01T02:00:00+02:00', T0],
    ['2024-12-31T19:00:00-05:00', T0],
    [0, 0],
  ])('reads %j as %d', (input, seconds) => {
    expect(parseTime('start', input)).toEqual({ ok: true, seconds });
  });

  it.each([
    ['2025-02-30'],
    ['2025-01-01T24:00:00Z'],
    ['2025-13-01'],
    ['2025-01-01T00:00:00'], // no zone: the server's own would decide
    ['yesterday'],
    [' 1735689600'],
    ['0x10'],
    ['1e9'],
    [''],
    [null],
    [true],
    [{}],
    [[T0]],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
  ])('refuses %j with a message that says what a time looks like', (input) => {
    const parsed = parseTime('start', input);
    expect(parsed).toMatchObject({ ok: false, reason: expect.stringContaining('start must be unix seconds') });
  });

  it('refuses milliseconds and times before 1970, saying which', () => {
    expect(parseTime('end', T0 * 1000)).toMatchObject({ ok: false, reason: expect.stringContaining('not milliseconds') });
    expect(parseTime('end', String(T0 * 1000))).toMatchObject({ ok: false, reason: expect.stringContaining('not milliseconds') });
    expect(parseTime('end', -1)).toMatchObject({ ok: false, reason: 'end must not be before 1970' });
  });
});
