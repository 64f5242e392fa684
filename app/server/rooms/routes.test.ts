import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp, rawPost, T0, type TestApp } from '../testing/test-app.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PUBLIC_URL = 'http://127.0.0.1:3000';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

async function create(body?: unknown) {
  return expectOk(await t.api('POST', '/v1/rooms', body));
}

describe('POST /v1/rooms (create)', () => {
  it('creates a public room with a generated 20-character name when there is no body', async () => {
    const room = await create();
    expect(room.name).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(room).toEqual({
      id: expect.stringMatching(UUID),
      name: room.name,
      api_created: true,
      privacy: 'public',
      url: `${PUBLIC_URL}/${room.name}`,
      created_at: new Date(T0 * 1000).toISOString(),
      config: {},
    });
    expect((await t.store.getRoom(room.name))?.id).toBe(room.id);
  });

  it('creates a room from an empty object, with a new generated name each time', async () => {
    const a = await create({});
    const b = await create({});
    expect(a.name).toHaveLength(20);
    expect(b.name).toHaveLength(20);
    expect(a.name).not.toBe(b.name);
    expect(a.id).not.toBe(b.id);
  });

  it('creates a named private room with properties, echoing only what was set', async () => {
    const room = await create({ name: 'standup', privacy: 'private', properties: { enable_knocking: true, max_participants: 12 } });
    expect(room).toMatchObject({
      name: 'standup',
      privacy: 'private',
      url: `${PUBLIC_URL}/standup`,
      config: { enable_knocking: true, max_participants: 12 },
    });
    expect(Object.keys(room.config).sort()).toEqual(['enable_knocking', 'max_participants']);
  });

  it("accepts Daily's other properties and echoes them in config", async () => {
    const properties = {
      enable_recording: 'cloud',
      geo: 'eu-central-1',
      enable_hand_raising: true,
      enable_emoji_reactions: true,
      enable_dialout: false,
      recordings_bucket: { bucket_name: 'b', bucket_region: 'eu-central-1', assume_role_arn: 'arn:aws:iam::1:role/x' },
      permissions: { hasPresence: true, canSend: ['audio'], canAdmin: false },
    };
    const room = await create({ name: 'daily', properties });
    expect(room.config).toEqual(properties);
    expect(expectOk(await t.api('GET', '/v1/rooms/daily')).config).toEqual(properties);
  });

  it('accepts fractional exp and nbf (time.time() + n)', async () => {
    const room = await create({ properties: { exp: T0 + 3600.123, nbf: T0 + 0.5 } });
    expect(room.config).toEqual({ exp: T0 + 3600.123, nbf: T0 + 0.5 });
  });

  it('refuses exp in the past', async () => {
    const body = expectError(await t.api('POST', '/v1/rooms', { properties: { exp: T0 - 1 } }), 400, 'invalid-request-error');
    expect(body.info).toContain('exp');
  });

  it('refuses an unknown top-level property by name', async () => {
    const body = expectError(await t.api('POST', '/v1/rooms', { name: 'a', colour: 'red' }), 400, 'invalid-request-error');
    expect(body.info).toContain('colour');
  });

  it('refuses an unknown property inside properties by name', async () => {
    const body = expectError(await t.api('POST', '/v1/rooms', { properties: { enable_teleport: true } }), 400, 'invalid-request-error');
    expect(body.info).toContain('enable_teleport');
  });

  it.each([
    [{ privacy: 'secret' }, 'privacy'],
    [{ properties: { max_participants: 'ten' } }, 'max_participants'],
    [{ properties: { enable_knocking: 'yes' } }, 'enable_knocking'],
    [{ properties: { exp: 'tomorrow' } }, 'exp'],
    [{ properties: { enable_recording: 'vhs' } }, 'enable_recording'],
    [{ properties: { geo: 'moon-1' } }, 'geo'],
    [{ name: 12 }, 'name'],
    [{ properties: [] }, 'properties'],
  ])('refuses wrong types (%j) naming the field', async (payload, field) => {
    const body = expectError(await t.api('POST', '/v1/rooms', payload), 400, 'invalid-request-error');
    expect(body.info).toContain(field);
  });

  it("refuses a name with bad characters with Daily's message", async () => {
    const body = expectError(await t.api('POST', '/v1/rooms', { name: 'my room!' }), 400, 'invalid-request-error');
    expect(body.info).toBe("my room! contains invalid characters (room names can contain A-Z, a-z, 0-9, '-', and '_')");
  });

  it('accepts a 128-character name and refuses 129', async () => {
    expect((await create({ name: 'n'.repeat(128) })).name).toBe('n'.repeat(128));
    expectError(await t.api('POST', '/v1/rooms', { name: 'm'.repeat(129) }), 400, 'invalid-request-error');
    expect(await t.store.getRoom('m'.repeat(129))).toBeNull();
  });

  it('refuses an empty name', async () => {
    expectError(await t.api('POST', '/v1/rooms', { name: '' }), 400, 'invalid-request-error');
  });

  it('refuses a taken name', async () => {
    const first = await create({ name: 'taken' });
    const body = expectError(await t.api('POST', '/v1/rooms', { name: 'taken', privacy: 'private' }), 400, 'invalid-request-error');
    expect(body.info).toBe('a room named taken already exists');
    expect(await t.store.getRoom('taken')).toMatchObject({ id: first.id, privacy: 'public' });
  });

  it('answers bad JSON with json-parsing-error', async () => {
    expectError(await rawPost(t, '/v1/rooms', '{"name": "abc",}'), 400, 'json-parsing-error');
  });

  it.each([
    ['a JSON array', '[]'],
    ['a JSON array of objects', '[{"name":"x"}]'],
    ['a JSON string', '"standup"'],
    ['a JSON number', '42'],
    ['JSON true', 'true'],
  ])('refuses %s as the body with a 400, not a 500', async (_label, payload) => {
    expectError(await rawPost(t, '/v1/rooms', payload), 400, 'invalid-request-error');
  });

  it('answers a JSON null body without a 500 (as no body, or refused)', async () => {
    const res = await rawPost(t, '/v1/rooms', 'null');
    expect([200, 400]).toContain(res.statusCode);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('refuses prototype-pollution shaped bodies without a 500', async () => {
    const res = await rawPost(t, '/v1/rooms', '{"__proto__": {"privacy": "private"}}');
    expect(res.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).privacy).toBeUndefined();
  });
});

describe('GET /v1/rooms/:name', () => {
  it('reads, updates and deletes a room with a 128-character name', async () => {
    const name = 'n'.repeat(128);
    expectOk(await t.api('POST', '/v1/rooms', { name }));
    expect(expectOk(await t.api('GET', `/v1/rooms/${name}`)).name).toBe(name);
    expectOk(await t.api('POST', `/v1/rooms/${name}`, { privacy: 'private' }));
    expect(expectOk(await t.api('DELETE', `/v1/rooms/${name}`))).toEqual({ deleted: true, name });
  });

  it('returns the room', async () => {
    const room = await create({ name: 'abc', properties: { enable_chat: true } });
    expect(expectOk(await t.api('GET', '/v1/rooms/abc'))).toEqual(room);
  });

  it('treats a trailing slash like none', async () => {
    const room = await create({ name: 'abc' });
    expect(expectOk(await t.api('GET', '/v1/rooms/abc/'))).toEqual(room);
  });

  it('answers a missing room with 404 not-found', async () => {
    const body = expectError(await t.api('GET', '/v1/rooms/missing'), 404, 'not-found');
    expect(body.info).toContain('missing');
  });

  it('answers an invalid name with 404 not-found', async () => {
    expectError(await t.api('GET', `/v1/rooms/${encodeURIComponent('a b!')}`), 404, 'not-found');
  });

  it('still returns a room past exp by name', async () => {
    await create({ name: 'soon', properties: { exp: T0 + 10 } });
    t.clock.now = T0 + 20;
    expect(expectOk(await t.api('GET', '/v1/rooms/soon')).name).toBe('soon');
  });
});

describe('GET /v1/rooms (list)', () => {
  async function createMany(n: number) {
    const rooms = [];
    for (let i = 0; i < n; i++) rooms.push(await create({ name: `room-${i}` }));
    return rooms;
  }

  it('lists newest first with total_count', async () => {
    await createMany(3);
    const page = expectOk(await t.api('GET', '/v1/rooms'));
    expect(page.total_count).toBe(3);
    expect(page.data.map((r: { name: string }) => r.name)).toEqual(['room-2', 'room-1', 'room-0']);
    expect(page.data[0]).toMatchObject({ url: `${PUBLIC_URL}/room-2`, api_created: true });
  });

  it('lists nothing when there are no rooms', async () => {
    expect(expectOk(await t.api('GET', '/v1/rooms'))).toEqual({ total_count: 0, data: [] });
  });

  it('honours limit while total_count counts all', async () => {
    await createMany(5);
    const page = expectOk(await t.api('GET', '/v1/rooms?limit=2'));
    expect(page.total_count).toBe(5);
    expect(page.data.map((r: { name: string }) => r.name)).toEqual(['room-4', 'room-3']);
  });

  it('pages onwards with starting_after (a room id)', async () => {
    const rooms = await createMany(5);
    const page = expectOk(await t.api('GET', `/v1/rooms?limit=2&starting_after=${rooms[3]!.id}`));
    expect(page.data.map((r: { name: string }) => r.name)).toEqual(['room-2', 'room-1']);
    expect(page.total_count).toBe(5);
  });

  it('walks the whole list page by page with starting_after', async () => {
    await createMany(5);
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 5; i++) {
      const page = expectOk(await t.api('GET', `/v1/rooms?limit=2${cursor ? `&starting_after=${cursor}` : ''}`));
      if (page.data.length === 0) break;
      seen.push(...page.data.map((r: { name: string }) => r.name));
      cursor = page.data[page.data.length - 1].id;
    }
    expect(seen).toEqual(['room-4', 'room-3', 'room-2', 'room-1', 'room-0']);
  });

  it('pages backwards with ending_before, still newest first', async () => {
    const rooms = await createMany(5);
    const page = expectOk(await t.api('GET', `/v1/rooms?limit=2&ending_before=${rooms[1]!.id}`));
    expect(page.data.map((r: { name: string }) => r.name)).toEqual(['room-3', 'room-2']);
  });

  it('returns an empty page for an unknown cursor', async () => {
    await createMany(2);
    expect(expectOk(await t.api('GET', '/v1/rooms?starting_after=nope')).data).toEqual([]);
    expect(expectOk(await t.api('GET', '/v1/rooms?ending_before=nope')).data).toEqual([]);
  });

  it('refuses both cursors at once', async () => {
    expectError(await t.api('GET', '/v1/rooms?starting_after=a&ending_before=b'), 400, 'invalid-request-error');
  });

  it.each(['limit=0', 'limit=101', 'limit=abc', 'limit=1.5', 'limit=-1', 'starting_after=', 'colour=red'])(
    'refuses the bad query %s',
    async (query) => {
      expectError(await t.api('GET', `/v1/rooms?${query}`), 400, 'invalid-request-error');
    },
  );

  it('accepts limit=100', async () => {
    await createMany(1);
    expect(expectOk(await t.api('GET', '/v1/rooms?limit=100')).data).toHaveLength(1);
  });

  it('does not list rooms past exp, nor count them', async () => {
    await create({ name: 'forever' });
    await create({ name: 'brief', properties: { exp: T0 + 60 } });
    expect(expectOk(await t.api('GET', '/v1/rooms')).total_count).toBe(2);
    t.clock.now = T0 + 60;
    const page = expectOk(await t.api('GET', '/v1/rooms'));
    expect(page.total_count).toBe(1);
    expect(page.data.map((r: { name: string }) => r.name)).toEqual(['forever']);
  });

  it('lists a room just before its fractional exp', async () => {
    await create({ name: 'brief', properties: { exp: T0 + 60.5 } });
    t.clock.now = T0 + 60.4;
    expect(expectOk(await t.api('GET', '/v1/rooms')).total_count).toBe(1);
  });
});

