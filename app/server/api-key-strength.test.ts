import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiKeyWeakness, estimateKeyBits } from './api-key-strength.ts';

describe('estimateKeyBits', () => {
  it.each([
    // length × log2(size of the character classes used)
    ['a'.repeat(10), 10 * Math.log2(26)],
    ['aB'.repeat(5), 10 * Math.log2(52)],
    ['a1'.repeat(5), 10 * Math.log2(36)],
    ['aB1'.repeat(4), 12 * Math.log2(62)],
    ['aB1-'.repeat(4), 16 * Math.log2(95)],
    ['----', 4 * Math.log2(33)],
    ['', 0],
  ])('%j → %d bits', (key, bits) => {
    expect(estimateKeyBits(key)).toBeCloseTo(bits, 6);
  });
});

describe('apiKeyWeakness', () => {
  it.each([
    ['a 64-hex-character key (what Foyer generates; Daily keys look like this)', '039f8228982b91dfbed6710eeaf8b156133a49cff894522ca4c9c65455e5e178'],
    ['an upper-case 64-hex-character key', '039F8228982B91DFBED6710EEAF8B156133A49CFF894522CA4C9C65455E5E178'],
    ['a 43-character base64url key of 32 random bytes', 'rt1Vp_A3-3MDeJ8in2o10cfoXZKqA-7cfjMWUXpo1os'],
    ['a 43-character base64url key with letters and digits only', 'rt1VpxA33MDeJ8in2o10cfoXZKqAq7cfjMWUXpo1osQ'],
    ['a long passphrase-like key with symbols', 'itest_7Hq2mV9xK4pL8sN3wR6tY1zB5cD0fG2jM4nQ7uX9aE3hJ6kP'],
  ])('accepts %s', (_label, key) => {
    expect(apiKeyWeakness(key)).toBeNull();
  });

  it('accepts keys made the way the README says (openssl rand -hex 32, or 32 random bytes as base64url)', () => {
    for (let i = 0; i < 200; i++) {
      expect(apiKeyWeakness(randomBytes(32).toString('hex'))).toBeNull();
    }
  });

  it.each([
    ['the old test key', 'test-key', /bits/],
    ['a short hex key (16 bytes)', '039f8228982b91dfbed6710eeaf8b156', /about 165 bits.*256/],
    ['a 42-character alphanumeric key (just under 256 bits)', 'rt1VpxA33MDeJ8in2o10cfoXZKqAq7cfjMWUXpo1os', /bits/],
    ['one repeated character', 'a'.repeat(100), /distinct/],
    ['two alternating characters', 'ab'.repeat(50), /distinct/],
    ['nine distinct characters', '123456789'.repeat(12), /distinct/],
    ['a short pattern repeated', 'Xk3#pQ9!mZ2@'.repeat(6), /repeats/],
    ['a run of consecutive characters', 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', /consecutive/],
    ['a key with a space', `${'039f8228982b91dfbed6710eeaf8b156'} ${'133a49cff894522ca4c9c65455e5e178'}`, /space/],
    ['a key with a non-ASCII character', `039f8228982b91dfbed6710eeaf8b156133a49cff894522ca4c9c65455e5e17é`, /ASCII/],
    ['an empty key', '', /bits/],
  ])('refuses %s', (_label, key, reason) => {
    const weakness = apiKeyWeakness(key);
    expect(weakness).not.toBeNull();
    expect(weakness).toMatch(reason);
  });
});
