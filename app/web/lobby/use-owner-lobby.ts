/** While an owner is in the call: keep the lobby channel open, mirror the waiting list, knock on arrivals. */
import { useEffect } from 'react';
import { playKnockSound } from './knock-sound.ts';
import { OwnerLobby } from './owner-lobby.ts';
import { useOwnerLobbyStore } from './owner-lobby-store.ts';

export function useOwnerLobby(roomName: string, session: string | undefined): void {
  useEffect(() => {
    if (!session) return;
    const lobby = new OwnerLobby(roomName, session);
    useOwnerLobbyStore.getState().attach(lobby);
    // After the store's listener, so the toast never waits for the sound to start.
    lobby.on('waiting-participant-added', () => setTimeout(playKnockSound));
    return () => {
      lobby.close();
      useOwnerLobbyStore.getState().attach(undefined);
    };
  }, [roomName, session]);
}
