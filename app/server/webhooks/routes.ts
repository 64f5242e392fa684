/** REST: `/v1/webhooks` (Daily's shapes). Parses, calls the webhook rules and the store, maps. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { badRequest, notFound, parseOrThrow } from '../http/errors.ts';
import type { WebhookDispatcher } from './dispatcher.ts';
import { createWebhookBody, MAX_WEBHOOKS, newWebhook, updatedWebhook, updateWebhookBody, webhookJson } from './webhooks.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function webhookApiRoutes(app: FastifyInstance, ctx: AppContext, dispatcher: WebhookDispatcher): void {
  const { webhooks } = ctx.store;
  const { domainId } = ctx.deployment;
  const mustGet = async (id: string) => {
    const found = UUID.test(id) ? await webhooks.get(id.toLowerCase()) : null;
    if (!found) throw notFound(`webhook ${id.slice(0, 64)} not found`);
    return found;
  };

  app.post('/v1/webhooks', async (request) => {
    const webhook = newWebhook(parseOrThrow(createWebhookBody, request.body), ctx.now());
    if (!await webhooks.add(webhook, MAX_WEBHOOKS)) {
      throw badRequest(`at most ${MAX_WEBHOOKS} webhooks per deployment; delete one (DELETE /v1/webhooks/:id) or update it`);
    }
    // The only time the secret leaves the server: the operator keeps it to verify signatures.
    return webhookJson(webhook, domainId, { withSecret: true });
  });

  app.get('/v1/webhooks', async () => (await webhooks.list()).map((w) => webhookJson(w, domainId)));

  app.get<{ Params: { id: string } }>('/v1/webhooks/:id', async (request) => webhookJson(await mustGet(request.params.id), domainId));

  app.post<{ Params: { id: string } }>('/v1/webhooks/:id', async (request) => {
    const before = await mustGet(request.params.id);
    const after = updatedWebhook(before, parseOrThrow(updateWebhookBody, request.body), ctx.now());
    if (!await webhooks.replace(after)) throw notFound(`webhook ${before.uuid} not found`);
    return webhookJson(after, domainId);
  });

  app.delete<{ Params: { id: string } }>('/v1/webhooks/:id', async (request) => {
    const webhook = await mustGet(request.params.id);
    await webhooks.remove(webhook.uuid);
    dispatcher.forget(webhook.uuid);
    return { deleted: true, uuid: webhook.uuid };
  });
}
