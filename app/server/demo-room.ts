/**
 * `npm start`'s demo room, and the two links a newcomer opens to try a call. The owner link carries a
 * 24-hour owner token, so it is printed only when it helps: on the first start of a data dir whose key
 * Foyer generated (a fresh clone), or when asked (`npm start -- --demo`, FOYER_DEMO=1); never into the
 * logs of every restart.
 */
import type { AppContext } from './context.ts';
import { changeRoom } from './rooms/change-room.ts';
import { RoomNameTakenError, type Room } from './store/store.ts';
import { currentInviteCode, inviteLink } from './team/invite-code.ts';
import { relyingParty } from './team/relying-party.ts';
import { signMeetingToken } from './tokens/meeting-token.ts';

const DEMO_ROOM = 'demo';
/** Set once the first start of a data dir has printed the demo links (claimed atomically). */
const DEMO_SETTING = 'demo_room_created';
const HOW_TO_ASK = 'run `npm start -- --demo` (or set FOYER_DEMO=1) for fresh ones';

/** `--demo` on the command line wins; otherwise FOYER_DEMO (`true`, `false`, or unset: decide by the data dir). */
export function demoWanted(argv: readonly string[], demoEnv: boolean | undefined): boolean | undefined {
  return argv.includes('--demo') ? true : demoEnv;
}

export interface DemoChoice {
  /** `true`: print fresh links now; `false`: never; `undefined`: only on the data dir's first start. */
  asked: boolean | undefined;
  /** The API key came from FOYER_API_KEY: an operator configured this deployment, so no demo unless asked. */
  keyFromEnv: boolean;
}

/** Makes the demo room and prints its links when `choice` says so; otherwise says, in one line, how to get them. */
export async function printDemoLinks(ctx: AppContext, choice: DemoChoice, log: (line: string) => void = console.log): Promise<void> {
  if (choice.asked === false) return;
  if (choice.asked === undefined) {
    if (choice.keyFromEnv) {
      log(`No demo room: FOYER_API_KEY is set, so this is a configured deployment; ${HOW_TO_ASK}.`);
      return;
    }
    // Unique per start and claimed atomically, so two first starts on one data dir print one owner link between them.
    const stamp = `${new Date(ctx.now() * 1000).toISOString()} ${crypto.randomUUID()}`;
    if (await ctx.store.claimSetting(DEMO_SETTING, stamp) !== stamp) {
      log(`Demo links are printed only on the first start of a data dir; ${HOW_TO_ASK}.`);
      return;
    }
  } else {
    await ctx.store.claimSetting(DEMO_SETTING, new Date(ctx.now() * 1000).toISOString());
  }
  await ensureDemoRoom(ctx, log);
}

/** Creates (or restores) the private, knocking demo room and prints an owner link and a guest link. */
export async function ensureDemoRoom(ctx: AppContext, log: (line: string) => void = console.log): Promise<void> {
  const now = ctx.now();
  // Private with knocking, so a newcomer can try the whole knock → Allow flow between two windows.
  const demo = { privacy: 'private' as const, config: { enable_knocking: true } };
  const restore = (room: Room) => ({ privacy: demo.privacy, config: { ...room.config, ...demo.config } });
  if (!(await changeRoom(ctx.store, DEMO_ROOM, restore))) {
    try {
      await ctx.store.createRoom({ id: crypto.randomUUID(), name: DEMO_ROOM, api_created: false, created_at: new Date(now * 1000).toISOString(), ...demo });
    } catch (err) {
      // Another instance starting at the same moment made it first: restore theirs instead.
      if (!(err instanceof RoomNameTakenError)) throw err;
      await changeRoom(ctx.store, DEMO_ROOM, restore);
    }
  }
  const ownerToken = await signMeetingToken(
    { room_name: DEMO_ROOM, is_owner: true, user_name: 'Host', exp: Math.floor(now) + 24 * 3600 },
    { apiKey: ctx.deployment.apiKey, domainId: ctx.deployment.domainId, now },
  );
  const base = `${ctx.config.publicUrl}/${DEMO_ROOM}`;
  log('\nDemo room ready (private, with knocking). Open these in two browser windows:');
  log(`  owner: ${base}?t=${ownerToken}   (valid 24 hours)`);
  log(`  guest: ${base}   (asks to join; the owner gets an Allow/Deny toast)`);
  log(`  embedded: ${ctx.config.publicUrl}/embed-demo#t=${ownerToken}&url=${encodeURIComponent(base)}   (the owner, in a host page that drives the call with /embed.js)`);
  // A team with no members yet: the invite link makes its first member (the owner) with a passkey.
  if ((await ctx.store.team.members()).length === 0 && !('error' in relyingParty(ctx.config.publicUrl))) {
    log(`  team: ${inviteLink(ctx.config.publicUrl, await currentInviteCode(ctx.store))}   (sign up with a passkey; the first member owns the team, then opens ${ctx.config.publicUrl}/dashboard)`);
  }
  log(`Demo links are printed on the first start only; ${HOW_TO_ASK}.\n`);
}
