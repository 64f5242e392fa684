/**
 * The adversarial table: hundreds of distinct bad inputs against the REST API (`/v1`), the client
 * API (preauth, join) and the lobby channel, on one app (state accumulates, as on a real server).
 * For every one: no crash (the server still answers afterwards), no grant (no LiveKit token minted,
 * no `granted` lobby event), no 500, nothing changed, and every HTTP error is Daily's `{error, info}`.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomPropertyShape } from '../rooms/properties.ts';
import { sessionKeyFrom } from '../sessions/participant-session.ts';
import { tokenPropertiesInput } from '../tokens/properties.ts';
import { expectOk } from '../testing/http-expect.ts';
import { TEST_API_KEY, TEST_DOMAIN_ID, makeTestApp, type TestApp } from '../testing/test-app.ts';
import { hs256, jws, tamper } from './forge.ts';

const DAILY_TYPES = new Set([
  'invalid-request-error', 'json-parsing-error', 'authorization-header-error', 'authentication-error',
  'forbidden-error', 'not-found', 'rate-limit-error',
]);
/** The lobby channel's own refusal types for a knock, next to Daily's. */
const LOBBY_TYPES = new Set([...DAILY_TYPES, 'invalid-name', 'lobby-full', 'too-many-waiting']);
const ACCESS_TYPES = new Set(['no-room', 'exp-room', 'nbf-room', 'not-allowed', 'exp-token', 'nbf-token', 'meeting-full', 'ejected']);
const KEY = `Bearer ${TEST_API_KEY}`;

let t: TestApp;
let seen = 0;
let addressCounter = 0;
/** Each case comes from its own address, so per-client limits of one case never shape another's answer. */
const nextAddress = () => {
  addressCounter++;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
};

// Fixtures, made in beforeAll.
let ownerTokenKnock = '';
let guestTokenOpen = '';
let ownerSessionKnock = '';
let ownerSessionOther = '';
let guestSessionOpen = '';
let knockRoomId = '';
let honest: RawWs;
let honestId = '';
const allSockets: RawWs[] = [];

/** What no bad input may change: the rooms and their settings. */
const roomsSnapshot = async () => JSON.stringify(await t.store.listRooms({ limit: 100, now: t.clock.now }));

// ---------------------------------------------------------------------------------------------
// HTTP cases

type Want =
  /** A Daily error (4xx, `{error, info}`), optionally with this exact status. */
  | { error: number | true }
  /** Preauth's refusal: 200 with level none and an access error (a bad token never falls back to guest). */
  | { refused: true };

interface HttpCase {
  name: string;
  req: () => InjectOptions;
  want: Want;
}

