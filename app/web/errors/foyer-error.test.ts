import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientApiError, preauth } from '../api/client-api.ts';
import { CATALOGUES, LANGUAGES } from '../i18n/all-catalogues.ts';
import { FoyerError, toFoyerError, type FoyerErrorCode } from './foyer-error.ts';

const domException = (name: string) => new DOMException('raw browser text', name);
/** livekit-client's ConnectionError as it looks from outside (the module is not imported here, as in the app). */
const livekitError = (reasonName: string) => Object.assign(new Error('raw livekit text'), { name: 'ConnectionError', reasonName });

afterEach(() => vi.unstubAllGlobals());

describe('toFoyerError', () => {
  it.each<[string, unknown, FoyerErrorCode, FoyerError['category']]>([
    ['camera blocked', domException('NotAllowedError'), 'media-permission-denied', 'media'],
    ['blocked by the embedding page', domException('SecurityError'), 'media-permission-denied', 'media'],
    ['no camera', domException('NotFoundError'), 'media-not-found', 'media'],
    ['camera busy', domException('NotReadableError'), 'media-unavailable', 'media'],
    ['LiveKit unreachable', livekitError('ServerUnreachable'), 'livekit-unreachable', 'network'],
    ['LiveKit timed out', livekitError('Timeout'), 'livekit-unreachable', 'network'],
    ['LiveKit refused the token', livekitError('NotAllowed'), 'livekit-refused', 'access'],
    ['fetch failed', new TypeError('Failed to fetch'), 'network', 'network'],
    ['anything else', new Error('boom'), 'unknown', 'unknown'],
    ['not even an Error', 'boom', 'unknown', 'unknown'],
  ])('%s', (_label, thrown, code, category) => {
    const err = toFoyerError(thrown);
    expect(err).toBeInstanceOf(FoyerError);
    expect([err.code, err.category]).toEqual([code, category]);
    expect(err.cause).toBe(thrown);
  });

  it('keeps a FoyerError as it is', () => {
    const err = new FoyerError('server');
    expect(toFoyerError(err)).toBe(err);
  });

  it('every code has text in every language', () => {
    const codes: FoyerErrorCode[] = ['network', 'server', 'rate-limited', 'bad-request', 'unauthorized', 'forbidden', 'not-found', 'access-refused', 'livekit-unreachable', 'livekit-refused', 'media-permission-denied', 'media-not-found', 'media-unavailable', 'unknown'];
    for (const lang of LANGUAGES) for (const code of codes) expect(CATALOGUES[lang][new FoyerError(code).messageKey], `${lang} ${code}`).toBeTruthy();
  });
});

describe('client API errors', () => {
  const answer = (status: number, body: unknown) =>
    vi.stubGlobal('fetch', vi.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })));

  it.each<[number, unknown, FoyerErrorCode]>([
    [429, { error: 'rate-limit-error', info: 'slow down' }, 'rate-limited'],
    [403, { error: 'forbidden-error', info: 'no' }, 'forbidden'],
    [404, { error: 'not-found', info: 'gone' }, 'not-found'],
    [400, { error: 'invalid-request-error', info: 'bad' }, 'bad-request'],
    [403, { error: 'forbidden-error', info: 'no', access: { type: 'meeting-full', msg: 'full' } }, 'access-refused'],
    [502, '<html>Bad gateway</html>', 'server'],
  ])('HTTP %i is a typed ClientApiError', async (status, body, code) => {
    answer(status, body);
    const err = await preauth('standup').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientApiError);
    expect(err).toMatchObject({ code, status });
  });

  it('nothing answering is a network error with status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    const err = await preauth('standup').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'network', category: 'network', status: 0 });
  });
});
