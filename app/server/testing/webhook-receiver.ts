/**
 * A webhook receiver for tests: an HTTP server on 127.0.0.1 that checks each delivery's signature with
 * the webhook's secret and records what arrived. It can be told to answer with an error or to hang.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookEnvelope } from '../webhooks/dispatcher.ts';
import { verifyWebhookSignature } from '../webhooks/signature.ts';

export interface ReceivedWebhook {
  envelope: WebhookEnvelope;
  /** Whether the signature matched the secret (see `setSecret`). */
  verified: boolean;
  /** `Date.now()` when it arrived. */
  at: number;
  headers: IncomingMessage['headers'];
}

export type ReceiverMode = 'ok' | 'error' | 'hang';

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Every request that reached the receiver, answered or not. */
  attempts: number;
  setSecret(secret: string): void;
  setMode(mode: ReceiverMode): void;
  /** Resolves with the first event of this type that arrives (or has arrived). */
  next(type: string, timeoutMs?: number): Promise<ReceivedWebhook>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(opts: { port?: number; path?: string } = {}): Promise<WebhookReceiver> {
  let secret = '';
  let mode: ReceiverMode = 'ok';
  const received: ReceivedWebhook[] = [];
  const waiters: { type: string; resolve: (r: ReceivedWebhook) => void }[] = [];
  const hanging = new Set<ServerResponse>();
  const state = { attempts: 0 };

  const server = createServer((req, res) => {
    state.attempts++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (mode === 'hang') {
        hanging.add(res);
        return;
      }
      if (mode === 'error') {
        res.writeHead(500).end('receiver broke');
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      let envelope: WebhookEnvelope;
      try {
        envelope = JSON.parse(body) as WebhookEnvelope;
      } catch {
        res.writeHead(400).end();
        return;
      }
      const header = (name: string) => {
        const v = req.headers[name.toLowerCase()];
        return Array.isArray(v) ? v[0] : v;
      };
      const verified = secret !== '' && verifyWebhookSignature(secret, { timestamp: header('X-Webhook-Timestamp'), signature: header('X-Webhook-Signature') }, body);
      const entry: ReceivedWebhook = { envelope, verified, at: Date.now(), headers: req.headers };
      received.push(entry);
      for (const w of waiters.filter((w) => w.type === envelope.type)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(entry);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${opts.path ?? '/hooks'}`,
    received,
    get attempts() {
      return state.attempts;
    },
    setSecret(s) {
      secret = s;
    },
    setMode(m) {
      mode = m;
    },
    next(type, timeoutMs = 10_000) {
      const already = received.find((r) => r.envelope.type === type);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} webhook within ${timeoutMs} ms (got: ${received.map((r) => r.envelope.type).join(', ') || 'nothing'})`)), timeoutMs);
        waiters.push({ type, resolve: (r) => { clearTimeout(timer); resolve(r); } });
      });
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
