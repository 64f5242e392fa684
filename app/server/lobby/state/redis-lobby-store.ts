/**
 * The lobby's records (lobby-store.ts) in Redis, shared by every control plane: waiting entries,
 * answers held for a guest, admissions. Each take is one Lua script, so of two instances answering the
 * same guest (or sweeping the same expired wait) exactly one gets the entry.
 *
 * Keys, under `prefix`: `w:<id>` a waiting entry (hash); `key:<resumeKeyHash>` → its id;
 * `room:<roomId>` the room's ids in knock order (sorted set: score `since`, member `<seq>:<id>` so ties
 * keep arrival order); `client:<clientKey>` the client's ids (set); `expires`, `gone` ids by when their
 * wait ends or their grace ends; `all` every waiting id; `h:<hash>` a held answer and `held` their
 * times; `a:<hash>` an admission and `admitted` their times. Keys are built inside the scripts, so this
 * suits one Redis (or a primary with replicas), not Redis Cluster.
 */
import type { Redis } from 'ioredis';
import type { AdmissionRecord, HeldAnswer, LobbyStore, WaitingRecord } from '../../store/lobby-store.ts';
import { WaitingCapReached, type WaitingCaps } from '../waiting-caps.ts';

/**
 * The caps are checked in the same step as the add (`ARGV[9]`, `ARGV[10]`; empty: none), so knocks at
 * once on several instances cannot all pass them. Returns 1, or the cap reached.
 */
const ADD_WAITING = `
local p = ARGV[1]
local id, roomId, keyHash, clientKey, since, expiresAt, goneAt = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
if ARGV[9] ~= '' and redis.call('ZCARD', p .. 'room:' .. roomId) >= tonumber(ARGV[9]) then return 'lobby-full' end
if ARGV[10] ~= '' and redis.call('SCARD', p .. 'client:' .. clientKey) >= tonumber(ARGV[10]) then return 'too-many-waiting' end
if redis.call('EXISTS', p .. 'w:' .. id) == 1 then return redis.error_reply('a waiting entry with this id exists') end
if not redis.call('SET', p .. 'key:' .. keyHash, id, 'NX') then return redis.error_reply('this resume key already names a place') end
local member = string.format('%015d', redis.call('INCR', p .. 'seq')) .. ':' .. id
redis.call('HSET', p .. 'w:' .. id, 'member', member, unpack(ARGV, 11))
redis.call('ZADD', p .. 'room:' .. roomId, since, member)
redis.call('SADD', p .. 'client:' .. clientKey, id)
redis.call('ZADD', p .. 'expires', expiresAt, id)
if goneAt ~= '' then redis.call('ZADD', p .. 'gone', goneAt, id) end
redis.call('SADD', p .. 'all', id)
return 1`;

const TAKE_WAITING = `
local p, id = ARGV[1], ARGV[2]
local record = redis.call('HGETALL', p .. 'w:' .. id)
if #record == 0 then return false end
local f = {}
for i = 1, #record, 2 do f[record[i]] = record[i + 1] end
redis.call('DEL', p .. 'w:' .. id, p .. 'key:' .. f.resumeKeyHash)
redis.call('ZREM', p .. 'room:' .. f.roomId, f.member)
redis.call('SREM', p .. 'client:' .. f.clientKey, id)
redis.call('ZREM', p .. 'expires', id)
redis.call('ZREM', p .. 'gone', id)
redis.call('SREM', p .. 'all', id)
return record`;

/** `ARGV[3]` empty: the guest is back (no goneAt); otherwise the moment their place is kept until. */
const SET_GONE_AT = `
local p, id, goneAt = ARGV[1], ARGV[2], ARGV[3]
if redis.call('EXISTS', p .. 'w:' .. id) == 0 then return 0 end
if goneAt == '' then
  redis.call('HDEL', p .. 'w:' .. id, 'goneAt')
  redis.call('ZREM', p .. 'gone', id)
else
  redis.call('HSET', p .. 'w:' .. id, 'goneAt', goneAt)
  redis.call('ZADD', p .. 'gone', goneAt, id)
end
return 1`;

const RENAME = `
if redis.call('EXISTS', ARGV[1] .. 'w:' .. ARGV[2]) == 0 then return 0 end
return redis.call('HSET', ARGV[1] .. 'w:' .. ARGV[2], 'name', ARGV[3])`;

