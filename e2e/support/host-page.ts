/**
 * Host pages for the embedding spec: sites on other origins (other loopback ports) that load Foyer's
 * `/embed.js` as a classic script, the way a customer's page would. Each server answers two documents:
 * `/` (the host page, a container `#frame` for `Foyer.createFrame`) and `/blank` (an empty page, for a
 * third origin that tries to talk to someone else's frame). The test drives everything by `page.evaluate`;
 * every event the page's call fires is kept in `window.__events`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Browser, type Frame, type FrameLocator } from '@playwright/test';
import type { FoyerCall, FoyerEventMap, FoyerEventName, FoyerFactory, FoyerFrameOptions } from '../../app/embed/api.ts';
import { E2E_PORT } from '../../playwright.config.ts';
import { newPerson, type Person } from './call.ts';

/** Foyer itself, as the host pages name it. */
export const FOYER_ORIGIN = `http://127.0.0.1:${E2E_PORT}`;
export const roomUrl = (room: string) => `${FOYER_ORIGIN}/${room}`;

/** Every event of the API, so a host page records all of them (the check below fails when api.ts adds one). */
export const FOYER_EVENTS = [
  'loading',
  'loaded',
  'joining-meeting',
  'joined-meeting',
  'left-meeting',
  'participant-joined',
  'participant-updated',
  'participant-left',
  'access-state-updated',
  'waiting-participant-added',
  'waiting-participant-updated',
  'waiting-participant-removed',
  'error',
  'nonfatal-error',
  'owner-action-refused',
] as const satisfies readonly FoyerEventName[];
const everyEventListed: Exclude<FoyerEventName, (typeof FOYER_EVENTS)[number]> extends never ? true : never = true;
void everyEventListed;

declare global {
  interface Window {
    Foyer: FoyerFactory;
    /** The host page's call frame, once `createFrame` made it. */
    call: FoyerCall;
    __events: FoyerEventMap[FoyerEventName][];
    __record(call: FoyerCall): void;
    /** Outcomes of promises the test started without awaiting them (a knock nobody has answered yet). */
    __outcomes: Record<string, unknown>;
    __settle(key: string, promise: Promise<unknown>): void;
  }
}

const hostDocument = () => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A site that embeds Foyer</title>
<script src="${FOYER_ORIGIN}/embed.js"></script></head>
<body style="margin: 8px"><h1 style="font: 16px sans-serif; margin: 0 0 8px">A site that embeds Foyer</h1>
<div id="frame" style="width: 960px; height: 600px"></div></body>
</html>`;
const blankDocument = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Elsewhere</title></head><body></body></html>';

export interface Origin {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

/** A site on its own loopback port (picked by the OS, so parallel workers never collide). */
export async function startOrigin(): Promise<Origin> {
  const server = createServer((req, res) => {
    const body = req.url === '/' ? hostDocument() : req.url === '/blank' ? blankDocument : undefined;
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface HostPage extends Person {
  /** The Foyer iframe inside the host page. */
  frame: FrameLocator;
  /** Every URL the page and its frames requested or navigated to (a token must never be among them). */
  urls: string[];
  /** The Foyer frame's document, for what only its own script can read (`location.href`). */
  foyerFrame(): Promise<Frame>;
}

/** A new person (own browser context) on the host page of `site`, recording the events of the call it will make. */
export async function openHostPage(browser: Browser, site: Origin): Promise<HostPage> {
  const person = await newPerson(browser);
  const urls: string[] = [];
  person.page.on('request', (r) => urls.push(r.url()));
  person.page.on('framenavigated', (f) => urls.push(f.url()));
  await person.page.goto(`${site.origin}/`);
  await person.page.waitForFunction(() => typeof window.Foyer?.createFrame === 'function');
  await person.page.evaluate((names) => {
    window.__events = [];
    window.__outcomes = {};
    window.__settle = (key, promise) => {
      window.__outcomes[key] = 'pending';
      promise.then(
        (value) => (window.__outcomes[key] = { resolved: value ?? null }),
        (error: unknown) => (window.__outcomes[key] = { rejected: error instanceof Error ? error.message : String(error) }),
      );
    };
    window.__record = (call) => {
      for (const name of names) call.on(name, (event) => window.__events.push(event));
    };
  }, FOYER_EVENTS);
  const iframe = person.page.locator('#frame iframe');
  return {
    ...person,
    urls,
    frame: person.page.frameLocator('#frame iframe'),
    async foyerFrame() {
      const frame = await (await iframe.elementHandle())?.contentFrame();
      if (!frame) throw new Error('the host page has no Foyer frame');
      return frame;
    },
  };
}

/** `Foyer.createFrame` in the host page's `#frame`, as `window.call` (no iframeStyle: it fills `#frame`). */
export async function createFrame(host: HostPage, options: Omit<FoyerFrameOptions, 'iframeStyle'> = {}) {
  await host.page.evaluate((o) => {
    window.call = window.Foyer.createFrame(document.getElementById('frame')!, o);
    window.__record(window.call);
  }, options);
  await expect(host.page.locator('#frame iframe')).toHaveCount(1);
}

/** The events of `name` the host page's call has fired so far, oldest first. */
export const eventsOf = <T extends FoyerEventName>(host: HostPage, name: T) =>
  host.page.evaluate((n) => window.__events.filter((e) => e.action === n), name) as Promise<FoyerEventMap[T][]>;

/** The names of every event fired so far, in order. */
export const eventNames = (host: HostPage) => host.page.evaluate(() => window.__events.map((e) => e.action));

export type Outcome<T = unknown> = 'pending' | { resolved: T } | { rejected: string };

/** How a promise the page kept with `window.__settle(key, promise)` has ended so far. */
export const outcome = <T = unknown>(host: HostPage, key: string) =>
  host.page.evaluate((k) => window.__outcomes[k], key) as Promise<Outcome<T> | undefined>;
