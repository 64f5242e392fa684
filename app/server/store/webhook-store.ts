/**
 * Operator webhooks in the store: where to deliver, how to sign, and how delivery is going. The HMAC
 * secret and basic-auth credentials are kept to sign and send with; the REST API returns them only
 * once, at creation.
 */

/** Daily's retry configurations. */
export type WebhookRetryType = 'circuit-breaker' | 'exponential';

/** Daily's states: ACTIVE delivers; FAILED (a receiver that kept failing) delivers nothing until updated. */
export type WebhookState = 'ACTIVE' | 'FAILED';

export interface WebhookRecord {
  uuid: string;
  url: string;
  /** Base64 secret; the signing key is its decoded bytes. */
  hmac: string;
  /** `user:password`, sent as HTTP Basic auth; null when none. */
  basicAuth: string | null;
  retryType: WebhookRetryType;
  eventTypes: string[];
  state: WebhookState;
  /** Consecutive failed attempts since the last success. */
  failedCount: number;
  /** ISO time of the last successful delivery, or null. */
  lastMomentPushed: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a delivery changes on its webhook. */
export type WebhookDeliveryStatus = Pick<WebhookRecord, 'state' | 'failedCount' | 'lastMomentPushed'>;

export interface WebhookStore {
  /** Inserts unless `max` webhooks exist already (checked in the same transaction); false when full. */
  add(record: WebhookRecord, max: number): Promise<boolean>;
  get(uuid: string): Promise<WebhookRecord | null>;
  /** Oldest first. */
  list(): Promise<WebhookRecord[]>;
  /** Replaces the whole record (an update); false when it is gone. */
  replace(record: WebhookRecord): Promise<boolean>;
  remove(uuid: string): Promise<boolean>;
  /** Delivery bookkeeping (not synced to disk on its own: it is advisory and frequent). */
  setDeliveryStatus(uuid: string, status: WebhookDeliveryStatus): Promise<void>;
}