function checkHttp(res: LightMyRequestResponse, want: Want) {
  const where = `${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  expect(String(res.headers['content-type']), where).toMatch(/^application\/json\b/);
  const body = res.json();
  if ('refused' in want && res.statusCode === 200) {
    expect(body.access?.level, where).toBe('none');
    expect(ACCESS_TYPES.has(body.error?.type), where).toBe(true);
    return;
  }
  expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
  if ('error' in want && want.error !== true) expect(res.statusCode, where).toBe(want.error);
  expect(DAILY_TYPES.has(body.error), where).toBe(true);
  expect(typeof body.info === 'string' && body.info.length > 0, where).toBe(true);
}

/** `authorization`: the header to send; null sends none. */
const v1 = (method: InjectOptions['method'], url: string, payload?: unknown, authorization: string | null = KEY): (() => InjectOptions) => () => ({
  method,
  url,
  headers: { ...(authorization === null ? {} : { authorization }) },
  ...(payload === undefined ? {} : { payload: payload as object }),
});
const raw = (method: InjectOptions['method'], url: string, payload: string | Buffer, contentType: string, authorization?: string): (() => InjectOptions) => () => ({
  method,
  url,
  payload,
  headers: { 'content-type': contentType, ...(authorization ? { authorization } : {}) },
});
const clientPost = (url: string, payload: unknown) => () => ({ method: 'POST' as const, url, payload: payload as object });

const httpCases: HttpCase[] = [];
const add = (name: string, req: () => InjectOptions, want: Want = { error: true }) => httpCases.push({ name, req, want });

// Forged and malformed meeting tokens, each tried at preauth and join of a public room (where no
// token at all would let anyone in: a bad token must not fall back to guest access), at validation,
// and in a knock (lobby section).
const FORGED_TOKENS: [string, () => string][] = [
  ['alg none, owner claims', () => jws({ alg: 'none', typ: 'JWT' }, { r: 'open', o: true, d: TEST_DOMAIN_ID }, 'none')],
  ['alg none with a signature', () => jws({ alg: 'none' }, { r: 'open', o: true }, 'c2lnbmF0dXJl')],
  ['alg NONE upper case', () => jws({ alg: 'NONE' }, { r: 'open', o: true }, 'none')],
  ['HS512 with the API key', () => jws({ alg: 'HS512', typ: 'JWT' }, { r: 'open', o: true }, { key: TEST_API_KEY, hash: 'sha512' })],
  ['HS384 with the API key', () => jws({ alg: 'HS384', typ: 'JWT' }, { r: 'open', o: true }, { key: TEST_API_KEY, hash: 'sha384' })],
  ['RS256 header over an HMAC signature (alg confusion)', () => jws({ alg: 'RS256' }, { r: 'open', o: true }, { key: TEST_API_KEY })],
  ['HS256 with a wrong key', () => hs256('not-the-key', { r: 'open', o: true })],
  ['HS256 with an empty key', () => hs256('', { r: 'open', o: true })],
  ['HS256 with the key in upper case', () => hs256(TEST_API_KEY.toUpperCase(), { r: 'open', o: true })],
  ['HS256 with a session key (the derived one)', () => jws({ alg: 'HS256' }, { r: 'open', o: true }, Buffer.from(sessionKeyFrom(TEST_API_KEY)).toString('base64url'))],
  ['tampered payload (guest made owner)', () => tamper(guestTokenOpen, { r: 'open', o: true, d: TEST_DOMAIN_ID })],
  ['tampered payload (room swapped)', () => tamper(ownerTokenKnock, { r: 'open', o: true, d: TEST_DOMAIN_ID })],
  ['signature stripped', () => `${guestTokenOpen.split('.').slice(0, 2).join('.')}.`],
  ['signature of another token', () => `${ownerTokenKnock.split('.').slice(0, 2).join('.')}.${guestTokenOpen.split('.')[2]}`],
  ['expired (exp in the past)', () => hs256(TEST_API_KEY, { r: 'open', o: true, exp: 1_000_000, d: TEST_DOMAIN_ID })],
  ['not yet valid (nbf in the future)', () => hs256(TEST_API_KEY, { r: 'open', o: true, nbf: 4_000_000_000, d: TEST_DOMAIN_ID })],
  ['for another room', () => ownerTokenKnock],
  ['for a room that does not exist', () => hs256(TEST_API_KEY, { r: 'nowhere', o: true, d: TEST_DOMAIN_ID })],
  ['for another deployment (d)', () => hs256(TEST_API_KEY, { r: 'open', o: true, d: '00000000-0000-4000-8000-000000000000' })],
  ['huge (9000 characters)', () => `${'a'.repeat(4500)}.${'b'.repeat(4400)}.c`],
  ['huge with a valid head (100 KB payload)', () => hs256(TEST_API_KEY, { r: 'open', pad: 'x'.repeat(100_000) })],
  ['not a JWT', () => 'hello'],
  ['two parts', () => 'a.b'],
  ['four parts', () => `${guestTokenOpen}.x`],
  ['unicode', () => 'ŧøķęñ.ŧøķęñ.ŧøķęñ'],
  ['emoji', () => '🔑.🔑.🔑'],
  ['base64 padding', () => `${guestTokenOpen.split('.')[0]}==.${guestTokenOpen.split('.')[1]}.${guestTokenOpen.split('.')[2]}`],
  ['spaces around', () => ` ${guestTokenOpen} `],
  ['is_owner as the string "true"', () => hs256(TEST_API_KEY, { r: 'open', o: 'true', d: TEST_DOMAIN_ID })],
  ['is_owner as 1', () => hs256(TEST_API_KEY, { r: 'open', o: 1, d: TEST_DOMAIN_ID })],
  ['room as a nested object', () => hs256(TEST_API_KEY, { r: { $ne: null }, o: true })],
  ['room as a list', () => hs256(TEST_API_KEY, { r: ['open'], o: true })],
  ['permissions of the wrong type', () => hs256(TEST_API_KEY, { r: 'open', p: { canAdmin: 'participants' } })],
  ['exp as a string', () => hs256(TEST_API_KEY, { r: 'open', exp: '9999999999' })],
  ['exp of 1e400 (Infinity)', () => jws({ alg: 'HS256' }, '{"r":"open","o":true,"exp":1e400}', { key: TEST_API_KEY })],
  ['payload is a list', () => hs256(TEST_API_KEY, [{ r: 'open', o: true }])],
  ['payload is null', () => hs256(TEST_API_KEY, null)],
  ['payload is not JSON', () => jws({ alg: 'HS256' }, 'not json', { key: TEST_API_KEY })],
  ['header is not JSON', () => jws('{alg:HS256', { r: 'open', o: true }, { key: TEST_API_KEY })],
  ['user_name with a right-to-left override', () => hs256(TEST_API_KEY, { r: 'open', u: 'Eve\u202EtsoH', d: TEST_DOMAIN_ID })],
  ['user_name with control characters', () => hs256(TEST_API_KEY, { r: 'open', u: 'a\u0000b', d: TEST_DOMAIN_ID })],
  ['user_id over 36 characters', () => hs256(TEST_API_KEY, { r: 'open', ud: 'u'.repeat(37), d: TEST_DOMAIN_ID })],
  ['crit header', () => jws({ alg: 'HS256', crit: ['exp'] }, { r: 'open', o: true }, { key: 'wrong' })],
  ['embedded jwk header', () => jws({ alg: 'HS256', jwk: { kty: 'oct', k: b64('attacker') } }, { r: 'open', o: true }, { key: 'attacker' })],
];
function b64(s: string) {
  return Buffer.from(s).toString('base64url');
}
for (const [name, token] of FORGED_TOKENS) {
  add(`preauth, forged token: ${name}`, () => clientPost('/api/rooms/open/preauth', { token: token() })(), { refused: true });
  add(`join, forged token: ${name}`, () => clientPost('/api/rooms/open/join', { token: token(), name: 'Mallory' })());
  const validate = () => {
    const tok = token();
    return v1('GET', `/v1/meeting-tokens/${encodeURIComponent(tok)}`)();
  };
  // These three are well-formed tokens of this deployment: validation answers their properties, rightly.
  if (!/^(for another room|for a room that does not exist|not yet valid)/.test(name)) add(`validate, forged token: ${name}`, validate);
}

// Authorization headers: none may create, change or delete anything.
const BAD_AUTH: [string, () => string][] = [
  ['empty', () => ''],
  ['scheme only', () => 'Bearer'],
  ['scheme and a space', () => 'Bearer '],
  ['Basic with the key', () => `Basic ${Buffer.from(`${TEST_API_KEY}:`).toString('base64')}`],
  ['Basic in plain text', () => `Basic ${TEST_API_KEY}`],
  ['no scheme', () => TEST_API_KEY],
  ['two keys', () => `Bearer ${TEST_API_KEY} ${TEST_API_KEY}`],
  ['two headers joined', () => `Bearer ${TEST_API_KEY}, Bearer ${TEST_API_KEY}`],
  ['key with spaces', () => `Bearer ${TEST_API_KEY.slice(0, 3)} ${TEST_API_KEY.slice(3)}`],
  ['10 KB key', () => `Bearer ${'k'.repeat(10 * 1024)}`],
  ['wrong key', () => 'Bearer wrong-key'],
  ['key prefix', () => `Bearer ${TEST_API_KEY.slice(0, -1)}`],
  ['key extended', () => `Bearer ${TEST_API_KEY}x`],
  ['quoted key', () => `Bearer "${TEST_API_KEY}"`],
  ['unicode key', () => 'Bearer ключ'],
  ['Token scheme', () => `Token ${TEST_API_KEY}`],
];
for (const [name, header] of BAD_AUTH) {
  add(`auth ${name}: list rooms`, () => v1('GET', '/v1/rooms', undefined, header())());
  add(`auth ${name}: create a room`, () => v1('POST', '/v1/rooms', { name: 'intruder' }, header())());
  add(`auth ${name}: delete a room`, () => v1('DELETE', '/v1/rooms/open', undefined, header())());
}
add('auth missing: make a meeting token', v1('POST', '/v1/meeting-tokens', { properties: { is_owner: true } }, null));

// Malformed JSON bodies on every POST.
const BAD_BODIES: [string, string | Buffer, string][] = [
  ['truncated object', '{', 'application/json'],
  ['truncated member', '{"name":', 'application/json'],
  ['trailing comma', '{"privacy":"private",}', 'application/json'],
  ['single quotes', "{'privacy':'private'}", 'application/json'],
  ['NaN', '{"properties":{"exp":NaN}}', 'application/json'],
  ['a list', '[]', 'application/json'],
  ['a string', '"room"', 'application/json'],
  ['a number', '123', 'application/json'],
  ['true', 'true', 'application/json'],
  ['null', 'null', 'application/json'],
  ['deeply nested', `${'['.repeat(5000)}${']'.repeat(5000)}`, 'application/json'],
  ['over the body limit', JSON.stringify({ name: 'a', pad: 'x'.repeat(300 * 1024) }), 'application/json'],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'application/json'],
  ['__proto__ pollution', '{"__proto__":{"privacy":"private","isOwner":true}}', 'application/json'],
  ['constructor pollution', '{"constructor":{"prototype":{"isOwner":true}}}', 'application/json'],
  ['form encoded', 'privacy=private', 'application/x-www-form-urlencoded'],
  ['plain text JSON', '{"privacy":"private"}', 'text/plain'],
  ['multipart', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--', 'multipart/form-data; boundary=x'],
];
for (const [name, payload, type] of BAD_BODIES) {
  add(`create room, body ${name}`, raw('POST', '/v1/rooms', payload, type, KEY));
  add(`update room, body ${name}`, raw('POST', '/v1/rooms/open', payload, type, KEY));
  add(`meeting token, body ${name}`, raw('POST', '/v1/meeting-tokens', payload, type, KEY));
  if (name !== 'null') add(`preauth, body ${name}`, raw('POST', '/api/rooms/open/preauth', payload, type), { refused: true });
  add(`join, body ${name}`, raw('POST', '/api/rooms/open/join', payload, type));
}

// A wrong type for every room property, on create and on update.
const wrongValue = (schemaJson: string): unknown => {
  if (schemaJson.includes('boolean')) return 'true';
  if (schemaJson.includes('number') || schemaJson.includes('int')) return '5';
  if (schemaJson.includes('enum')) return 'not-one-of-them';
  if (schemaJson.includes('array')) return { not: 'a list' };
  if (schemaJson.includes('record') || schemaJson.includes('object')) return 'not an object';
  return 12345;
};
for (const [key, schema] of Object.entries(roomPropertyShape)) {
  const value = wrongValue(JSON.stringify((schema as { _zod: { def: unknown } })._zod.def));
  add(`create room, ${key} = ${JSON.stringify(value)}`, v1('POST', '/v1/rooms', { name: `wrong-${key.replace(/_/g, '-')}`, properties: { [key]: value } }));
  add(`update room, ${key} = ${JSON.stringify(value)}`, v1('POST', '/v1/rooms/open', { properties: { [key]: value } }));
}
for (const [name, props] of [
  ['max_participants 0', { max_participants: 0 }], ['max_participants 1.5', { max_participants: 1.5 }], ['max_participants -1', { max_participants: -1 }],
  ['exp negative', { exp: -1 }], ['exp in the past', { exp: 1000 }], ['nbf after exp', { nbf: 4_000_000_000, exp: 3_999_999_999 }],
  ['unknown property', { enable_foo: true }], ['unknown nested permission', { permissions: { canEverything: true } }],
  ['canSend unknown kind', { permissions: { canSend: ['telepathy'] } }], ['meeting_join_hook 256 chars', { meeting_join_hook: 'h'.repeat(256) }],
] as const) add(`create room, ${name}`, v1('POST', '/v1/rooms', { name: 'never', properties: props }));

// Top-level create and update bodies.
for (const [name, body] of [
  ['name a number', { name: 5 }], ['name a list', { name: ['a'] }], ['privacy secret', { privacy: 'secret' }], ['privacy 1', { privacy: 1 }],
  ['properties a list', { properties: [] }], ['properties a string', { properties: 'x' }], ['unknown top-level field', { owner: true }],
] as const) {
  add(`create room, ${name}`, v1('POST', '/v1/rooms', body));
  if (!('name' in body)) add(`update room, ${name}`, v1('POST', '/v1/rooms/open', body));
}
add('update room, a name (not updatable)', v1('POST', '/v1/rooms/open', { name: 'renamed' }));

// Huge and unicode room names, on create and in a token's room_name.
const BAD_NAMES: [string, string][] = [
  ['empty', ''], ['space', ' '], ['129 characters', 'n'.repeat(129)], ['10 000 characters', 'n'.repeat(10_000)],
  ['umlauts', 'Ärger'], ['emoji', 'room🎉'], ['inner space', 'a b'], ['slash', 'a/b'], ['dot-dot', '..'], ['traversal', '../etc/passwd'],
  ['encoded traversal', '%2e%2e'], ['NUL', 'a\u0000b'], ['right-to-left override', 'moor\u202E'], ['zero-width space', 'a\u200Bb'],
  ['newline', 'a\nb'], ['HTML', '<script>'], ['SQL', "x' OR '1'='1"], ['full-width letters', 'ｒｏｏｍ'],
];
for (const [name, value] of BAD_NAMES) {
  add(`create room named ${name}`, v1('POST', '/v1/rooms', { name: value }));
  add(`meeting token for room_name ${name}`, v1('POST', '/v1/meeting-tokens', { properties: { room_name: value } }));
}

// A wrong type for every meeting-token property.
for (const [key, schema] of Object.entries(tokenPropertiesInput.shape)) {
  const value = wrongValue(JSON.stringify((schema as { _zod: { def: unknown } })._zod.def));
  add(`meeting token, ${key} = ${JSON.stringify(value)}`, v1('POST', '/v1/meeting-tokens', { properties: { [key]: value } }));
}
for (const [name, body] of [
  // (No properties at all is valid, as in Daily: a token for every room.)
  ['properties a number', { properties: 5 }], ['properties null', { properties: null }], ['unknown property', { properties: { is_admin: true } }],
  ['exp in the past', { properties: { exp: 1000 } }], ['nbf after exp', { properties: { nbf: 4_000_000_000, exp: 3_999_999_999 } }],
  ['user_name with bidi override', { properties: { user_name: 'Eve\u202EtsoH' } }], ['user_name 65 characters', { properties: { user_name: 'u'.repeat(65) } }],
  ['user_id 37 characters', { properties: { user_id: 'u'.repeat(37) } }], ['redirect not a URL', { properties: { redirect_on_meeting_exit: 'not a url' } }],
  ['unknown top-level field', { properties: {}, sign_with: 'none' }],
] as const) add(`meeting token, ${name}`, v1('POST', '/v1/meeting-tokens', body));

// Path traversal and encoded names in paths.
// No '..' or '%2e%2e' segments: URL parsers (clients, and inject) resolve them per RFC 3986 before a
// request is sent, so /v1/rooms/../rooms/x simply means /v1/rooms/x.
const BAD_PATHS = [
  '..%2F..%2Fetc%2Fpasswd', '..%5C..%5Cetc', 'a%00b', '%ZZ', 'a%2Fb', 'open%2F', 'n'.repeat(129), '%C3%A4', 'open%20', '%20open',
  'open%0A', '%E2%80%AEopen', 'open;drop', '%252e%252e', 'OPEN',
];
for (const p of BAD_PATHS) {
  add(`get room at ${p.slice(0, 40)}`, v1('GET', `/v1/rooms/${p}`));
  add(`update room at ${p.slice(0, 40)}`, v1('POST', `/v1/rooms/${p}`, { privacy: 'private' }));
  add(`delete room at ${p.slice(0, 40)}`, v1('DELETE', `/v1/rooms/${p}`));
  add(`preauth at ${p.slice(0, 40)}`, clientPost(`/api/rooms/${p}/preauth`, {}), { refused: true });
  add(`join at ${p.slice(0, 40)}`, clientPost(`/api/rooms/${p}/join`, { name: 'Mallory' }));
}
add('double slash', v1('DELETE', '/v1/rooms//open'));

// Bad query strings.
for (const q of [
  'limit=0', 'limit=-1', 'limit=101', 'limit=abc', 'limit=1.5', 'limit=', 'limit=0x10', 'limit=1e1', 'limit=%205', 'limit=%2B5',
  'limit=1&limit=2', 'starting_after=', 'ending_before=', 'starting_after=a&ending_before=b', 'foo=1', 'limit[$gt]=1',
  '__proto__=x', 'limit=%ZZ', 'limit=99999999999999999999999',
]) add(`list rooms ?${q}`, v1('GET', `/v1/rooms?${q}`));
for (const q of ['ignoreNbf=yes', 'ignoreNbf=TRUE', 'ignore_nbf=1', 'ignoreNbf=true&ignoreNbf=false', 'other=1']) {
  add(`validate ?${q}`, () => v1('GET', `/v1/meeting-tokens/${guestTokenOpen}?${q}`)());
}

// Client API bodies of the wrong shape.
for (const [name, body] of [
  ['token a number', { token: 1 }], ['token empty', { token: '' }], ['token over 8192', { token: 't'.repeat(9000) }], ['unknown field', { isOwner: true }],
  ['token a list', { token: ['a'] }], ['token an object', { token: { r: 'open' } }],
] as const) add(`preauth, ${name}`, clientPost('/api/rooms/open/preauth', body));
for (const [room, name, body] of [
  ['open', 'name a number', { name: 1 }], ['open', 'name empty', { name: '' }], ['open', 'name missing', {}],
  ['open', 'name 1025 characters', { name: 'n'.repeat(1025) }], ['open', 'name 65 characters', { name: 'n'.repeat(65) }],
  ['open', 'name with right-to-left override', { name: 'Eve\u202EtsoH' }], ['open', 'name with a zero-width space', { name: 'Ho\u200Bst' }],
  ['open', 'name with isolates', { name: '\u2066Host\u2069' }], ['open', 'name with NUL', { name: 'a\u0000' }], ['open', 'name with a bell', { name: '\u0007' }],
  ['open', 'isOwner field', { name: 'M', isOwner: true }], ['open', 'forged admission', { name: 'M', admission: 'forged' }],
  ['open', 'empty admission', { name: 'M', admission: '' }], ['open', 'admission over 256', { name: 'M', admission: 'a'.repeat(300) }],
  ['knock', 'no token in a knocking room', { name: 'M' }], ['knock', 'forged admission in a knocking room', { name: 'M', admission: 'a'.repeat(43) }],
  ['private', 'no token in a private room', { name: 'M' }], ['nowhere', 'a room that does not exist', { name: 'M' }],
] as const) add(`join ${room}, ${name}`, clientPost(`/api/rooms/${room}/join`, body));
add('lobby over plain HTTP (no upgrade)', () => ({ method: 'GET', url: '/api/rooms/knock/lobby' }));
add('lobby with a POST', () => ({ method: 'POST', url: '/api/rooms/knock/lobby', payload: {} }));

// ---------------------------------------------------------------------------------------------
// Lobby channel cases

interface RawWs {
  ws: WebSocket;
  messages: { type?: string; error?: string; info?: string; [k: string]: unknown }[];
  closed: boolean;
  /** Resolves once `done` holds (checked on every message and on close); rejects after 3 s. */
  until(done: (w: RawWs) => boolean, what: string): Promise<void>;
}

async function openRaw(path: string, ip: string, origin?: string): Promise<RawWs> {
  const waiters = new Set<() => void>();
  const w = { messages: [], closed: false } as unknown as RawWs;
  const ws = await t.app.injectWS(path, { socket: { remoteAddress: ip }, headers: origin ? { origin } : {} } as never, {
    onInit(ws) {
      ws.on('message', (data) => {
        try {
          w.messages.push(JSON.parse(String(data)));
        } catch {
          w.messages.push({ type: 'not-json' });
        }
        for (const f of [...waiters]) f();
      });
      ws.on('close', () => {
        w.closed = true;
        for (const f of [...waiters]) f();
      });
    },
  });
  w.ws = ws;
  w.until = (done, what) => new Promise((resolve, reject) => {
    const check = () => {
      if (!done(w)) return;
      clearTimeout(timer);
      waiters.delete(check);
      resolve();
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`lobby socket: no ${what} within 3 s; got ${JSON.stringify(w.messages).slice(0, 500)} closed=${w.closed}`));
    }, 3000);
    waiters.add(check);
    check();
  });
  allSockets.push(w);
  return w;
}

const errors = (w: RawWs) => w.messages.filter((m) => m.type === 'error');
const answered = (w: RawWs) => errors(w).length > 0 || w.closed;

interface LobbyCase {
  name: string;
  room?: string;
  frames: () => (string | Buffer | object)[];
  /** When the server has answered the frames; by default an error event or a closed socket. */
  settled?: (w: RawWs) => boolean;
  /** What must hold beyond the invariants. */
  check?: (w: RawWs) => void;
}
const lobbyCases: LobbyCase[] = [];
const addLobby = (c: LobbyCase) => lobbyCases.push(c);
const noPlace = (w: RawWs) => expect(w.messages.map((m) => m.type)).not.toContain('waiting');

for (const [name, frame] of [
  ['not JSON', 'hello'], ['truncated JSON', '{'], ['empty text', ''], ['null', 'null'], ['a list', '[]'], ['a number', '123'],
  ['a string', '"request-access"'], ['true', 'true'],
  ['binary garbage', Buffer.from([0xff, 0xfe, 0x00, 0x01])], ['empty binary', Buffer.alloc(0)],
  ['binary JSON of an owner message', Buffer.from(JSON.stringify({ type: 'update-waiting-participants', updates: { '*': { grantRequestedAccess: true } } }))],
  ['unknown type', { type: 'grant' }], ['a granted event sent to the server', { type: 'granted', admission: 'x' }], ['type in upper case', { type: 'REQUEST-ACCESS', name: 'M' }],
  ['type a number', { type: 1 }], ['no type', {}], ['knock without a name', { type: 'request-access' }], ['knock with a numeric name', { type: 'request-access', name: 1 }],
  ['knock with an extra field', { type: 'request-access', name: 'M', isOwner: true }], ['hello without a session', { type: 'hello' }],
  ['cancel with an extra field', { type: 'cancel', now: true }], ['answers without updates', { type: 'update-waiting-participants' }],
  ['type __proto__', { type: '__proto__' }], ['__proto__ in a knock', '{"type":"request-access","name":"M","__proto__":{"isOwner":true}}'],
  ['resume over 64 characters', { type: 'request-access', name: 'M', resume: 'r'.repeat(65) }], ['token over 8192 characters', { type: 'request-access', name: 'M', token: 't'.repeat(8193) }],
  ['answers before hello', { type: 'update-waiting-participants', updates: { '*': { grantRequestedAccess: true } } }],
] as const) addLobby({ name: name, frames: () => [frame], check: noPlace });

for (const [name, frame] of [
  ['17 KB text frame', 'x'.repeat(17 * 1024)], ['1 MB text frame', JSON.stringify({ type: 'request-access', name: 'n'.repeat(1024 * 1024) })],
  ['17 KB binary frame', Buffer.alloc(17 * 1024, 1)],
] as const) addLobby({ name, frames: () => [frame], settled: (w) => w.closed, check: noPlace });

for (const [name, value] of [
  ['empty', ''], ['spaces only', '   '], ['NUL', '\u0000'], ['a bell', 'a\u0007'], ['a newline', 'a\nb'], ['right-to-left override', 'Eve\u202EtsoH'],
  ['zero-width space', '\u200B'], ['isolates', '\u2066Host\u2069'], ['right-to-left mark', '\u200FHost'], ['65 characters', 'n'.repeat(65)],
  ['1024 characters', 'n'.repeat(1024)], ['1025 characters', 'n'.repeat(1025)], ['BOM', '\uFEFFHost'], ['soft hyphen', 'Ho\u00ADst'],
  ['line separator', 'a\u2028b'], ['DEL', 'a\u007f'], ['tag characters', 'Host\u{E0041}'], ['word joiner', 'Ho\u2060st'],
] as const) {
  addLobby({ name: `knock with a name: ${name}`, room: 'knock', frames: () => [{ type: 'request-access', name: value }], check: noPlace });
}

for (const [name, token] of FORGED_TOKENS) {
  // In a knocking room a forged token is refused or at most knocks: it never grants.
  addLobby({
    name: `knock with a forged token: ${name}`,
    room: 'knock',
    frames: () => [{ type: 'request-access', name: 'Mallory', token: token() }, { type: 'zz-probe' }],
  });
}

const ownerGrab = () => [
  { type: 'update-waiting-participants', updates: { '*': { grantRequestedAccess: true } } },
  { type: 'update-waiting-participants', updates: { [honestId]: { grantRequestedAccess: true } } },
];
const FORGED_SESSIONS: [string, () => string][] = [
  ['not a JWT', () => 'x'],
  ['empty', () => ''],
  ['a guest session (not an owner)', () => guestSessionOpen],
  ['an owner session of another room', () => ownerSessionOther],
  ['an owner meeting token instead of a session', () => ownerTokenKnock],
  ['signed with the API key itself', () => hs256(TEST_API_KEY, { rid: knockRoomId, own: true, sub: 'x', exp: 4_000_000_000 })],
  ['alg none', () => jws({ alg: 'none' }, { rid: knockRoomId, own: true, sub: 'x', exp: 4_000_000_000 }, 'none')],
  ['own as the string "true"', () => jws({ alg: 'HS256' }, { rid: knockRoomId, own: 'true', sub: 'x' }, { key: 'guess' })],
  ['tampered owner flag', () => tamper(guestSessionOpen, { rid: knockRoomId, own: true, sub: 'x', exp: 4_000_000_000 })],
  ['expired owner session', () => jws({ alg: 'HS256' }, { rid: knockRoomId, own: true, sub: 'x', iat: 1, exp: 2 }, Buffer.from(sessionKeyFrom(TEST_API_KEY)).toString('base64url'))],
  ['session over 4096 characters', () => 's'.repeat(4097)],
];
for (const [name, session] of FORGED_SESSIONS) {
  addLobby({
    name: `hello with a forged session: ${name}`,
    room: 'knock',
    frames: () => [{ type: 'hello', session: session() }, ...ownerGrab()],
    check: (w) => expect(w.messages.map((m) => m.type)).not.toContain('waiting-participants'),
  });
}
addLobby({
  name: 'owner of this room whose identity left the call',
  room: 'knock',
  frames: () => [{ type: 'hello', session: ownerSessionKnockGone }, ...ownerGrab()],
  check: (w) => expect(w.messages.map((m) => m.type)).not.toContain('waiting-participants'),
});

// Owner messages from a guest: a guest who knocked tries to let themselves (and everyone) in.
for (const [name, frames] of [
  ['answers for everyone', () => [{ type: 'update-waiting-participants', updates: { '*': { grantRequestedAccess: true } } }]],
  ['an answer for the honest guest', () => [{ type: 'update-waiting-participants', updates: { [honestId]: { grantRequestedAccess: true } } }]],
  ['hello with a real owner session after knocking', () => [{ type: 'hello', session: ownerSessionKnock }, ...ownerGrab()]],
] as const) {
  addLobby({
    name: `guest sends owner messages: ${name}`,
    room: 'knock',
    frames: () => [{ type: 'request-access', name: 'Mallory' }, ...(frames as () => object[])()],
    settled: (w) => w.messages.some((m) => m.type === 'waiting') && errors(w).length > 0,
  });
}

// A real owner answering for ids that are not waiting: nothing happens, nobody is let in.
for (const [name, updates] of [
  ['an unknown id', { nope: { grantRequestedAccess: true } }],
  ['an empty id', { '': { grantRequestedAccess: true } }],
  ['a 64-character id', { ['i'.repeat(64)]: { grantRequestedAccess: true } }],
  ['a 65-character id', { ['i'.repeat(65)]: { grantRequestedAccess: true } }],
  ['the answer as a string', { [honestIdPlaceholder()]: { grantRequestedAccess: 'yes' } }],
  ['101 answers at once', Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`id${i}`, { grantRequestedAccess: true }]))],
] as const) {
  addLobby({
    name: `owner answers ${name}`,
    room: 'knock',
    frames: () => [{ type: 'hello', session: ownerSessionKnock }, { type: 'update-waiting-participants', updates: withHonestId(updates) }, { type: 'zz-probe' }],
    settled: (w) => w.messages.some((m) => m.type === 'error' && m.info === 'unknown message'),
  });
}
addLobby({
  name: 'owner answers with __proto__ as an id',
  room: 'knock',
  frames: () => [{ type: 'hello', session: ownerSessionKnock }, '{"type":"update-waiting-participants","updates":{"__proto__":{"grantRequestedAccess":true}}}', { type: 'zz-probe' }],
  settled: (w) => w.messages.some((m) => m.type === 'error' && m.info === 'unknown message'),
});
function honestIdPlaceholder() {
  return '{honest}';
}
function withHonestId(updates: object): object {
  return JSON.parse(JSON.stringify(updates).replace('{honest}', honestId));
}
let ownerSessionKnockGone = '';

// Origins a page elsewhere would send: the handshake is refused, nothing else happens.
const BAD_ORIGINS = ['https://evil.example', 'null', 'http://127.0.0.1:3000.evil.example', 'http://127.0.0.1:3001', 'file://'];

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  t = await makeTestApp({ env: { FOYER_API_REQUESTS_PER_5S: '1000000', FOYER_CLIENT_REQUESTS_PER_10S: '1000000' } });
  expectOk(await t.api('POST', '/v1/rooms', { name: 'open' }));
  expectOk(await t.api('POST', '/v1/rooms', { name: 'other' }));
  expectOk(await t.api('POST', '/v1/rooms', { name: 'private', privacy: 'private' }));
  const knock = expectOk(await t.api('POST', '/v1/rooms', { name: 'knock', privacy: 'private', properties: { enable_knocking: true } }));
  knockRoomId = knock.id;
  ownerTokenKnock = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { room_name: 'knock', is_owner: true } })).token;
  guestTokenOpen = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { room_name: 'open' } })).token;
  const ownerOther = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { room_name: 'other', is_owner: true } })).token;
  ownerSessionKnock = expectOk(await t.client('/api/rooms/knock/join', { token: ownerTokenKnock, name: 'Owner' })).session;
  const gone = expectOk(await t.client('/api/rooms/knock/join', { token: ownerTokenKnock, name: 'Gone owner' }));
  ownerSessionKnockGone = gone.session;
  t.livekit.notInCall.add(gone.identity);
  ownerSessionOther = expectOk(await t.client('/api/rooms/other/join', { token: ownerOther, name: 'Other owner' })).session;
  guestSessionOpen = expectOk(await t.client('/api/rooms/open/join', { name: 'Guest' })).session;
  honest = await openRaw('/api/rooms/knock/lobby', '192.0.2.1');
  honest.ws.send(JSON.stringify({ type: 'request-access', name: 'Honest guest' }));
  await honest.until((w) => w.messages.some((m) => m.type === 'waiting'), 'waiting');
  honestId = honest.messages.find((m) => m.type === 'waiting')!.id as string;
  // From here on, nothing may be granted.
  t.livekit.mintCalls.length = 0;
});

afterAll(async () => {
  const total = httpCases.length + lobbyCases.length + BAD_ORIGINS.length;
  console.log(`adversarial table: ${total} distinct bad inputs (${httpCases.length} HTTP, ${lobbyCases.length + BAD_ORIGINS.length} lobby channel); ${seen} run`);
  await t?.close();
});

async function alive() {
  const res = await t.app.inject({ method: 'GET', url: '/v1/', headers: { authorization: KEY }, remoteAddress: '192.0.2.200' });
  expect(res.statusCode).toBe(200);
}

describe('the adversarial table', () => {
  it('has at least 200 distinct bad inputs', () => {
    const names = [...httpCases.map((c) => c.name), ...lobbyCases.map((c) => c.name), ...BAD_ORIGINS.map((o) => `origin ${o}`)];
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(names.length).toBeGreaterThanOrEqual(200);
  });

  describe('HTTP: REST and client API', () => {
    it.each(httpCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const before = await roomsSnapshot();
      const res = await t.app.inject({ ...c.req(), remoteAddress: nextAddress() });
      seen++;
      checkHttp(res, c.want);
      expect(t.livekit.mintCalls).toEqual([]);
      expect(await roomsSnapshot()).toBe(before);
      await alive();
    });
  });

  describe('the lobby channel', () => {
    it.each(lobbyCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const before = await roomsSnapshot();
      const w = await openRaw(`/api/rooms/${c.room ?? 'knock'}/lobby`, nextAddress());
      for (const frame of c.frames()) w.ws.send(typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame));
      seen++;
      await w.until(c.settled ?? answered, 'answer');
      c.check?.(w);
      expect(w.messages.map((m) => m.type)).not.toContain('granted');
      for (const e of errors(w)) expect(LOBBY_TYPES.has(e.error as string) && typeof e.info === 'string', JSON.stringify(e)).toBe(true);
      expect(t.livekit.mintCalls).toEqual([]);
      expect(await roomsSnapshot()).toBe(before);
      await alive();
    });

    it.each(BAD_ORIGINS)('refuses the handshake from the origin %s', async (origin) => {
      seen++;
      await expect(openRaw('/api/rooms/knock/lobby', nextAddress(), origin)).rejects.toThrow();
      await alive();
    });

    it('let nobody in: no socket was ever granted, and the honest guest still waits unanswered', async () => {
      expect(allSockets.length).toBeGreaterThan(100);
      for (const w of allSockets) expect(w.messages.map((m) => m.type)).not.toContain('granted');
      expect(honest.closed).toBe(false);
      expect(honest.messages.map((m) => m.type)).not.toContain('denied');
      expect(t.livekit.mintCalls).toEqual([]);
      // The honest guest is still on the list an owner sees.
      const owner = await openRaw('/api/rooms/knock/lobby', '192.0.2.2');
      owner.ws.send(JSON.stringify({ type: 'hello', session: ownerSessionKnock }));
      await owner.until((w) => w.messages.some((m) => m.type === 'waiting-participants'), 'waiting-participants');
      const list = owner.messages.find((m) => m.type === 'waiting-participants')!.participants as { id: string }[];
      expect(list.map((p) => p.id)).toContain(honestId);
    });
  });
});
