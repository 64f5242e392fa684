/**
 * Who is waiting, as the owner's toast and waiting list show it: one entry per waiting participant, in
 * knock order, with each one's short thread with the owners (messages before deciding).
 */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { LobbyMessage } from '../../shared/lobby.ts';
import type { MessageProblem, SendResult } from './message-problem.ts';
import type { DailyWaitingParticipant, OwnerLobby } from './owner-lobby.ts';

interface OwnerLobbyState {
  waiting: DailyWaitingParticipant[];
  /** Each waiting participant's thread with the owners, by waiting id. */
  threads: Record<string, LobbyMessage[]>;
  /** Why this owner's last message to a waiting participant was refused, by waiting id (cleared by the next one sent). */
  messageProblems: Record<string, MessageProblem>;
  lobby?: OwnerLobby;
  attach(lobby: OwnerLobby | undefined): void;
  /** Allow or Deny one waiting participant. */
  answer(id: string, grant: boolean): void;
  /**
   * Allow all: admits exactly the people the owner was shown, by id. Never `'*'`, which the server
   * expands when it arrives and so would also admit whoever knocked after the toast was drawn.
   */
  allowAll(shown: DailyWaitingParticipant[]): void;
  /** Writes to one waiting participant ("One moment, finishing a call"). */
  sendMessage(id: string, text: string): SendResult;
}

const NO_MESSAGES: LobbyMessage[] = [];

export const useOwnerLobbyStore = create<OwnerLobbyState>((set, get) => ({
  waiting: [],
  threads: {},
  messageProblems: {},
  attach(lobby) {
    const sync = () => {
      const waiting = Object.values(lobby?.waitingParticipants() ?? {}).sort((a, b) => a.since.localeCompare(b.since));
      const threads = Object.fromEntries(waiting.map((p) => [p.id, lobby?.waitingMessages(p.id) ?? NO_MESSAGES]));
      set({ waiting, threads });
    };
    lobby
      ?.on('waiting-participants-loaded', sync)
      .on('waiting-participant-added', sync)
      .on('waiting-participant-updated', sync)
      .on('waiting-participant-removed', sync)
      .on('waiting-message', sync)
      .on('waiting-message-refused', ({ id, problem }) => {
        if (id) set({ messageProblems: { ...get().messageProblems, [id]: problem } });
      });
    set({ lobby, waiting: [], threads: {}, messageProblems: {} });
  },
  answer(id, grant) {
    get().lobby?.updateWaitingParticipants({ [id]: { grantRequestedAccess: grant } });
  },
  allowAll(shown) {
    if (shown.length === 0) return;
    get().lobby?.updateWaitingParticipants(Object.fromEntries(shown.map((p) => [p.id, { grantRequestedAccess: true }])));
  },
  sendMessage(id, text) {
    const lobby = get().lobby;
    if (!lobby) return { ok: false, problem: 'offline' };
    const result = lobby.sendWaitingMessage(id, text);
    const { [id]: _cleared, ...others } = get().messageProblems;
    set({ messageProblems: result.ok ? others : { ...others, [id]: result.problem } });
    return result;
  },
}));

/** What the owner's views need to show and add to the threads with waiting participants. */
export interface WaitingMessaging {
  threads: Record<string, LobbyMessage[]>;
  problems: Record<string, MessageProblem>;
  send(id: string, text: string): SendResult;
}

export const NO_MESSAGING: WaitingMessaging = { threads: {}, problems: {}, send: () => ({ ok: false, problem: 'offline' }) };

export const useWaitingMessaging = (): WaitingMessaging =>
  useOwnerLobbyStore(useShallow((s) => ({ threads: s.threads, problems: s.messageProblems, send: s.sendMessage })));

/** One waiting participant's thread (a stable empty list when there is none). */
export const threadOf = (messaging: WaitingMessaging, id: string): LobbyMessage[] => messaging.threads[id] ?? NO_MESSAGES;