describe('POST /v1/rooms/:name (update)', () => {
  it('refuses an nbf after the room\'s existing exp, and changes nothing', async () => {
    const name = expectOk(await t.api('POST', '/v1/rooms', { properties: { exp: T0 + 100 } })).name;
    const res = await t.api('POST', `/v1/rooms/${name}`, { properties: { nbf: T0 + 200 } });
    expect(expectError(res, 400, 'invalid-request-error').info).toContain('nbf');
    expect(expectOk(await t.api('GET', `/v1/rooms/${name}`)).config).toEqual({ exp: T0 + 100 });
  });

  it('changes privacy and merges properties', async () => {
    const room = await create({ name: 'abc', properties: { enable_chat: true } });
    const updated = expectOk(await t.api('POST', '/v1/rooms/abc', { privacy: 'private', properties: { enable_knocking: true } }));
    expect(updated).toEqual({ ...room, privacy: 'private', config: { enable_chat: true, enable_knocking: true } });
    expect(expectOk(await t.api('GET', '/v1/rooms/abc'))).toEqual(updated);
  });

  it('restores a default with null (removed from config)', async () => {
    await create({ name: 'abc', properties: { max_participants: 4, lang: 'fr', enable_chat: true } });
    const updated = expectOk(await t.api('POST', '/v1/rooms/abc', { properties: { max_participants: null, lang: null } }));
    expect(updated.config).toEqual({ enable_chat: true });
    expect((await t.store.getRoom('abc'))?.config).toEqual({ enable_chat: true });
  });

  it('restores privacy to public with null', async () => {
    await create({ name: 'abc', privacy: 'private' });
    expect(expectOk(await t.api('POST', '/v1/rooms/abc', { privacy: null })).privacy).toBe('public');
  });

  it('keeps everything with an empty body', async () => {
    const room = await create({ name: 'abc', privacy: 'private', properties: { enable_chat: true } });
    expect(expectOk(await t.api('POST', '/v1/rooms/abc'))).toEqual(room);
    expect(expectOk(await t.api('POST', '/v1/rooms/abc', {}))).toEqual(room);
  });

  it("accepts and echoes Daily's other properties", async () => {
    await create({ name: 'abc' });
    const updated = expectOk(
      await t.api('POST', '/v1/rooms/abc', { properties: { enable_recording: 'cloud', geo: 'eu-central-1', enable_hand_raising: true } }),
    );
    expect(updated.config).toEqual({ enable_recording: 'cloud', geo: 'eu-central-1', enable_hand_raising: true });
  });

  it('works with a trailing slash', async () => {
    await create({ name: 'abc' });
    expect(expectOk(await t.api('POST', '/v1/rooms/abc/', { privacy: 'private' })).privacy).toBe('private');
  });

  it('does not remove people already in the call when made private', async () => {
    await create({ name: 'abc' });
    expectOk(await t.api('POST', '/v1/rooms/abc', { privacy: 'private' }));
    expect(t.livekit.endRoomCalls).toEqual([]);
  });

  it('refuses exp in the past and leaves the room unchanged', async () => {
    await create({ name: 'abc', properties: { exp: T0 + 100 } });
    expectError(await t.api('POST', '/v1/rooms/abc', { properties: { exp: T0 - 100 } }), 400, 'invalid-request-error');
    expect((await t.store.getRoom('abc'))?.config.exp).toBe(T0 + 100);
  });

  it('refuses unknown and renaming properties by name', async () => {
    await create({ name: 'abc' });
    expect(expectError(await t.api('POST', '/v1/rooms/abc', { name: 'xyz' }), 400, 'invalid-request-error').info).toContain('name');
    expect(expectError(await t.api('POST', '/v1/rooms/abc', { properties: { bogus: 1 } }), 400, 'invalid-request-error').info).toContain(
      'bogus',
    );
  });

  it('refuses wrong types', async () => {
    await create({ name: 'abc' });
    expectError(await t.api('POST', '/v1/rooms/abc', { privacy: 'secret' }), 400, 'invalid-request-error');
    expectError(await t.api('POST', '/v1/rooms/abc', { properties: { max_participants: 'ten' } }), 400, 'invalid-request-error');
    expectError(await rawPost(t, '/v1/rooms/abc', '[]'), 400, 'invalid-request-error');
    expectError(await rawPost(t, '/v1/rooms/abc', '"private"'), 400, 'invalid-request-error');
    expectError(await rawPost(t, '/v1/rooms/abc', '{bad json'), 400, 'json-parsing-error');
  });

  it('answers a missing room with 404 not-found', async () => {
    expectError(await t.api('POST', '/v1/rooms/missing', { privacy: 'private' }), 404, 'not-found');
    expect(await t.store.getRoom('missing')).toBeNull();
  });
});

