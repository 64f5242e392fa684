/** The update-permissions plan, row by row: replace-per-field, "*" for everyone not named, owners, no-op rows. */
import { describe, expect, it } from 'vitest';
import { planPermissions, publishFor, type PermissionUpdate, type PlanParticipant } from './permission-plan.ts';

const ALL = ['camera', 'microphone', 'screen_share', 'screen_share_audio'] as const;
const guest = (identity: string, over: Partial<PlanParticipant> = {}): PlanParticipant => ({
  identity, isOwner: false, canPublish: true, canPublishSources: ['camera', 'microphone'], hidden: false, ...over,
});
const plan = (call: PlanParticipant[], data: Record<string, PermissionUpdate>) => planPermissions(call, data);

describe('canSend as LiveKit publish permission', () => {
  it.each([
    [true, { canPublish: true, canPublishSources: [...ALL] }],
    [false, { canPublish: false }],
    [[], { canPublish: false }],
    [['video'], { canPublish: true, canPublishSources: ['camera'] }],
    [['audio', 'video'], { canPublish: true, canPublishSources: ['camera', 'microphone'] }],
    [['screenVideo', 'screenAudio'], { canPublish: true, canPublishSources: ['screen_share', 'screen_share_audio'] }],
  ] as const)('%j → %j', (canSend, expected) => {
    expect(publishFor(canSend)).toEqual(expected);
  });
});

describe('planPermissions', () => {
  it('canSend: false takes publishing away from the one named, and only them', () => {
    expect(plan([guest('a'), guest('b')], { a: { canSend: false } })).toEqual([{ identity: 'a', canPublish: false }]);
  });

  it('canSend: true gives back publishing and every source', () => {
    expect(plan([guest('a', { canPublish: false })], { a: { canSend: true } })).toEqual([{ identity: 'a', canPublish: true, canPublishSources: [...ALL] }]);
  });

  it('a list replaces the sources (replace, not add): audio only', () => {
    expect(plan([guest('a')], { a: { canSend: ['audio'] } })).toEqual([{ identity: 'a', canPublishSources: ['microphone'] }]);
  });

  it('what they already have plans nothing', () => {
    expect(plan([guest('a')], { a: { canSend: ['video', 'audio'], hasPresence: true } })).toEqual([]);
    expect(plan([guest('a', { canPublish: false })], { a: { canSend: false } })).toEqual([]);
  });

  it('fields left out stay: hasPresence alone does not touch publishing', () => {
    expect(plan([guest('a')], { a: { hasPresence: false } })).toEqual([{ identity: 'a', hidden: true }]);
    expect(plan([guest('a', { hidden: true })], { a: { hasPresence: true } })).toEqual([{ identity: 'a', hidden: false }]);
  });

  it('"*" applies to everyone in the call not named; a named entry wins whole (not merged with "*")', () => {
    const call = [guest('a'), guest('b'), guest('c')];
    expect(plan(call, { '*': { canSend: false }, b: { hasPresence: false } })).toEqual([
      { identity: 'a', canPublish: false },
      { identity: 'b', hidden: true },
      { identity: 'c', canPublish: false },
    ]);
  });

  it('"*" reaches owners too (Daily: everyone not named)', () => {
    expect(plan([guest('host', { isOwner: true })], { '*': { canSend: false } })).toEqual([{ identity: 'host', canPublish: false }]);
  });

  it('ids that name nobody in the call plan nothing', () => {
    expect(plan([guest('a')], { ghost: { canSend: false } })).toEqual([]);
    expect(plan([], { '*': { canSend: false } })).toEqual([]);
  });

  it('canAdmin: true or ["participants"] makes a guest an owner; an owner already is left alone', () => {
    expect(plan([guest('a')], { a: { canAdmin: true } })).toEqual([{ identity: 'a', makeOwner: true }]);
    expect(plan([guest('a')], { a: { canAdmin: ['participants'] } })).toEqual([{ identity: 'a', makeOwner: true }]);
    expect(plan([guest('a', { isOwner: true })], { a: { canAdmin: true } })).toEqual([]);
  });

  it('canAdmin without "participants", or false, changes nothing (Foyer has no streaming admin, and does not demote mid-meeting)', () => {
    expect(plan([guest('a')], { a: { canAdmin: ['streaming', 'transcription'] } })).toEqual([]);
    expect(plan([guest('a', { isOwner: true })], { a: { canAdmin: false } })).toEqual([]);
  });

  it('a guest who may not publish (owner-only broadcast) made an owner may publish; canSend: false in the same entry still wins', () => {
    expect(plan([guest('a', { canPublish: false })], { a: { canAdmin: true } })).toEqual([{ identity: 'a', makeOwner: true }]);
    expect(plan([guest('a', { canPublish: false })], { a: { canAdmin: true, canSend: false } })).toEqual([{ identity: 'a', makeOwner: true, canPublish: false }]);
  });

  it('an id called like an Object prototype key is just an id', () => {
    expect(plan([guest('constructor')], { '*': { canSend: false } })).toEqual([{ identity: 'constructor', canPublish: false }]);
    expect(plan([guest('a')], { toString: { canSend: false } } as Record<string, PermissionUpdate>)).toEqual([]);
  });
});
