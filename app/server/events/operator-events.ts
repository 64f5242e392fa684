/**
 * What happens in rooms that an operator may want to hear of, in Daily's webhook event names and
 * payload fields. The lobby and the meetings record emit; the operator webhooks (and anything else)
 * listen. A listener that throws never breaks the emitter: knocks and joins must not wait on it.
 */

/** A participant as Daily's participant webhooks describe them. Times are unix seconds. */
export interface ParticipantPayload {
  room: string;
  /** Foyer's participant id (the LiveKit identity); Daily's `session_id`. */
  session_id: string;
  user_id: string | null;
  user_name: string | null;
  owner: boolean;
  joined_at: number;
  /** When the server will remove them (unix seconds), or null. */
  will_eject_at: number | null;
  permissions: { hasPresence: boolean; canSend: boolean | string[]; canAdmin: boolean | string[] };
}

export type OperatorEvent =
  | { type: 'waiting-participant.joined'; payload: ParticipantPayload }
  | { type: 'waiting-participant.left'; payload: ParticipantPayload & { duration: number } }
  | { type: 'participant.joined'; payload: ParticipantPayload }
  | { type: 'participant.left'; payload: ParticipantPayload & { duration: number } }
  | { type: 'meeting.started'; payload: { room: string; meeting_id: string; start_ts: number } }
  | { type: 'meeting.ended'; payload: { room: string; meeting_id: string; start_ts: number; end_ts: number } };

export type OperatorEventType = OperatorEvent['type'];

export const OPERATOR_EVENT_TYPES: readonly OperatorEventType[] = [
  'waiting-participant.joined',
  'waiting-participant.left',
  'participant.joined',
  'participant.left',
  'meeting.started',
  'meeting.ended',
];

export type OperatorEventListener = (event: OperatorEvent) => void;

/** One bus per app: `emit` calls every listener synchronously, each guarded. */
export class OperatorEvents {
  private readonly listeners = new Set<OperatorEventListener>();

  constructor(private readonly onListenerError: (err: unknown, event: OperatorEvent) => void = () => {}) {}

  /** Returns the way to stop listening. */
  on(listener: OperatorEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: OperatorEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.onListenerError(err, event);
      }
    }
  }
}