describe('DELETE /v1/rooms/:name', () => {
  it('deletes, ends the call by room id, and then answers 404', async () => {
    const room = await create({ name: 'abc' });
    expect(expectOk(await t.api('DELETE', '/v1/rooms/abc'))).toEqual({ deleted: true, name: 'abc' });
    expect(t.livekit.endRoomCalls).toEqual([room.id]);
    expectError(await t.api('GET', '/v1/rooms/abc'), 404, 'not-found');
    expectError(await t.api('DELETE', '/v1/rooms/abc'), 404, 'not-found');
    expect(t.livekit.endRoomCalls).toEqual([room.id]);
  });

  it('works with a trailing slash', async () => {
    await create({ name: 'abc' });
    expect(expectOk(await t.api('DELETE', '/v1/rooms/abc/'))).toEqual({ deleted: true, name: 'abc' });
  });

  it('answers a missing room with 404 and ends no call', async () => {
    expectError(await t.api('DELETE', '/v1/rooms/missing'), 404, 'not-found');
    expect(t.livekit.endRoomCalls).toEqual([]);
  });

  it('frees the name for reuse, with a new id', async () => {
    const first = await create({ name: 'abc', privacy: 'private' });
    expectOk(await t.api('DELETE', '/v1/rooms/abc'));
    const second = await create({ name: 'abc' });
    expect(second.id).not.toBe(first.id);
    expect(second.privacy).toBe('public');
    expect(expectOk(await t.api('GET', '/v1/rooms/abc')).id).toBe(second.id);
  });

  it('drops the room from the list', async () => {
    await create({ name: 'a' });
    await create({ name: 'b' });
    expectOk(await t.api('DELETE', '/v1/rooms/a'));
    const page = expectOk(await t.api('GET', '/v1/rooms'));
    expect(page.total_count).toBe(1);
    expect(page.data.map((r: { name: string }) => r.name)).toEqual(['b']);
  });
});
