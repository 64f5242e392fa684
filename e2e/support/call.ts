/** Driving a person through Foyer in their own browser context, and checking real media. */
import { expect, type APIRequestContext, type Browser, type FrameLocator, type Page } from '@playwright/test';
import { createRoom } from './api.ts';
import { E2E_LIVEKIT_PORT } from '../../playwright.config.ts';

export interface Person {
  page: Page;
  /** WebSocket URLs this page opened; LiveKit signalling shows up here. */
  sockets: string[];
  close(): Promise<void>;
}

export async function newPerson(browser: Browser): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  // Keep every capture track the page opens, so a test can check they were all stopped.
  await context.addInitScript(() => {
    const tracks: MediaStreamTrack[] = [];
    (window as unknown as { __captureTracks: MediaStreamTrack[] }).__captureTracks = tracks;
    const original = navigator.mediaDevices?.getUserMedia?.bind(navigator.mediaDevices);
    if (!original) return;
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      tracks.push(...stream.getTracks());
      return stream;
    };
  });
  const page = await context.newPage();
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  return { page, sockets, close: () => context.close() };
}

export const connectedToLivekit = (p: Person) => p.sockets.some((url) => url.includes(`:${E2E_LIVEKIT_PORT}/rtc`));

/** Prejoin → Join → in the call. */
export async function joinCall(page: Page, name?: string) {
  await expect(page.getByTestId('join-button')).toBeEnabled();
  if (name !== undefined) await page.getByTestId('name-input').fill(name);
  await page.getByTestId('join-button').click();
  // The call screen shows while LiveKit connects; in the call means connected.
  await expect(page.getByTestId('call')).toHaveAttribute('data-connection', 'connected');
}

/** A page, or a Foyer iframe inside a host page (embed.spec.ts). */
type Scope = Page | FrameLocator;

export const remoteTile = (page: Scope, name: string) => page.locator(`[data-testid="tile"][data-local="false"][data-name="${name}"]`);

/** The remote participant's video decodes: it has a size and its frame count keeps rising. */
export async function expectVideoDecoding(page: Scope, fromName: string) {
  const video = remoteTile(page, fromName).locator('video');
  await expect(video).toBeVisible();
  const frames = () =>
    video.evaluate((v: HTMLVideoElement) => (v.videoWidth > 0 ? v.getVideoPlaybackQuality().totalVideoFrames : 0));
  await expect.poll(frames).toBeGreaterThan(0);
  const first = await frames();
  await expect.poll(frames).toBeGreaterThan(first + 5);
  expect(await video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
}

/** Peak level (0..1) of the remote participant's audio as received, measured with Web Audio. */
export async function peakAudioLevel(page: Page, fromName: string): Promise<number> {
  const identity = await remoteTile(page, fromName).getAttribute('data-identity');
  return page.locator(`audio[data-identity="${identity}"]`).evaluate(async (el: HTMLAudioElement) => {
    const stream = el.srcObject as MediaStream | null;
    if (!stream || stream.getAudioTracks().length === 0) return 0;
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 2048;
    ctx.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let peak = 0;
    // Chromium's fake microphone beeps about once a second: sample for up to 3 s, stop at the first sound.
    const until = performance.now() + 3000;
    while (performance.now() < until && peak < 0.01) {
      await new Promise((r) => setTimeout(r, 20));
      analyser.getFloatTimeDomainData(samples);
      for (const s of samples) peak = Math.max(peak, Math.abs(s));
    }
    await ctx.close();
    return peak;
  });
}

/** Capture tracks (camera, mic) this page opened that are still live. */
export const liveCaptureTracks = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __captureTracks: MediaStreamTrack[] }).__captureTracks.filter((t) => t.readyState === 'live').map((t) => t.kind),
  );

/** Ada, then Bob, join a new public room (with these room properties); Bob already decodes Ada. */
export async function adaAndBobInCall(browser: Browser, request: APIRequestContext, properties: Record<string, unknown> = {}) {
  const room = await createRoom(request, { properties });
  const ada = await newPerson(browser);
  const bob = await newPerson(browser);
  await ada.page.goto(`/${room.name}`);
  await joinCall(ada.page, 'Ada');
  await bob.page.goto(`/${room.name}`);
  await joinCall(bob.page, 'Bob');
  await expectVideoDecoding(bob.page, 'Ada');
  return { room, ada, bob };
}

/**
 * Starts noting whether an element with this test id ever appears (a banner may show only briefly);
 * the returned function says whether it has.
 */
export async function watchFor(page: Page, testId: string): Promise<() => Promise<boolean>> {
  await page.evaluate((id) => {
    const w = window as unknown as { __seen?: Record<string, boolean> };
    w.__seen ??= {};
    w.__seen[id] = false;
    new MutationObserver(() => {
      if (document.querySelector(`[data-testid="${id}"]`)) w.__seen![id] = true;
    }).observe(document.body, { childList: true, subtree: true });
  }, testId);
  return () => page.evaluate((id) => (window as unknown as { __seen: Record<string, boolean> }).__seen[id] ?? false, testId);
}
