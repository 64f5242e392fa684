// Owner tab CPU with 16 remote camera tiles: Foyer's call screen beside a livekit-client minimal page,
// both watching the same 16 simulated publishers (minimal pages publishing Chromium's fake camera).
import { api, base, explained, median } from './stack.mjs';

const CAMERA = { w: 320, h: 180, fps: 15 };
const VIEWPORT = { width: 1280, height: 720 };
// Adaptive stream settles on a layer per element size once the tiles are laid out; measure after that.
const SETTLE_MS = 3000;

const pageUrl = (minimal, params) => `${minimal.url}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
const joinAs = (room, name) => api(`/api/rooms/${room}/join`, { name });

/** Opens `cameras` publisher pages in `browser`, each a participant of `room` sending the fake camera. */
async function startPublishers(browser, minimal, room, cameras) {
  const context = await browser.newContext();
  for (let i = 1; i <= cameras; i++) {
    const grant = await joinAs(room, `Camera ${i}`);
    const page = await context.newPage();
    await page.goto(pageUrl(minimal, { role: 'publish', ...CAMERA, url: grant.livekitUrl, token: grant.livekitToken }));
  }
  for (const page of context.pages()) {
    const state = await page.waitForFunction(() => (window.__bench.published || window.__bench.error) && window.__bench, null, { timeout: 30_000 }).then((h) => h.jsonValue());
    if (state.error) throw new Error(`publisher: ${state.error}`);
  }
  return context;
}

/** Remote videos of the page that have decoded a frame: element size, received size, frames so far. */
const decodingVideos = (page, selector) =>
  page.$$eval(selector, (videos) =>
    videos
      .filter((v) => v.videoWidth > 0 && v.getVideoPlaybackQuality().totalVideoFrames > 0)
      .map((v) => ({ w: v.clientWidth, h: v.clientHeight, vw: v.videoWidth, vh: v.videoHeight, frames: v.getVideoPlaybackQuality().totalVideoFrames })),
  );

/**
 * Waits for `cameras` decoding videos (or 45 s, then goes on with those there are), lets adaptive stream
 * settle, then samples the renderer's CPU (CDP ProcessTime: every thread of the tab's renderer process)
 * once a second for `seconds`. Returns the % of one core per second, and what the tab was decoding.
 */
async function watchCpu(page, selector, cameras, seconds) {
  const until = Date.now() + 45_000;
  while ((await decodingVideos(page, selector)).length < cameras && Date.now() < until) await page.waitForTimeout(250);
  await page.waitForTimeout(SETTLE_MS);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const metrics = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    if (m.ProcessTime === undefined) throw new Error('this Chromium reports no ProcessTime in Performance.getMetrics');
    return { cpu: m.ProcessTime, at: m.Timestamp };
  };
  const before = await decodingVideos(page, selector);
  const cpu = [];
  let last = await metrics();
  const first = last;
  for (let i = 0; i < seconds; i++) {
    await page.waitForTimeout(1000);
    const now = await metrics();
    cpu.push(((now.cpu - last.cpu) / (now.at - last.at)) * 100);
    last = now;
  }
  const after = await decodingVideos(page, selector);
  await cdp.detach();
  const frames = (vs) => vs.reduce((sum, v) => sum + v.frames, 0);
  return {
    cpu,
    mean: ((last.cpu - first.cpu) / (last.at - first.at)) * 100,
    tiles: after.length,
    fps: (frames(after) - frames(before)) / (last.at - first.at) / Math.max(1, after.length),
    element: { w: median(after.map((v) => v.w)), h: median(after.map((v) => v.h)) },
    received: { w: median(after.map((v) => v.vw)), h: median(after.map((v) => v.vh)) },
  };
}

/**
 * One round: 16 publishers in `publisherBrowser`; a Foyer owner watching them for `seconds` in `browser`,
 * then a livekit-client minimal page with video elements of the Foyer tiles' size, the same way.
 */
export async function measureTileLoad(browser, publisherBrowser, minimal, { cameras = 16, seconds = 20 } = {}) {
  // Nothing of the watcher's own goes out: the figure is the cost of receiving and showing 16 cameras.
  const room = await api('/v1/rooms', { properties: { start_video_off: true, start_audio_off: true } });
  const publishers = await startPublishers(publisherBrowser, minimal, room.name, cameras);
  try {
    const { token } = await api('/v1/meeting-tokens', { properties: { room_name: room.name, is_owner: true, user_name: 'Owner' } });
    const owner = await browser.newContext({ viewport: VIEWPORT });
    const ownerPage = await owner.newPage();
    await explained(ownerPage, 'owner-16-tiles', async () => {
      await ownerPage.goto(`${base}/${room.name}?t=${token}`);
      await ownerPage.getByTestId('join-button').click();
      await ownerPage.getByTestId('call').waitFor();
    });
    const foyer = await watchCpu(ownerPage, '[data-testid="tile"][data-local="false"] video', cameras, seconds);
    await owner.close();

    const grant = await joinAs(room.name, 'Minimal');
    const watcher = await browser.newContext({ viewport: VIEWPORT });
    const watcherPage = await watcher.newPage();
    const size = foyer.tiles > 0 ? foyer.element : { w: 240, h: 135 };
    await watcherPage.goto(pageUrl(minimal, { role: 'watch', w: size.w, h: size.h, url: grant.livekitUrl, token: grant.livekitToken }));
    const livekit = await watchCpu(watcherPage, 'video[data-remote="true"]', cameras, seconds);
    await watcher.close();
    return { foyer, livekit };
  } finally {
    await publishers.close();
  }
}
