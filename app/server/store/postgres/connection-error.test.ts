import { describe, expect, it } from 'vitest';
import { openError, withoutPassword } from './connection-error.ts';

const URL_WITH_PASSWORD = 'postgres://foyer:s3cret@db.example.com:5432/foyer';

describe('withoutPassword', () => {
  it('hides the password and keeps the rest of the URL', () => {
    expect(withoutPassword(URL_WITH_PASSWORD)).toBe('postgres://foyer:***@db.example.com:5432/foyer');
    expect(withoutPassword('postgres://foyer@db.example.com/foyer')).toBe('postgres://foyer@db.example.com/foyer');
    expect(withoutPassword('postgresql://db.example.com/foyer?user=foyer&password=s3cret')).toBe('postgresql://db.example.com/foyer?user=foyer&password=***');
  });

  it('says nothing of a value that is not a URL (a secret may be anywhere in it)', () => {
    expect(withoutPassword('foyer:s3cret@db')).not.toContain('s3cret');
    expect(withoutPassword('not a url s3cret')).not.toContain('s3cret');
  });
});

describe('openError', () => {
  it.each([
    ['ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432', /PostgreSQL is running/],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND db.example.com', /host and port/],
    ['28P01', 'password authentication failed for user "foyer"', /user and password/],
    ['3D000', 'database "foyer" does not exist', /create it/],
    ['42501', 'permission denied for schema public', /grant it CREATE/],
    ['53300', 'sorry, too many clients already', /max_connections/],
  ])('%s: names the server, what happened and what to check', (code, message, next) => {
    const err = openError(URL_WITH_PASSWORD, Object.assign(new Error(message), { code }));
    expect(err.message).toContain('postgres://foyer:***@db.example.com:5432/foyer');
    expect(err.message).toContain(message);
    expect(err.message).toMatch(next);
    expect(err.message).not.toContain('s3cret');
  });

  it('a connection that times out is a network problem too', () => {
    expect(openError(URL_WITH_PASSWORD, new Error('timeout expired')).message).toMatch(/PostgreSQL is running/);
  });

  it('anything else: points to the URL and the server log, keeping the cause', () => {
    const cause = Object.assign(new Error('something odd'), { code: 'XX000' });
    const err = openError(URL_WITH_PASSWORD, cause);
    expect(err.message).toMatch(/something odd.*server's log/);
    expect(err.cause).toBe(cause);
  });
});
