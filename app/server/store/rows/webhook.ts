/**
 * The operator webhooks' row and the record it makes (see ../webhook-store.ts). The row is as PostgreSQL
 * gives it back (event types as parsed jsonb); the SQLite store parses its JSON text into that first.
 */
import type { WebhookRecord, WebhookRetryType, WebhookState } from '../webhook-store.ts';

/** A `webhooks` row. */
export interface WebhookRow {
  uuid: string;
  url: string;
  hmac: string;
  basic_auth: string | null;
  retry_type: WebhookRetryType;
  event_types: string[];
  state: WebhookState;
  failed_count: number;
  last_moment_pushed: string | null;
  created_at: string;
  updated_at: string;
}

/** The webhook of a row. */
export const toWebhook = (r: WebhookRow): WebhookRecord => ({
  uuid: r.uuid,
  url: r.url,
  hmac: r.hmac,
  basicAuth: r.basic_auth,
  retryType: r.retry_type,
  eventTypes: r.event_types,
  state: r.state,
  failedCount: r.failed_count,
  lastMomentPushed: r.last_moment_pushed,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
