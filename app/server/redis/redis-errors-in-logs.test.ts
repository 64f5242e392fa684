/**
 * ioredis hangs the failed command on a Redis error reply (`err.command = { name, args }`), and the lobby's
 * commands carry meeting tokens in their arguments: none of them may reach a log line.
 */
import { Writable } from 'node:stream';
import { ReplyError } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';

const TOKEN = 'eyJSECRET-MEETING-TOKEN';

/** What ioredis rejects with when Redis refuses a write (full, or a replica mid-failover). */
function refusedWrite(): Error {
  const err = new ReplyError('OOM command not allowed when used memory > \'maxmemory\'.') as Error & { command: { name: string; args: string[] } };
  err.command = { name: 'eval', args: ['local p = ARGV[1]', '0', 'foyer:', 'e1', 'meetingToken', TOKEN] };
  return err;
}

describe('a Redis error in the app log', () => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    t = await makeTestApp({ logger: { level: 'info', stream } });
  });
  afterAll(async () => t.close());

  it('names the command but never its arguments, on the app logger and its children, also as a cause', () => {
    t.app.log.error({ err: refusedWrite() }, 'the lobby sweep failed');
    t.app.log.child({ reqId: 'r1' }).error({ err: new Error('lobby message failed', { cause: refusedWrite() }) }, 'unhandled error');
    const logged = lines.join('');
    expect(logged).toContain('OOM command not allowed');
    expect(logged).toContain('"name":"eval"');
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain('"args"');
  });
});
