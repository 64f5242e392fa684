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
    cpuSeconds: last.cpu - first.cpu,
    wallSeconds: last.at - first.at,
    frames: frames(after) - frames(before),
    tiles: after.length,
    element: { w: median(after.map((v) => v.w)), h: median(after.map((v) => v.h)) },
    received: { w: median(after.map((v) => v.vw)), h: median(after.map((v) => v.vh)) },
  };
}

/** One page's halves put together: 1 s samples, mean % of a core, frames per second per tile. */
function pooled(halves) {
  const sum = (key) => halves.reduce((total, h) => total + h[key], 0);
  const tiles = Math.min(...halves.map((h) => h.tiles));
  const last = halves.at(-1);
  return {
    cpu: halves.flatMap((h) => h.cpu),
    mean: (sum('cpuSeconds') / sum('wallSeconds')) * 100,
    tiles,
    fps: sum('frames') / sum('wallSeconds') / Math.max(1, tiles),
    element: last.element,
    received: last.received,
  };
}

/**
 * 16 publishers in `publisherBrowser`; in `browser`, a Foyer owner and a livekit-client minimal page (video
 * elements of the Foyer tiles' size) each watch them for `seconds` in all, in two halves ordered
 * Foyer, minimal, minimal, Foyer, so a change in the shared machine's load weighs on both alike.
 */
export async function measureTileLoad(browser, publisherBrowser, minimal, { cameras = 16, seconds = 20 } = {}) {
  // Nothing of the watcher's own goes out: the figure is the cost of receiving and showing 16 cameras.
  const room = await api('/v1/rooms', { properties: { start_video_off: true, start_audio_off: true } });
  const publishers = await startPublishers(publisherBrowser, minimal, room.name, cameras);
  const { token } = await api('/v1/meeting-tokens', { properties: { room_name: room.name, is_owner: true, user_name: 'Owner' } });
  const halves = { foyer: [], livekit: [] };
  let size = { w: 240, h: 135 };
  const watch = {
    foyer: async (page) => {
      await explained(page, 'owner-16-tiles', async () => {
        await page.goto(`${base}/${room.name}?t=${token}`);
        await page.getByTestId('join-button').click();
        await page.getByTestId('call').waitFor();
      });
      return watchCpu(page, '[data-testid="tile"][data-local="false"] video', cameras, seconds / 2);
    },
    livekit: async (page) => {
      const grant = await joinAs(room.name, 'Minimal');
      await page.goto(pageUrl(minimal, { role: 'watch', w: size.w, h: size.h, url: grant.livekitUrl, token: grant.livekitToken }));
      return watchCpu(page, 'video[data-remote="true"]', cameras, seconds / 2);
    },
  };
  try {
    for (const who of ['foyer', 'livekit', 'livekit', 'foyer']) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      try {
        const half = await watch[who](await context.newPage());
        if (who === 'foyer' && half.tiles > 0) size = half.element;
        halves[who].push(half);
      } finally {
        await context.close();
      }
    }
    return { foyer: pooled(halves.foyer), livekit: pooled(halves.livekit) };
  } finally {
    await publishers.close();
  }
}