/** Takes a held answer or an admission (`ARGV[2]` the hash key, `ARGV[3]` its index); `ARGV[4]`, if set, is the room it must be for. */
const TAKE_RECORD = `
local record = redis.call('HGETALL', ARGV[1] .. ARGV[2])
if #record == 0 then return false end
if ARGV[4] ~= '' and redis.call('HGET', ARGV[1] .. ARGV[2], 'roomId') ~= ARGV[4] then return false end
redis.call('DEL', ARGV[1] .. ARGV[2])
redis.call('ZREM', ARGV[1] .. ARGV[3], ARGV[5])
return record`;

/** Forgets held answers or admissions (`ARGV[2]` the index, `ARGV[3]` the record prefix) whose time is before `ARGV[4]`. */
const PRUNE = `
local p = ARGV[1]
local stale = redis.call('ZRANGEBYSCORE', p .. ARGV[2], '-inf', '(' .. ARGV[4])
for _, hash in ipairs(stale) do redis.call('DEL', p .. ARGV[3] .. hash) end
if #stale > 0 then redis.call('ZREM', p .. ARGV[2], unpack(stale)) end
return #stale`;

/** `HGETALL`'s flat answer (or a script's) as an object. */
function fields(flat: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]!] = flat[i + 1]!;
  return out;
}

function toWaiting(f: Record<string, string>): WaitingRecord {
  return {
    id: f.id!,
    roomId: f.roomId!,
    resumeKeyHash: f.resumeKeyHash!,
    name: f.name!,
    since: Number(f.since),
    ...(f.meetingToken !== undefined ? { meetingToken: f.meetingToken } : {}),
    clientKey: f.clientKey!,
    ...(f.goneAt !== undefined ? { goneAt: Number(f.goneAt) } : {}),
    expiresAt: Number(f.expiresAt),
  };
}

const toHeld = (f: Record<string, string>): HeldAnswer => ({ resumeKeyHash: f.resumeKeyHash!, roomId: f.roomId!, answer: f.answer!, until: Number(f.until) });

const toAdmission = (f: Record<string, string>): AdmissionRecord => ({
  ticketHash: f.ticketHash!,
  roomId: f.roomId!,
  name: f.name!,
  ...(f.meetingToken !== undefined ? { meetingToken: f.meetingToken } : {}),
  expiresAt: Number(f.expiresAt),
});

/** An object's defined fields as HSET's flat list (numbers as JavaScript writes them, so they read back exactly). */
function flat(record: object): string[] {
  return Object.entries(record).filter(([, v]) => v !== undefined).flatMap(([k, v]) => [k, String(v)]);
}

export interface RedisLobbyStoreOptions {
  /** Prepended to every key (several deployments, or tests, on one Redis). */
  prefix: string;
  /** Whether a room still exists (`recover` drops the records of rooms that do not): the store of rooms answers. */
  roomExists(roomId: string): Promise<boolean>;
  /**
   * Checked in one step with each add (`addWaiting` throws `WaitingCapReached`): instances counting
   * first and adding after could all pass them at once. Without: every entry is taken (the store contract).
   */
  caps?: WaitingCaps;
}

