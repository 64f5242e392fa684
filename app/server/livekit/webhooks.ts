/** LiveKit webhooks: verified with the LiveKit key pair, then logged (meetings history builds on this). */
import type { FastifyInstance } from 'fastify';
import { WebhookReceiver } from 'livekit-server-sdk';
import { ApiError } from '../http/errors.ts';

export function webhookRoutes(app: FastifyInstance, keys: { apiKey: string; apiSecret: string }): void {
  const receiver = new WebhookReceiver(keys.apiKey, keys.apiSecret);
  app.register(async (scope) => {
    scope.addContentTypeParser(['application/webhook+json', 'application/json'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.post('/webhooks/livekit', async (request) => {
      try {
        const event = await receiver.receive(String(request.body), request.headers.authorization);
        request.log.debug({ event: event.event, room: event.room?.name, participant: event.participant?.identity }, 'livekit webhook');
      } catch {
        throw new ApiError('authentication-error', 'webhook signature is not valid');
      }
      return { ok: true };
    });
  });
}
