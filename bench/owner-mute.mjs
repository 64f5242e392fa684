// Owner "mute" click → the guest's own screen shows their mic muted: the owner's click and the guest's
// tile change are both stamped in-page with Date.now() (one machine, one clock).
import { api, base, explained } from './stack.mjs';

const GUEST = 'Guest';
const guestMicOff = '[data-testid="tile"][data-local="true"][data-mic="off"]';
const guestMicOn = '[data-testid="tile"][data-local="true"][data-mic="on"]';

async function joinCall(browser, url, name) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  await explained(page, `mute-${name ?? 'owner'}`, async () => {
    await page.goto(url);
    if (name) await page.getByTestId('name-input').fill(name);
    await page.getByTestId('join-button').click();
    await page.getByTestId('call').waitFor();
  });
  return page;
}

/** Notes, in the guest's page, when its own tile first shows the mic off from now on. */
const armMicOffMark = (guest) =>
  guest.evaluate((selector) => {
    window.__micOffAt = undefined;
    const check = () => {
      if (window.__micOffAt !== undefined || !document.querySelector(selector)) return;
      window.__micOffAt = Date.now();
      observer.disconnect();
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-mic'] });
    check();
  }, guestMicOff);

/** One call, `runs` times: the guest's mic is on, the owner clicks mute-mic on the guest's row. Returns ms per run. */
export async function measureOwnerMute(browser, runs) {
  const room = await api('/v1/rooms', {});
  const { token } = await api('/v1/meeting-tokens', { properties: { room_name: room.name, is_owner: true, user_name: 'Owner' } });
  const owner = await joinCall(browser, `${base}/${room.name}?t=${token}`);
  const guest = await joinCall(browser, `${base}/${room.name}`, GUEST);
  try {
    await owner.getByTestId('participants-toggle').click();
    await owner.getByTestId('participants-panel').waitFor();
    const row = owner.locator(`[data-testid="participant-row"][data-name="${GUEST}"]`);
    const times = [];
    for (let i = 0; i < runs; i++) {
      // The guest unmutes themselves between runs (a host can mute, never unmute).
      if (i > 0) await guest.getByTestId('mic-toggle').click();
      await guest.locator(guestMicOn).waitFor();
      // The button is enabled once the owner's page knows the mic is on and the last mute has returned.
      const mute = row.locator('[data-testid="mute-mic"]:not([disabled])');
      await mute.waitFor();
      await armMicOffMark(guest);
      const clicked = await mute.evaluate((button) => {
        const at = Date.now();
        button.click();
        return at;
      });
      const seen = await guest.waitForFunction(() => window.__micOffAt, null, { timeout: 15_000 }).then((h) => h.jsonValue());
      times.push(seen - clicked);
    }
    return times;
  } finally {
    await Promise.all([owner.context().close(), guest.context().close()]);
  }
}
