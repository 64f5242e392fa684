/**
 * The frame's end of `/embed.js`: takes method calls from the host page (its origin, its window, this
 * frame's id; bounded and rate-limited), answers each, and sends the frame's state whenever it
 * changes, plus the fatal error when a call cannot start or is over.
 */
import { EMBED_PROTOCOL, isForFrame, type FrameMessage, type FrameState } from '../../shared/embed-protocol.ts';
import type { CallPhase } from '../flow/call-store.ts';
import { checkCall } from './frame-args.ts';
import type { CommandContext, FrameCommands } from './frame-commands.ts';
import type { EmbedLink } from './embed-link.ts';
import { fatalErrorOf } from './frame-errors.ts';
import { frameStateOf, type FrameInputs } from './frame-state.ts';
import type { HostFlags } from './frame-world.ts';

/** A host page may not call more often than this (a second's window), nor keep more calls unanswered. */
export const MAX_CALLS_PER_SECOND = 50;
export const MAX_PENDING_CALLS = 20;

export interface BridgeEnv {
  /** Posts to the host page, with its origin as the target. */
  post(message: FrameMessage): void;
  /** Listens to this window's messages; returns the unsubscribe. */
  listen(onMessage: (event: { source: unknown; origin: string; data: unknown }) => void): () => void;
  /** The host page's window (the only sender accepted). */
  host: unknown;
  now(): number;
}

export interface FrameWorld {
  read(flags: HostFlags): FrameInputs;
  subscribe(onChange: () => void): () => void;
}

/**
 * What the host page is told, given what it was told before: while the door is asked again (a token
 * given to `join`/`preAuth`, Rejoin) it keeps hearing the last answer rather than `unknown` in between,
 * and after the call `local` stays who they were in it, as daily-js keeps them.
 */
function heldOver(previous: FrameState, next: FrameState, phase: CallPhase): FrameState {
  if (phase.name === 'loading' && previous.meetingState !== 'new' && previous.meetingState !== 'loading') return previous;
  if (phase.name === 'ended' && previous.participants.local?.session_id) return { ...next, participants: { local: previous.participants.local } };
  return next;
}

/** Starts answering the host page; returns the stop. */
export function startFrameBridge(link: EmbedLink, env: BridgeEnv, world: FrameWorld, commands: FrameCommands): () => void {
  const envelope = { protocol: EMBED_PROTOCOL, frameId: link.frameId } as const;
  const flags: HostFlags = { lobbyJoined: false, leftByHost: false };
  let inputs = world.read(flags);
  let state = frameStateOf(inputs);
  let sent = '';
  const waiters = new Set<() => void>();

  function refresh() {
    const next = world.read(flags);
    if (next.phase !== inputs.phase) {
      // Before the state that says `error`/`left-meeting`: daily-js fires `error`, then `left-meeting`.
      const error = fatalErrorOf(next.phase);
      if (error) env.post({ ...envelope, kind: 'event', event: 'error', payload: error });
    }
    inputs = next;
    state = heldOver(state, frameStateOf(next), next.phase);
    const text = JSON.stringify(state);
    if (text !== sent) {
      sent = text;
      env.post({ ...envelope, kind: 'state', state });
    }
    for (const waiter of [...waiters]) waiter();
  }

  let queued = false;
  const scheduleRefresh = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      refresh();
    });
  };

  const ctx: CommandContext = {
    flags,
    changed: refresh,
    when<T>(pick: (state: FrameState, phase: CallPhase) => T | undefined) {
      refresh();
      return new Promise<T>((resolve, reject) => {
        const check = () => {
          try {
            const value = pick(state, inputs.phase);
            if (value === undefined) return;
            waiters.delete(check);
            resolve(value);
          } catch (err) {
            waiters.delete(check);
            reject(err);
          }
        };
        waiters.add(check);
        check();
      });
    },
  };

  const recent: number[] = [];
  let pending = 0;
  const reply = (id: number, outcome: { ok: true; value: unknown } | { ok: false; message: string }) => env.post({ ...envelope, kind: 'reply', id, ...outcome });

  const stopListening = env.listen((event) => {
    if (event.source !== env.host || event.origin !== link.hostOrigin || !isForFrame(event.data, link.frameId)) return;
    const message = event.data as { kind?: unknown; id?: unknown; method?: unknown; args?: unknown };
    if (message.kind !== 'call' || typeof message.id !== 'number' || !Number.isSafeInteger(message.id)) return;
    const id = message.id;
    const now = env.now();
    while (recent.length > 0 && recent[0]! <= now - 1000) recent.shift();
    if (recent.length >= MAX_CALLS_PER_SECOND) return reply(id, { ok: false, message: `Too many calls: at most ${MAX_CALLS_PER_SECOND} a second` });
    if (pending >= MAX_PENDING_CALLS) return reply(id, { ok: false, message: `Too many calls waiting for an answer (at most ${MAX_PENDING_CALLS})` });
    recent.push(now);
    const call = checkCall(message.method, message.args);
    if (!call.ok) return reply(id, { ok: false, message: call.message });
    pending++;
    (commands[call.method] as (args: unknown, ctx: CommandContext) => Promise<unknown>)(call.args, ctx)
      .then(
        (value) => reply(id, { ok: true, value }),
        (err: unknown) => reply(id, { ok: false, message: err instanceof Error ? err.message : String(err) }),
      )
      .finally(() => pending--);
  });
  const stopWatching = world.subscribe(scheduleRefresh);

  env.post({ ...envelope, kind: 'ready' });
  sent = JSON.stringify(state);
  env.post({ ...envelope, kind: 'state', state });

  return () => {
    stopListening();
    stopWatching();
    waiters.clear();
  };
}
