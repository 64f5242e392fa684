/**
 * The call's chat as this page sees it: the messages, how many arrived unseen, and whether the panel
 * is open. Filled by the transport (`chat-transport.ts`); emptied when the call ends, as Daily's chat
 * keeps no history for people who were not there.
 */
import { create } from 'zustand';

/** The most messages kept; older ones scroll away for good, so a flood cannot grow the page without bound. */
export const MAX_KEPT_MESSAGES = 300;

/** One chat message. `fromName` is the LiveKit participant's name, set by the server, never by the message. */
export interface ChatMessage {
  id: string;
  fromIdentity: string;
  fromName: string;
  /** Sent by this page. */
  mine: boolean;
  /** When this page sent or received it (ms since epoch): a sender's clock is not trusted. */
  at: number;
  text: string;
}

/** Sends a message over the active call; rejects when it could not be sent. */
export type ChatSend = (text: string) => Promise<void>;

export interface ChatState {
  messages: ChatMessage[];
  /** Messages from others that arrived while the panel was closed. */
  unread: number;
  open: boolean;
  /** Set while attached to a call whose token allows chat. */
  send?: ChatSend;
  /** Adds a message (someone else's, or ours once sent). */
  add(message: ChatMessage): void;
  setOpen(open: boolean): void;
  /** Attached to a call: messages can be sent with `send`. */
  attached(send: ChatSend): void;
  /** The call ended: forget everything. */
  reset(): void;
}

const empty = { messages: [], unread: 0, open: false, send: undefined };

export const useChatStore = create<ChatState>((set) => ({
  ...empty,
  add: (message) =>
    set((s) => ({
      messages: [...s.messages, message].slice(-MAX_KEPT_MESSAGES),
      unread: s.open || message.mine ? s.unread : s.unread + 1,
    })),
  setOpen: (open) => set((s) => ({ open, unread: open ? 0 : s.unread })),
  attached: (send) => set({ send }),
  reset: () => set(empty),
}));

/** Selectors, so each component re-renders only for what it shows. */
export const selectUnread = (s: ChatState) => s.unread;
export const selectOpen = (s: ChatState) => s.open;
export const selectMessages = (s: ChatState) => s.messages;
