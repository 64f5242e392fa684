/**
 * The whole store contract: every sub-store's rules, for one implementation. A store passes by running
 * `describeStoreContract(makeStore, close)` in a test file of its own.
 */
import type { CloseStore, MakeStore } from './harness.ts';
import { describeLobbyContract } from './lobby.ts';
import { describeMeetingRecordsContract } from './meeting-records.ts';
import { describeMeetingsContract } from './meetings.ts';
import { describeRoomsContract } from './rooms.ts';
import { describeTeamContract } from './team.ts';
import { describeWebhooksContract } from './webhooks.ts';

export type { CloseStore, MakeStore } from './harness.ts';

/** Defines every contract suite against stores made by `makeStore`. */
export function describeStoreContract(makeStore: MakeStore, close?: CloseStore): void {
  describeRoomsContract(makeStore, close);
  describeLobbyContract(makeStore, close);
  describeMeetingsContract(makeStore, close);
  describeMeetingRecordsContract(makeStore, close);
  describeWebhooksContract(makeStore, close);
  describeTeamContract(makeStore, close);
}
