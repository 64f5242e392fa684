/** Who is waiting, as the owner's toast shows it: one entry per waiting participant, in knock order. */
import { create } from 'zustand';
import type { DailyWaitingParticipant, OwnerLobby } from './owner-lobby.ts';

interface OwnerLobbyState {
  waiting: DailyWaitingParticipant[];
  lobby?: OwnerLobby;
  attach(lobby: OwnerLobby | undefined): void;
  answer(id: string | '*', grant: boolean): void;
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
}));
