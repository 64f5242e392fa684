/** Who is waiting, as the owner's toast shows it: one entry per waiting participant, in knock order. */
import { create } from 'zustand';
import type { DailyWaitingParticipant, OwnerLobby } from './owner-lobby.ts';

interface OwnerLobbyState {
  waiting: DailyWaitingParticipant[];
  lobby?: OwnerLobby;
  attach(lobby: OwnerLobby | undefined): void;
  /** Allow or Deny one waiting participant. */
  answer(id: string, grant: boolean): void;
  /**
   * Allow all: admits exactly the people the owner was shown, by id. Never `'*'`, which the server
   * expands when it arrives and so would also admit whoever knocked after the toast was drawn.
   */
  allowAll(shown: DailyWaitingParticipant[]): void;
}

export const useOwnerLobbyStore = create<OwnerLobbyState>((set, get) => ({
  waiting: [],
  attach(lobby) {
    const sync = () => set({ waiting: Object.values(lobby?.waitingParticipants() ?? {}).sort((a, b) => a.since.localeCompare(b.since)) });
    lobby
      ?.on('waiting-participants-loaded', sync)
      .on('waiting-participant-added', sync)
      .on('waiting-participant-updated', sync)
      .on('waiting-participant-removed', sync);
    set({ lobby, waiting: [] });
  },
  answer(id, grant) {
    get().lobby?.updateWaitingParticipants({ [id]: { grantRequestedAccess: grant } });
  },
  allowAll(shown) {
    if (shown.length === 0) return;
    get().lobby?.updateWaitingParticipants(Object.fromEntries(shown.map((p) => [p.id, { grantRequestedAccess: true }])));
  },
}));
