/** Every way a call can end, each with its own screen. */
export type EndReason = 'left' | 'removed' | 'meeting-ended' | 'room-expired' | 'connection-lost' | 'time-up';
