/**
 * Operator webhooks as Daily shapes them (`POST /webhooks`: url, hmac, basicAuth, retryType,
 * eventTypes): the input schemas, the rules for creating and updating one, and the object the REST
 * API returns. The HMAC secret is returned once, at creation; afterwards it (and basicAuth) is omitted.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { OPERATOR_EVENT_TYPES, type OperatorEventType } from '../events/operator-events.ts';
import type { WebhookRecord, WebhookRetryType, WebhookState } from '../store/webhook-store.ts';
import { newWebhookSecret } from './signature.ts';

/** At most this many webhooks per deployment. */
export const MAX_WEBHOOKS = 5;
export const MAX_URL_LENGTH = 2048;

const eventType = z.enum(OPERATOR_EVENT_TYPES as [OperatorEventType, ...OperatorEventType[]]);

/** An http(s) URL without credentials in it (they belong in basicAuth, which is never logged or shown again). */
export const webhookUrl = z.string().max(MAX_URL_LENGTH).regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL').refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}, 'must be an http:// or https:// URL with a host and no user:password in it (use basicAuth)');

/** A base64 secret of at least 16 bytes. */
const hmacSecret = z.string().min(22).max(512).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64 (at least 16 bytes)');
const basicAuth = z.string().min(3).max(512).regex(/^[^\x00-\x1f\x7f]+:[^\x00-\x1f\x7f]*$/, 'must be user:password');
const eventTypes = z.array(eventType).min(1).max(OPERATOR_EVENT_TYPES.length)
  .refine((types) => new Set(types).size === types.length, 'must not name an event type twice');
const retryType = z.enum(['circuit-breaker', 'exponential']);

export const createWebhookBody = z.object({
  url: webhookUrl,
  hmac: hmacSecret.optional(),
  basicAuth: basicAuth.optional(),
  retryType: retryType.optional(),
  eventTypes: eventTypes.optional(),
}).strict();

export const updateWebhookBody = z.object({
  url: webhookUrl.optional(),
  hmac: hmacSecret.optional(),
  basicAuth: basicAuth.nullable().optional(),
  retryType: retryType.optional(),
  eventTypes: eventTypes.optional(),
}).strict();

export type CreateWebhook = z.infer<typeof createWebhookBody>;
export type UpdateWebhook = z.infer<typeof updateWebhookBody>;

/** What the API returns. `hmac` only in the answer to the create. */
export interface WebhookJson {
  uuid: string;
  url: string;
  hmac?: string;
  retryType: WebhookRetryType;
  eventTypes: string[];
  state: WebhookState;
  failedCount: number;
  lastMomentPushed: string | null;
  domainId: string;
  createdAt: string;
  updatedAt: string;
}

/** The webhook object's schema, for the OpenAPI document. */
export const webhookObject = z.object({
  uuid: z.uuid(),
  url: z.string(),
  hmac: z.string().optional(),
  retryType,
  eventTypes: z.array(eventType),
  state: z.enum(['ACTIVE', 'FAILED']),
  failedCount: z.number().int().min(0),
  lastMomentPushed: z.iso.datetime().nullable(),
  domainId: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}).strict();

const iso = (now: number) => new Date(now * 1000).toISOString();

/** A new webhook: every event type and circuit-breaker unless chosen; a secret generated unless given. */
export function newWebhook(input: CreateWebhook, now: number): WebhookRecord {
  return {
    uuid: randomUUID(),
    url: input.url,
    hmac: input.hmac ?? newWebhookSecret(),
    basicAuth: input.basicAuth ?? null,
    retryType: input.retryType ?? 'circuit-breaker',
    eventTypes: input.eventTypes ?? [...OPERATOR_EVENT_TYPES],
    state: 'ACTIVE',
    failedCount: 0,
    lastMomentPushed: null,
    createdAt: iso(now),
    updatedAt: iso(now),
  };
}

/** An update replaces what it names, and (as on Daily) makes a FAILED webhook ACTIVE again. */
export function updatedWebhook(before: WebhookRecord, change: UpdateWebhook, now: number): WebhookRecord {
  return {
    ...before,
    ...(change.url !== undefined ? { url: change.url } : {}),
    ...(change.hmac !== undefined ? { hmac: change.hmac } : {}),
    ...(change.basicAuth !== undefined ? { basicAuth: change.basicAuth } : {}),
    ...(change.retryType !== undefined ? { retryType: change.retryType } : {}),
    ...(change.eventTypes !== undefined ? { eventTypes: change.eventTypes } : {}),
    state: 'ACTIVE',
    failedCount: 0,
    updatedAt: iso(now),
  };
}

export function webhookJson(w: WebhookRecord, domainId: string, opts: { withSecret?: boolean } = {}): WebhookJson {
  return {
    uuid: w.uuid,
    url: w.url,
    ...(opts.withSecret ? { hmac: w.hmac } : {}),
    retryType: w.retryType,
    eventTypes: w.eventTypes,
    state: w.state,
    failedCount: w.failedCount,
    lastMomentPushed: w.lastMomentPushed,
    domainId,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}
