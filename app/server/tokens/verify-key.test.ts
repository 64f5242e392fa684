import { describe, expect, it } from 'vitest';
import { signMeetingToken, verifyMeetingToken } from './meeting-token.ts';

const A = { apiKey: 'key-a_Vq3N8wLr2Kx7Hb5Zp9Dm4Tj6Yc1Gs0Fa8Ue3Ri7On5Xk2Wl', domainId: 'd1', now: 1_735_689_600 };
const B = { ...A, apiKey: 'key-b_Lx1Nc5Vb9Hm3Jt6Yd0Fs2Ga8Ue4Io7Pq1bench4Rk8Wq2Zp7' };

describe('the verification key, imported once', () => {
  it('is the key asked for each time: switching keys never verifies with the one before', async () => {
    const byA = await signMeetingToken({ room_name: 'r' }, A);
    const byB = await signMeetingToken({ room_name: 'r' }, B);
    expect((await verifyMeetingToken(byA, A)).ok).toBe(true);
    expect(await verifyMeetingToken(byA, B)).toEqual({ ok: false, reason: 'bad-signature' });
    expect((await verifyMeetingToken(byB, B)).ok).toBe(true);
    expect(await verifyMeetingToken(byB, A)).toEqual({ ok: false, reason: 'bad-signature' });
    // Verifications under two keys at once each use their own.
    const both = await Promise.all([verifyMeetingToken(byA, A), verifyMeetingToken(byA, B), verifyMeetingToken(byB, B), verifyMeetingToken(byB, A)]);
    expect(both.map((c) => c.ok)).toEqual([true, false, true, false]);
  });
});
