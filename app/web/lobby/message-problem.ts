/** Why a lobby message (an owner's to a waiting guest, or the guest's reply) did not go, as the screens word it. */
import type { LobbyMessageProblem } from '../../shared/lobby.ts';

export type MessageProblem = LobbyMessageProblem | 'too-many' | 'not-waiting' | 'host-first' | 'offline';

export type SendResult = { ok: true } | { ok: false; problem: MessageProblem };

/** The server's refusal (its error type) as a problem the screen can word; never its raw `info`. */
export function problemFromError(error: string): MessageProblem {
  switch (error) {
    case 'rate-limit-error':
      return 'too-many';
    case 'not-found':
      return 'not-waiting';
    case 'forbidden-error':
      return 'host-first';
    default:
      return 'invalid';
  }
}

export const problemKey = (problem: MessageProblem) => `lobby.message.problem.${problem}` as const;
