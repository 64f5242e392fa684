/**
 * What every LiveKit gateway must do, as one suite: run against the fake (units,
 * `fake-livekit.contract.test.ts`) and against the real gateway on the real LiveKit
 * (`gateway.integration.test.ts`), so the fake cannot drift from what it stands in for.
 */
import { describe, expect, it } from 'vitest';
import { LivekitUnavailableError } from './errors.ts';
import type { LivekitGateway } from './gateway.ts';

export interface ContractSubject {
  /** A gateway on a working LiveKit. */
  gateway: LivekitGateway;
  /** A gateway whose LiveKit cannot be reached. */
  down: LivekitGateway;
  /** LiveKit's cap for this room, or undefined when the LiveKit room does not exist (asked of LiveKit itself, not the gateway). */
  roomCap(roomId: string): Promise<number | undefined>;
}

let next = 0;
/** Room ids unique per run, so suites on a shared LiveKit do not meet. */
const roomId = () => `contract-${process.pid}-${Date.now()}-${next++}`;

export function livekitGatewayContract(label: string, subject: () => ContractSubject): void {
  describe(`LiveKit gateway contract: ${label}`, () => {
    it('a missing room has nobody in it, and ending it is fine', async () => {
      const { gateway, roomCap } = subject();
      const id = roomId();
      expect(await gateway.participants(id)).toEqual([]);
      expect(await gateway.isInCall(id, 'p_nobody')).toBe(false);
      await expect(gateway.endRoom(id)).resolves.toBeUndefined();
      expect(await roomCap(id)).toBeUndefined();
    });

    it('openRoom creates the room with its cap, and again changes nothing (idempotent)', async () => {
      const { gateway, roomCap } = subject();
      const id = roomId();
      await gateway.openRoom(id, { maxParticipants: 7 });
      expect(await roomCap(id)).toBe(7);
      await gateway.openRoom(id, { maxParticipants: 9 });
      expect(await roomCap(id)).toBe(7);
      expect(await gateway.participants(id)).toEqual([]);
      await gateway.endRoom(id);
    });

    it('a stranger is not in an open call', async () => {
      const { gateway } = subject();
      const id = roomId();
      await gateway.openRoom(id, { maxParticipants: 3 });
      expect(await gateway.isInCall(id, 'p_stranger')).toBe(false);
      await gateway.endRoom(id);
    });

    it('endRoom removes an open room; ending it again is fine', async () => {
      const { gateway, roomCap } = subject();
      const id = roomId();
      await gateway.openRoom(id, { maxParticipants: 3 });
      await gateway.endRoom(id);
      expect(await roomCap(id)).toBeUndefined();
      await expect(gateway.endRoom(id)).resolves.toBeUndefined();
    });

    it('minting a join token needs no LiveKit round trip', async () => {
      const { down } = subject();
      const token = await down.mintJoinToken({ roomId: roomId(), identity: 'p_x', name: 'Ada', isOwner: false, canPublish: true, canScreenShare: true });
      expect(typeof token).toBe('string');
      expect(token.length).toBeGreaterThan(0);
    });

    it.each([
      ['participants', (gw: LivekitGateway) => gw.participants(roomId())],
      ['isInCall', (gw: LivekitGateway) => gw.isInCall(roomId(), 'p_x')],
      ['openRoom', (gw: LivekitGateway) => gw.openRoom(roomId(), { maxParticipants: 3 })],
      ['endRoom', (gw: LivekitGateway) => gw.endRoom(roomId())],
    ])('%s fails with LivekitUnavailableError (503, names LiveKit) when LiveKit is down', async (_name, call) => {
      const err = await call(subject().down).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(LivekitUnavailableError);
      expect((err as LivekitUnavailableError).status).toBe(503);
      expect((err as LivekitUnavailableError).info).toMatch(/LiveKit/);
    });
  });
}
