import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp } from '../testing/test-app.ts';

describe('the /v1 request budget', () => {
  it('is Daily\'s 100 requests per 5 s by default: the 101st answers 429 rate-limit-error', async () => {
    const t = await makeTestApp();
    try {
      for (let i = 0; i < 100; i++) expectOk(await t.api('GET', '/v1/'));
      expectError(await t.api('GET', '/v1/'), 429, 'rate-limit-error');
    } finally {
      await t.close();
    }
  });

  it('follows FOYER_API_REQUESTS_PER_5S, and a refused request changes nothing', async () => {
    const t = await makeTestApp({ env: { FOYER_API_REQUESTS_PER_5S: '3' } });
    try {
      for (let i = 0; i < 3; i++) expectOk(await t.api('GET', '/v1/rooms'));
      expectError(await t.api('POST', '/v1/rooms', { name: 'over-budget' }), 429, 'rate-limit-error');
      expect(t.store.getRoom('over-budget')).toBeNull();
    } finally {
      await t.close();
    }
  });
});
