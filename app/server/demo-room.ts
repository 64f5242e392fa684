/** `npm start`'s demo room, and the two links a newcomer opens to try a call. */
import type { AppContext } from './context.ts';
import { signMeetingToken } from './tokens/meeting-token.ts';

const DEMO_ROOM = 'demo';

export async function ensureDemoRoom(ctx: AppContext): Promise<void> {
  const now = ctx.now();
  // Private with knocking, so a newcomer can try the whole knock → Allow flow between two windows.
  const demo = { privacy: 'private' as const, config: { enable_knocking: true } };
  const existing = ctx.store.getRoom(DEMO_ROOM);
  if (existing) ctx.store.updateRoom(DEMO_ROOM, { privacy: demo.privacy, config: { ...existing.config, ...demo.config } });
  else {
    ctx.store.createRoom({
      id: crypto.randomUUID(),
      name: DEMO_ROOM,
      api_created: false,
      created_at: new Date(now * 1000).toISOString(),
      ...demo,
    });
  }
  const ownerToken = await signMeetingToken(
    { room_name: DEMO_ROOM, is_owner: true, user_name: 'Host', exp: Math.floor(now) + 24 * 3600 },
    { apiKey: ctx.deployment.apiKey, domainId: ctx.deployment.domainId, now },
  );
  const base = `${ctx.config.publicUrl}/${DEMO_ROOM}`;
  console.log('\nDemo room ready (private, with knocking). Open these in two browser windows:');
  console.log(`  owner: ${base}?t=${ownerToken}`);
  console.log(`  guest: ${base}   (asks to join; the owner gets an Allow/Deny toast)\n`);
}
