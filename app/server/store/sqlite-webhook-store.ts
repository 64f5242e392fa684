/** Operator webhooks in the SQLite store (see webhook-store.ts). */
import { withoutFlush } from './without-flush.ts';
import type Database from 'better-sqlite3';
import type { WebhookRecord, WebhookStore } from './webhook-store.ts';
import { toWebhook, type WebhookRow } from './rows/webhook.ts';

/** A webhook row as SQLite keeps it: the event types as JSON text. */
type SqliteWebhookRow = Omit<WebhookRow, 'event_types'> & { event_types: string };

/** The webhook of a SQLite row, through the row both engines share. */
const readWebhook = (r: SqliteWebhookRow): WebhookRecord => toWebhook({ ...r, event_types: JSON.parse(r.event_types) as string[] });

const toRow = (r: WebhookRecord) => ({
  uuid: r.uuid,
  url: r.url,
  hmac: r.hmac,
  basicAuth: r.basicAuth,
  retryType: r.retryType,
  eventTypes: JSON.stringify(r.eventTypes),
  state: r.state,
  failedCount: r.failedCount,
  lastMomentPushed: r.lastMomentPushed,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export function sqliteWebhookStore(db: Database.Database): WebhookStore {
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM webhooks');
  const insert = db.prepare(
    `INSERT INTO webhooks (uuid, url, hmac, basic_auth, retry_type, event_types, state, failed_count, last_moment_pushed, created_at, updated_at)
     VALUES (@uuid, @url, @hmac, @basicAuth, @retryType, @eventTypes, @state, @failedCount, @lastMomentPushed, @createdAt, @updatedAt)`,
  );
  const byId = db.prepare<[string], SqliteWebhookRow>('SELECT * FROM webhooks WHERE uuid = ?');
  const all = db.prepare<[], SqliteWebhookRow>('SELECT * FROM webhooks ORDER BY seq');
  const update = db.prepare(
    `UPDATE webhooks SET url = @url, hmac = @hmac, basic_auth = @basicAuth, retry_type = @retryType, event_types = @eventTypes,
       state = @state, failed_count = @failedCount, last_moment_pushed = @lastMomentPushed, updated_at = @updatedAt WHERE uuid = @uuid`,
  );
  const remove = db.prepare('DELETE FROM webhooks WHERE uuid = ?');
  const status = db.prepare('UPDATE webhooks SET state = @state, failed_count = @failedCount, last_moment_pushed = @lastMomentPushed WHERE uuid = @uuid');
  const addIfRoom = db.transaction((record: WebhookRecord, max: number) => {
    if (count.get()!.n >= max) return false;
    insert.run(toRow(record));
    return true;
  });

  return {
    // Immediate: the write lock is held from the count on, so two instances cannot both take the last place.
    add: async (record, max) => addIfRoom.immediate(record, max),
    async get(uuid) {
      const row = byId.get(uuid);
      return row ? readWebhook(row) : null;
    },
    list: async () => all.all().map(readWebhook),
    replace: async (record) => update.run(toRow(record)).changes > 0,
    remove: async (uuid) => remove.run(uuid).changes > 0,
    async setDeliveryStatus(uuid, s) {
      // Every delivery writes here. The status is advisory: losing the last one in a power cut is harmless.
      withoutFlush(db, () => status.run({ uuid, state: s.state, failedCount: s.failedCount, lastMomentPushed: s.lastMomentPushed }));
    },
  };
}
