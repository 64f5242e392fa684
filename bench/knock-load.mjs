// Knocking with a call under way: an owner and a member in a private knocking room, both publishing camera
// and mic, then a guest asks to join. Measures Ask → the owner's toast and Allow → the guest's first remote
// frame (wall clock, Date.now() in each page: one machine, one clock), and splits Ask → toast at the
// knock's arrival on the owner's lobby socket, so a slow toast shows whether it waited on the way (guest
// page, network, server) or in the owner's tab (its event loop busy with video and rendering).
//
// All pages share the one Chromium the bench hands in, as issue 13 measured it: on a 2-core machine the
// owner tab then competes with the member's and the guest's encoders and decoders, the worst case for the
// toast. The owner and member stay in the call across runs; each run is a new guest who knocks, is let in,
// sees video, and leaves.
//
// FOYER_KNOCK_PROFILE=<file.cpuprofile>: also records a CPU profile of the owner tab (CDP Profiler) from
// the click to the toast of the last run (open it in Chrome DevTools' Performance panel).
import { writeFileSync } from 'node:fs';
import { api, base, explained, median } from './stack.mjs';

const VIEWPORT = { width: 1000, height: 700 };
const PROFILE = process.env.FOYER_KNOCK_PROFILE;

/**
 * In-page marks, stamped with Date.now(): the toast's first appearance (MutationObserver), the first
 * remote video frame, the knock leaving the guest's lobby socket, the knock reaching the owner's, and
 * the long tasks the page ran.
 */
function marks() {
  const w = window;
  w.__marks = { longTasks: [] };
  new MutationObserver(() => {
    if (!w.__marks.toast && document.querySelector('[data-testid="knock-toast"]')) w.__marks.toast = Date.now();
  }).observe(document, { childList: true, subtree: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__marks.longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: the split still shows.
  }
  const Native = w.WebSocket;
  w.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      if (!String(args[0]).includes('/lobby')) return;
      this.addEventListener('message', (e) => {
        if (String(e.data).includes('"waiting-participant-added"')) w.__marks.knockArrived ??= Date.now();
      });
    }
    send(data) {
      if (String(data).includes('"request-access"')) w.__marks.knockSent ??= Date.now();
      return super.send(data);
    }
  };
}

const mark = (page, name) => page.waitForFunction((n) => window.__marks[n], name, { timeout: 30_000 }).then((h) => h.jsonValue());

const firstRemoteFrameAt = (page) =>
  page.waitForFunction(() => {
    const v = document.querySelector('video[data-remote="true"]');
    return v && v.videoWidth > 0 && v.getVideoPlaybackQuality().totalVideoFrames > 0 ? Date.now() : false;
  }, null, { polling: 'raf', timeout: 30_000 }).then((h) => h.jsonValue());

async function open(browser, label, url) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(marks);
  const page = await context.newPage();
  await explained(page, label, () => page.goto(url));
  return page;
}

/** Joins from the prejoin (camera and mic on, as the prejoin starts them) and waits for video from `others` people. */
async function joinPublishing(page, label, others) {
  await explained(page, label, async () => {
    await page.getByTestId('join-button').click();
    await page.getByTestId('call').waitFor();
    await page.waitForFunction((n) => {
      const decoding = [...document.querySelectorAll('video[data-remote="true"]')].filter((v) => v.videoWidth > 0 && v.getVideoPlaybackQuality().totalVideoFrames > 0);
      return decoding.length >= n;
    }, others, { timeout: 30_000 });
  });
}

/**
 * Runs `runs` knocks into one call where an owner and a member publish camera and mic. Returns the
 * samples per figure and notes (the owner tab's long tasks inside the Ask → toast windows).
 */
