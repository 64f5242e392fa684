/** Daily's permissions from LiveKit's, row by row. */
import { describe, expect, it } from 'vitest';
import { canSendOf, dailyPermissions } from './daily-permissions.ts';

describe('canSendOf', () => {
  it.each([
    ['may publish, no list (any source)', true, [], true],
    ['all four sources', true, ['camera', 'microphone', 'screen_share', 'screen_share_audio'], true],
    ['camera and mic only', true, ['camera', 'microphone'], ['video', 'audio']],
    ['screen share only', true, ['screen_share'], ['screenVideo']],
    ['may not publish', false, ['camera'], false],
  ] as const)('%s', (_label, canPublish, sources, canSend) => {
    expect(canSendOf(canPublish, sources)).toEqual(canSend);
  });
});

describe('dailyPermissions', () => {
  it('a guest who may send everything', () => {
    expect(dailyPermissions({ canPublish: true, isOwner: false })).toEqual({ hasPresence: true, canSend: true, canAdmin: false });
  });
  it('a hidden owner has no presence and administers participants', () => {
    expect(dailyPermissions({ canPublish: true, canPublishSources: [], hidden: true, isOwner: true })).toEqual({ hasPresence: false, canSend: true, canAdmin: ['participants'] });
  });
});
