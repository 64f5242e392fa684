import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { documentedSchemas as validators, expectValid } from '../testing/documented-schemas.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';
import { openApiDocument, type OpenApiDocument } from './openapi.ts';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

async function fetchDocument(): Promise<OpenApiDocument> {
  return expectOk(await t.app.inject({ method: 'GET', url: '/v1/openapi.json' }));
}

/** Every `$ref` in a value, wherever it sits. */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

/** The `/v1` routes Fastify knows (method and path in OpenAPI's `{param}` form), HEAD left out. */
function registeredV1Routes(): string[] {
  const routes: string[] = [];
  // printRoutes draws a tree ("│   ├── /rooms (POST, GET)"), 4 columns per level: rebuild full paths.
  const stack: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\/\S*)(?: \(([^)]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join('');
    if (!m[3] || !path.startsWith('/v1')) continue;
    for (const method of m[3].split(', ')) {
      if (method !== 'HEAD') routes.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return routes;
}

describe('GET /v1/openapi.json', () => {
  it('is served without the API key, as JSON, and is an OpenAPI 3.1 document with Bearer auth', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    const doc = expectOk(res) as OpenApiDocument;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.servers).toEqual([{ url: t.ctx.config.publicUrl }]);
  });

  it('is rate-limited per client (it needs no key, so it must not be free to hammer)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expectError(await t.app.inject({ method: 'GET', url: '/v1/openapi.json' }), 429, 'rate-limit-error');
  });

  it('documents exactly the /v1 routes the server has', async () => {
    const doc = await fetchDocument();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const normal = (r: string) => r.replace(/\/$/, '');
    const registered = registeredV1Routes().filter((r) => r !== 'GET /v1/openapi.json');
    expect(registered.length).toBeGreaterThanOrEqual(8);
    expect(new Set(documented.map(normal))).toEqual(new Set(registered.map(normal)));
  });

  it('gives every operation a 200 and Daily-shaped errors, declares its path parameters, and resolves every $ref', async () => {
    const doc = await fetchDocument();
    const schema = validators(doc);
    for (const [path, ops] of Object.entries(doc.paths)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(op.operationId, where).toBeTruthy();
        expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
        for (const status of Object.keys(op.responses).filter((s) => s !== '200')) {
          expect(op.responses[status]!.content['application/json'].schema, `${where} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
        }
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared, where).toEqual(inPath);
      }
    }
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) {
      expect(r).toMatch(/^#\/components\/schemas\/\w+$/);
      schema(r.split('/').pop()!); // compiles (throws when missing or not a valid 2020-12 schema)
    }
    for (const name of Object.keys(doc.components.schemas)) schema(name);
  });

  it('describes what the API really answers: rooms, lists, deletes, tokens and errors match their schemas', async () => {
    const schema = validators(await fetchDocument());
    const room = expectOk(await t.api('POST', '/v1/rooms', {
      name: 'documented',
      privacy: 'private',
      properties: { exp: t.clock.now + 3600.5, enable_knocking: true, max_participants: 4, permissions: { canSend: ['audio'] }, lang: 'de' },
    }));
    expectValid(schema('Room'), room);
    expectValid(schema('Room'), expectOk(await t.api('POST', '/v1/rooms')));
    expectValid(schema('Room'), expectOk(await t.api('POST', '/v1/rooms/documented', { properties: { exp: null } })));
    expectValid(schema('RoomList'), expectOk(await t.api('GET', '/v1/rooms?limit=1')));
    expectValid(schema('Domain'), expectOk(await t.api('GET', '/v1/')));
    const { token } = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { room_name: 'documented', is_owner: true, user_name: 'Ada', nbf: t.clock.now + 60 } }));
    expectValid(schema('MeetingToken'), { token });
    expectValid(schema('MeetingTokenProperties'), expectOk(await t.api('GET', `/v1/meeting-tokens/${token}?ignoreNbf=true`)));
    expectValid(schema('RoomDeleted'), expectOk(await t.api('DELETE', '/v1/rooms/documented')));
    expectValid(schema('Error'), expectError(await t.api('GET', '/v1/rooms/documented'), 404, 'not-found'));
  });

  it('has schemas that can fail: a room with an unknown config property or a bad id does not match', async () => {
    const schema = validators(await fetchDocument());
    const room = expectOk(await t.api('POST', '/v1/rooms', { name: 'strict' }));
    expect(schema('Room')({ ...room, config: { surprise: true } })).toBe(false);
    expect(schema('Room')({ ...room, id: 'not-a-uuid' })).toBe(false);
    expect(schema('CreateRoom')({ properties: { max_participants: 'ten' } })).toBe(false);
    expect(schema('CreateMeetingToken')({ properties: { is_owner: 'yes' } })).toBe(false);
  });

  it('is generated from the routes\' own schemas: a property the server accepts is in the document', () => {
    const doc = openApiDocument('http://127.0.0.1:3000');
    const createRoom = doc.components.schemas.CreateRoom as { properties: { properties: { properties: Record<string, unknown> } } };
    expect(Object.keys(createRoom.properties.properties.properties)).toEqual(expect.arrayContaining(['exp', 'enable_knocking', 'permissions', 'geo']));
    const listParams = doc.paths['/v1/rooms']!.get!.parameters!.map((p) => p.name);
    expect(listParams).toEqual(['limit', 'starting_after', 'ending_before']);
    const validateParams = doc.paths['/v1/meeting-tokens/{token}']!.get!.parameters!.map((p) => p.name);
    expect(validateParams).toEqual(['token', 'ignoreNbf', 'ignore_nbf']);
  });
});