export function redisLobbyStore(redis: Redis, { prefix: p, roomExists, caps }: RedisLobbyStoreOptions): LobbyStore {
  const script = (source: string, ...args: (string | number)[]) => redis.eval(source, 0, p, ...args.map(String));

  const records = async (keys: string[]): Promise<Record<string, string>[]> => {
    if (keys.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.hgetall(key);
    const answers = (await pipeline.exec()) ?? [];
    return answers.map(([err, value]) => {
      if (err) throw err;
      return value as Record<string, string>;
    });
  };
  /** Entries by id, those taken meanwhile left out, in the order given. */
  const waitingByIds = async (ids: string[]) => (await records(ids.map((id) => `${p}w:${id}`))).filter((f) => f.id !== undefined).map(toWaiting);
  const takeWaiting = async (id: string) => {
    const taken = (await script(TAKE_WAITING, id)) as string[] | null;
    return taken ? toWaiting(fields(taken)) : null;
  };
  const takeRecord = async (key: string, index: string, member: string, roomId = '') => {
    const taken = (await redis.eval(TAKE_RECORD, 0, p, key, index, roomId, member)) as string[] | null;
    return taken ? fields(taken) : null;
  };

  const store: LobbyStore = {
    async addWaiting(r) {
      const { id, roomId, resumeKeyHash, clientKey, since, expiresAt, goneAt } = r;
      const added = await script(ADD_WAITING, id, roomId, resumeKeyHash, clientKey, since, expiresAt, goneAt ?? '', caps?.maxWaiting ?? '', caps?.maxWaitingPerClient ?? '', ...flat(r));
      if (added === 'lobby-full' || added === 'too-many-waiting') throw new WaitingCapReached(added);
    },
    async getWaiting(id) {
      const [found] = await waitingByIds([id]);
      return found ?? null;
    },
    async waitingByResumeKey(hash) {
      const id = await redis.get(`${p}key:${hash}`);
      return id ? store.getWaiting(id) : null;
    },
    async waitingInRoom(roomId) {
      const members = await redis.zrange(`${p}room:${roomId}`, 0, -1);
      return waitingByIds(members.map((m) => m.slice(m.indexOf(':') + 1)));
    },
    countWaitingInRoom: (roomId) => redis.zcard(`${p}room:${roomId}`),
    countWaitingFrom: (clientKey) => redis.scard(`${p}client:${clientKey}`),
    async renameWaiting(id, name) {
      await script(RENAME, id, name);
    },
    async setGoneAt(id, goneAt) {
      await script(SET_GONE_AT, id, goneAt ?? '');
    },
    takeWaiting,
    async expiredWaiting(now) {
      // goneAt is the last moment the place is kept; expiresAt is the first moment the wait is over.
      const [gone, over] = await Promise.all([redis.zrangebyscore(`${p}gone`, '-inf', `(${now}`), redis.zrangebyscore(`${p}expires`, '-inf', now)]);
      return waitingByIds([...new Set([...gone, ...over])]);
    },
    async holdAnswer(held) {
      await redis.multi().del(`${p}h:${held.resumeKeyHash}`).hset(`${p}h:${held.resumeKeyHash}`, ...flat(held)).zadd(`${p}held`, held.until, held.resumeKeyHash).exec();
    },
    async takeHeldAnswer(hash, roomId, now) {
      const taken = await takeRecord(`h:${hash}`, 'held', hash, roomId);
      if (!taken) return null;
      const held = toHeld(taken);
      return now <= held.until ? held : null;
    },
    async addAdmission(r) {
      await redis.multi().hset(`${p}a:${r.ticketHash}`, ...flat(r)).zadd(`${p}admitted`, r.expiresAt, r.ticketHash).exec();
    },
    async getAdmission(hash) {
      const [found] = await records([`${p}a:${hash}`]);
      return found?.ticketHash !== undefined ? toAdmission(found) : null;
    },
    async takeAdmission(hash) {
      const taken = await takeRecord(`a:${hash}`, 'admitted', hash);
      return taken ? toAdmission(taken) : null;
    },
    /**
     * Not atomic as a whole (each record is changed on its own): it runs at a lone control plane's
     * start, before it serves anyone. The Lobby skips it when instances share the state.
     */
    async recover(goneAt) {
      const exists = new Map<string, Promise<boolean>>();
      const gone = (roomId: string) => {
        if (!exists.has(roomId)) exists.set(roomId, roomExists(roomId));
        return exists.get(roomId)!.then((yes) => !yes);
      };
      for (const entry of await waitingByIds(await redis.smembers(`${p}all`))) {
        if (await gone(entry.roomId)) await takeWaiting(entry.id);
        else await store.setGoneAt(entry.id, Math.max(entry.goneAt ?? 0, goneAt));
      }
      for (const hash of await redis.zrange(`${p}held`, 0, -1)) {
        const [held] = await records([`${p}h:${hash}`]);
        if (!held?.roomId) continue;
        if (await gone(held.roomId)) await takeRecord(`h:${hash}`, 'held', hash);
        else if (Number(held.until) < goneAt) await store.holdAnswer({ ...toHeld(held), until: goneAt });
      }
      for (const hash of await redis.zrange(`${p}admitted`, 0, -1)) {
        const [admission] = await records([`${p}a:${hash}`]);
        if (admission?.roomId && (await gone(admission.roomId))) await takeRecord(`a:${hash}`, 'admitted', hash);
      }
    },
    async prune(now) {
      await script(PRUNE, 'held', 'h:', now);
      await script(PRUNE, 'admitted', 'a:', now);
    },
  };
  return store;
}
