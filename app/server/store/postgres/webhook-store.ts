/** Operator webhooks in the PostgreSQL store (see webhook-store.ts). */
import type { WebhookRecord, WebhookStore } from '../webhook-store.ts';
import { toWebhook, type WebhookRow } from '../rows/webhook.ts';
import type { PgDb } from './db.ts';

const COLUMNS = 'uuid, url, hmac, basic_auth, retry_type, event_types, state, failed_count, last_moment_pushed, created_at, updated_at';

/** The record's values in COLUMNS order ($1 … $11). */
const values = (r: WebhookRecord) => [
  r.uuid, r.url, r.hmac, r.basicAuth, r.retryType, JSON.stringify(r.eventTypes), r.state, r.failedCount, r.lastMomentPushed, r.createdAt, r.updatedAt,
];

export function pgWebhookStore(db: PgDb): WebhookStore {
  return {
    add: (record, max) => db.transaction(async () => {
      // Adds from several control planes take turns on the count (reads go on): no more than `max` are kept.
      await db.run('LOCK TABLE webhooks IN SHARE ROW EXCLUSIVE MODE');
      const { n } = (await db.row<{ n: number }>('SELECT count(*)::int AS n FROM webhooks'))!;
      if (n >= max) return false;
      await db.run(`INSERT INTO webhooks (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11)`, values(record));
      return true;
    }),
    async get(uuid) {
      const row = await db.row<WebhookRow>(`SELECT ${COLUMNS} FROM webhooks WHERE uuid = $1`, [uuid]);
      return row ? toWebhook(row) : null;
    },
    async list() {
      return (await db.rows<WebhookRow>(`SELECT ${COLUMNS} FROM webhooks ORDER BY seq`)).map(toWebhook);
    },
    async replace(record) {
      const changed = await db.run(
        `UPDATE webhooks SET url = $2, hmac = $3, basic_auth = $4, retry_type = $5, event_types = $6::jsonb, state = $7,
           failed_count = $8, last_moment_pushed = $9, updated_at = $10 WHERE uuid = $1`,
        [record.uuid, record.url, record.hmac, record.basicAuth, record.retryType, JSON.stringify(record.eventTypes), record.state,
          record.failedCount, record.lastMomentPushed, record.updatedAt],
      );
      return changed > 0;
    },
    async remove(uuid) {
      return (await db.run('DELETE FROM webhooks WHERE uuid = $1', [uuid])) > 0;
    },
    async setDeliveryStatus(uuid, s) {
      await db.run('UPDATE webhooks SET state = $2, failed_count = $3, last_moment_pushed = $4 WHERE uuid = $1', [uuid, s.state, s.failedCount, s.lastMomentPushed]);
    },
  };
}
