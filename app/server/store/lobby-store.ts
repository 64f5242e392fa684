/**
 * The lobby's records in the store: waiting participants, answers held for a guest whose connection
 * dropped, and admissions (granted, not yet used). Kept in the store, not in memory, so a control-plane
 * restart loses nobody's place. Resume keys and admission tickets are kept only as hashes: the store
 * never holds what would let someone take a guest's place.
 */
export interface WaitingRecord {
  id: string;
  roomId: string;
  resumeKeyHash: string;
  name: string;
  /** Unix seconds the knock arrived. */
  since: number;
  /** A knocking token holder's meeting token, so they join with its properties once let in. */
  meetingToken?: string;
  /** Who knocked (client address), for the per-client cap. */
  clientKey: string;
  /** Set while the guest's connection is gone: unix seconds after which they lose their place. */
  goneAt?: number;
  /** Unix seconds at which the wait ends unanswered (the lobby's maximum wait). */
  expiresAt: number;
}

export interface HeldAnswer {
  resumeKeyHash: string;
  roomId: string;
  /** The owner's decision, as JSON (a grant's admission ticket is issued only when the guest is back). */
  answer: string;
  until: number;
}

export interface AdmissionRecord {
  ticketHash: string;
  roomId: string;
  name: string;
  meetingToken?: string;
  expiresAt: number;
}

export interface LobbyStore {
  addWaiting(record: WaitingRecord): Promise<void>;
  getWaiting(id: string): Promise<WaitingRecord | null>;
  waitingByResumeKey(resumeKeyHash: string): Promise<WaitingRecord | null>;
  /** A room's waiting participants, in knock order. */
  waitingInRoom(roomId: string): Promise<WaitingRecord[]>;
  countWaitingInRoom(roomId: string): Promise<number>;
  countWaitingFrom(clientKey: string): Promise<number>;
  renameWaiting(id: string, name: string): Promise<void>;
  setGoneAt(id: string, goneAt: number | null): Promise<void>;
  /** Removes and returns the entry, atomically: of two answers, only the first gets it. */
  takeWaiting(id: string): Promise<WaitingRecord | null>;
  /** Entries whose connection has been gone too long or whose wait has run out. */
  expiredWaiting(now: number): Promise<WaitingRecord[]>;
  holdAnswer(held: HeldAnswer): Promise<void>;
  /** Removes and returns the answer held for this key in this room, if still fresh. */
  takeHeldAnswer(resumeKeyHash: string, roomId: string, now: number): Promise<HeldAnswer | null>;
  addAdmission(record: AdmissionRecord): Promise<void>;
  getAdmission(ticketHash: string): Promise<AdmissionRecord | null>;
  /** Removes and returns the admission, atomically: it is used once. */
  takeAdmission(ticketHash: string): Promise<AdmissionRecord | null>;
  /**
   * After a restart no guest is connected: everyone waiting gets until `goneAt` to come back, and held
   * answers are kept at least that long. Records of rooms that no longer exist are dropped.
   */
  recover(goneAt: number): Promise<void>;
  /** Forgets held answers and admissions past their time. */
  prune(now: number): Promise<void>;
}
