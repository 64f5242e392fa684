// Two people in Chromium, timed in their own pages: Join → first remote frame, Ask to join → owner toast and
// Allow → first remote frame. Used by the bench on one control plane and across two (bench/cluster.mjs).
import { navigationPhases, phaseProbe, phasesSince } from './phases.mjs';

const firstRemoteFrameAt = (page) =>
  page.waitForFunction(() => {
    const v = document.querySelector('video[data-remote="true"]');
    return v && v.videoWidth > 0 && v.getVideoPlaybackQuality().totalVideoFrames > 0 ? performance.timeOrigin + performance.now() : false;
  }, null, { polling: 'raf', timeout: 30_000 }).then((h) => h.jsonValue());

/** A page that notes, in-page, when selectors of interest first appear (performance.now(): ms since navigation). */
async function person(browser) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  await context.addInitScript(() => {
    window.__seen = {};
    const watch = { join: '[data-testid="join-button"]:not([disabled])', toast: '[data-testid="knock-toast"]' };
    const check = () => {
      for (const [name, selector] of Object.entries(watch)) {
        if (!window.__seen[name] && document.querySelector(selector)) window.__seen[name] = { at: performance.now(), wall: performance.timeOrigin + performance.now() };
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await context.addInitScript(phaseProbe);
  return context.newPage();
}

const seen = (page, name) => page.waitForFunction((n) => window.__seen[n], name).then((h) => h.jsonValue());

/** Join → first remote frame between two people in a public room, with the prejoin's navigation phases. */
export async function measureJoin(browser, base, api) {
  const room = await api('/v1/rooms', {});
  const host = await person(browser);
  await host.goto(`${base}/${room.name}`);
  await host.getByTestId('name-input').fill('Host');
  await host.getByTestId('join-button').click();
  await host.getByTestId('call').waitFor();
  const guest = await person(browser);
  await guest.goto(`${base}/${room.name}`);
  const interactive = Math.round((await seen(guest, 'join')).at);
  const navigation = await navigationPhases(guest, interactive);
  await guest.getByTestId('name-input').fill('Guest');
  // Let the background chunk load and connection warm-up finish, as a person reading the prejoin would.
  await guest.waitForLoadState('networkidle');
  // Clicked in the page, so the figure starts at the click itself, not at Playwright's checks before it.
  const clicked = await guest.evaluate(() => {
    const t = performance.timeOrigin + performance.now();
    document.querySelector('[data-testid="join-button"]').click();
    return t;
  });
  const frame = await firstRemoteFrameAt(guest);
  const phases = { guest: await phasesSince(guest, clicked), host: await phasesSince(host, clicked) };
  await Promise.all([host.context().close(), guest.context().close()]);
  return { interactive, joinToFrame: frame - clicked, phases, navigation };
}

/**
 * Ask to join → owner toast and Allow → first remote frame in a private knocking room. The owner and the guest
 * may open the room on different control planes (`owner`, `guest`: their origins); `api` creates it.
 */
export async function measureKnock(browser, { owner: ownerBase, guest: guestBase, api }) {
  const room = await api('/v1/rooms', { privacy: 'private', properties: { enable_knocking: true } });
  const { token } = await api('/v1/meeting-tokens', { properties: { room_name: room.name, is_owner: true, user_name: 'Owner' } });
  const owner = await person(browser);
  await owner.goto(`${ownerBase}/${room.name}?t=${token}`);
  await owner.getByTestId('join-button').click();
  await owner.getByTestId('call').waitFor();
  const guest = await person(browser);
  await guest.goto(`${guestBase}/${room.name}`);
  await guest.getByTestId('name-input').fill('Guest');
  await guest.waitForLoadState('networkidle');
  const asked = await guest.evaluate(() => {
    const t = performance.timeOrigin + performance.now();
    document.querySelector('[data-testid="join-button"]').click();
    return t;
  });
  const toastAt = (await seen(owner, 'toast')).wall;
  const frameSeen = firstRemoteFrameAt(guest);
  const allowed = await owner.evaluate(() => {
    const t = performance.timeOrigin + performance.now();
    [...document.querySelectorAll('.toast button')].find((b) => b.textContent === 'Allow').click();
    return t;
  });
  const frameAt = await frameSeen;
  const phases = { guest: await phasesSince(guest, allowed), host: await phasesSince(owner, allowed) };
  await Promise.all([owner.context().close(), guest.context().close()]);
  return { knockToToast: toastAt - asked, allowToFrame: frameAt - allowed, phases };
}

