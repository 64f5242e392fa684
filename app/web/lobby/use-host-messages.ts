/** The guest's thread with the host while waiting: the lines, a server refusal of the last reply, and `reply`. */
import { useCallback, useEffect, useState } from 'react';
import type { LobbyMessage } from '../../shared/lobby.ts';
import type { GuestLobby } from './guest-lobby.ts';
import type { MessageProblem, SendResult } from './message-problem.ts';

export interface HostMessages {
  messages: LobbyMessage[];
  problem?: MessageProblem;
  reply(text: string): SendResult;
}

export function useHostMessages(lobby: GuestLobby | undefined): HostMessages {
  const [messages, setMessages] = useState<LobbyMessage[]>(() => lobby?.messages() ?? []);
  const [problem, setProblem] = useState<MessageProblem>();
  useEffect(() => {
    setMessages(lobby?.messages() ?? []);
    setProblem(undefined);
    if (!lobby) return;
    const onMessages = (e: { messages: LobbyMessage[] }) => {
      setMessages(e.messages);
      setProblem(undefined);
    };
    const onRefused = (e: { problem: MessageProblem }) => setProblem(e.problem);
    lobby.on('messages', onMessages).on('reply-refused', onRefused);
    return () => {
      lobby.off('messages', onMessages).off('reply-refused', onRefused);
    };
  }, [lobby]);
  const reply = useCallback((text: string): SendResult => lobby?.reply(text) ?? { ok: false, problem: 'offline' }, [lobby]);
  return { messages, ...(problem ? { problem } : {}), reply };
}
