/** While an owner is in the call: keep the lobby channel open, mirror the waiting list, knock on arrivals. */
import { useEffect } from 'react';
import { playKnockSound } from './knock-sound.ts';
import { OwnerLobby } from './owner-lobby.ts';
import { useOwnerLobbyStore } from './owner-lobby-store.ts';

export function useOwnerLobby(roomName: string, session: string | undefined): void {
  useEffect(() => {
    if (!session) return;
    const lobby = new OwnerLobby(roomName, session);
    lobby.on('waiting-participant-added', playKnockSound);
    useOwnerLobbyStore.getState().attach(lobby);
    return () => {
      lobby.close();
      useOwnerLobbyStore.getState().attach(undefined);
    };
  }, [roomName, session]);
}