export async function measureKnockLoad(browser, runs) {
  const room = await api('/v1/rooms', { privacy: 'private', properties: { enable_knocking: true } });
  const token = async (props) => (await api('/v1/meeting-tokens', { properties: { room_name: room.name, ...props } })).token;
  const owner = await open(browser, 'knockload-owner', `${base}/${room.name}?t=${await token({ is_owner: true, user_name: 'Owner' })}`);
  await joinPublishing(owner, 'knockload-owner', 0);
  const member = await open(browser, 'knockload-member', `${base}/${room.name}?t=${await token({ user_name: 'Member' })}`);
  await joinPublishing(member, 'knockload-member', 1);
  await owner.waitForFunction(() => document.querySelectorAll('video[data-remote="true"]').length >= 1);

  const figures = {
    'loaded: Ask to join → owner toast (ms)': [],
    'loaded: of which Ask → knock sent by the guest page (ms)': [],
    'loaded: of which knock sent → on the owner socket (ms)': [],
    'loaded: of which owner socket → toast (ms)': [],
    'loaded: Allow → first remote frame (ms)': [],
  };
  const inWindow = [];
  try {
    for (let i = 1; i <= runs; i++) {
      process.stdout.write(`knock under load, run ${i}/${runs} ...\r`);
      const name = `Guest ${i}`;
      const guest = await open(browser, 'knockload-guest', `${base}/${room.name}`);
      try {
        await guest.getByTestId('name-input').fill(name);
        // Let the prejoin settle (camera preview, chunks), as a person typing their name would.
        await guest.waitForLoadState('networkidle');
        await owner.evaluate(() => {
          window.__marks = { longTasks: [] };
        });
        const profiling = PROFILE && i === runs ? await startProfile(owner) : undefined;
        const asked = await guest.evaluate(() => {
          const t = Date.now();
          document.querySelector('[data-testid="join-button"]').click();
          return t;
        });
        const toast = await explained(owner, 'knockload-toast', () => mark(owner, 'toast'));
        if (profiling) await profiling.stop();
        const { knockArrived, longTasks } = await owner.evaluate(() => window.__marks);
        const knockSent = await guest.evaluate(() => window.__marks.knockSent);
        figures['loaded: Ask to join → owner toast (ms)'].push(toast - asked);
        figures['loaded: of which Ask → knock sent by the guest page (ms)'].push(knockSent - asked);
        figures['loaded: of which knock sent → on the owner socket (ms)'].push(knockArrived - knockSent);
        figures['loaded: of which owner socket → toast (ms)'].push(toast - knockArrived);
        const overlapping = longTasks.filter((t) => t.start + t.duration > asked && t.start < toast);
        inWindow.push({ count: overlapping.length, ms: overlapping.reduce((s, t) => s + t.duration, 0) });

        const frameSeen = firstRemoteFrameAt(guest);
        const allowed = await owner.evaluate(() => {
          const t = Date.now();
          document.querySelector('[data-testid="knock-toast"] .btn--primary').click();
          return t;
        });
        figures['loaded: Allow → first remote frame (ms)'].push((await explained(guest, 'knockload-guest-frame', () => frameSeen)) - allowed);
      } finally {
        await guest.context().close();
      }
      // The next knock starts with the call back to owner and member.
      await owner.locator(`[data-testid="tile"][data-name="${name}"]`).waitFor({ state: 'detached', timeout: 30_000 });
    }
  } finally {
    await Promise.all([owner.context().close(), member.context().close()]);
  }
  const notes = [
    'knock under load: owner + member publishing camera and mic, all pages in one Chromium (as issue 13 measured); a new guest per run',
    `owner tab long tasks inside Ask → toast: median ${median(inWindow.map((w) => w.count))} per knock, ${Math.round(median(inWindow.map((w) => w.ms)))} ms`,
    `knock under load, per run (Ask → toast ms): ${figures['loaded: Ask to join → owner toast (ms)'].join(', ')}`,
  ];
  if (PROFILE) notes.push(`owner tab CPU profile of the last knock: ${PROFILE}`);
  return { figures, notes };
}

/** Starts a CPU profile of `page` (fine sampling); `stop()` writes it to FOYER_KNOCK_PROFILE. */
async function startProfile(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(PROFILE, JSON.stringify(profile));
      await cdp.detach();
    },
  };
}
