import { describe, expect, it } from 'vitest';
import type { AccessErrorDetail, AccessErrorType } from '../../shared/access.ts';
import { CATALOGUES, LANGUAGES } from '../i18n/all-catalogues.ts';
import { REFUSAL_KEYS, refusalCopy } from './refusal-copy.ts';

const reasons = Object.keys(REFUSAL_KEYS) as (AccessErrorType | AccessErrorDetail)[];

describe('refusal wording', () => {
  it.each(LANGUAGES)('every AccessErrorType and AccessErrorDetail has a title and a body in %s', (lang) => {
    const missing = reasons.flatMap((r) => [`access.${r}.title`, `access.${r}.body`]).filter((key) => !(CATALOGUES[lang] as Record<string, unknown>)[key]);
    expect(missing).toEqual([]);
  });

  it('says the detail when there is one, else the type; never the server msg', () => {
    expect(refusalCopy({ type: 'not-allowed', detail: 'room-private', msg: 'server words' })).toEqual({
      title: 'access.room-private.title',
      body: 'access.room-private.body',
      canRetry: false,
    });
    expect(refusalCopy({ type: 'meeting-full', msg: 'server words' })).toEqual({ title: 'access.meeting-full.title', body: 'access.meeting-full.body', canRetry: true });
  });

  it('offers Try again only where waiting can change the answer', () => {
    const retryable = (['no-room', 'exp-room', 'nbf-room', 'not-allowed', 'exp-token', 'nbf-token', 'meeting-full', 'ejected'] as const).filter(
      (type) => refusalCopy({ type, msg: '' }).canRetry,
    );
    expect(retryable).toEqual(['nbf-room', 'nbf-token', 'meeting-full']);
  });
});
