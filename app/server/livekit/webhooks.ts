/**
 * LiveKit webhooks: verified with the LiveKit key pair (a signed JWT in Authorization carrying the
 * body's SHA-256), then logged and handed to `onEvent` (meetings history and the lobby build on this).
 * Anything unsigned, signed with another key, or altered after signing gets 401 and is not acted on.
 */
import type { FastifyInstance } from 'fastify';
import { WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';
import { ApiError } from '../http/errors.ts';

export function webhookRoutes(
  app: FastifyInstance,
  keys: { apiKey: string; apiSecret: string },
  onEvent: (event: WebhookEvent) => Promise<void> | void = () => {},
): void {
  const receiver = new WebhookReceiver(keys.apiKey, keys.apiSecret);
  app.register(async (scope) => {
    scope.addContentTypeParser(['application/webhook+json', 'application/json'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.post('/webhooks/livekit', async (request) => {
      let event: WebhookEvent;
      try {
        event = await receiver.receive(String(request.body), request.headers.authorization);
      } catch {
        throw new ApiError('authentication-error', 'webhook signature is not valid: LiveKit signs webhooks with the API key pair Foyer uses for it');
      }
      request.log.debug({ event: event.event, room: event.room?.name, participant: event.participant?.identity }, 'livekit webhook');
      // Awaited: an event that could not be applied answers 500, and LiveKit sends it again.
      await onEvent(event);
      return { ok: true };
    });
  });
}
