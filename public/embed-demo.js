// @ts-check
/**
 * The /embed-demo page's script: a host page driving a Foyer call frame through `window.Foyer` (from
 * /embed.js). Plain JavaScript with no build step, so a developer can read it as the example it is.
 * Everything a person typed is shown with textContent, never as HTML.
 */
(() => {
  'use strict';

  /** Every event of the API: the log shows them all. */
  const EVENTS = /** @type {const} */ ([
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
  ]);
  const MAX_LOG_ENTRIES = 300;

  /** @param {string} id */
  const el = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  /** @param {string} id */
  const input = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

  /** @type {import('../app/embed/api.ts').FoyerCall | null} */
  let call = null;

  // ---- The frame -------------------------------------------------------------------------------

  /** The call frame, made on first use (and again after Destroy). */
  function frame() {
    if (call && !call.isDestroyed()) return call;
    const container = el('frame');
    container.textContent = '';
    const created = window.Foyer.createFrame(container, {});
    for (const name of EVENTS) {
      created.on(name, (event) => {
        addLogEntry(name, event, name === 'error' || name === 'nonfatal-error' || name === 'owner-action-refused' ? 'error' : 'event');
        render();
      });
    }
    call = created;
    return created;
  }

  /** What join() and preAuth() take from the form: the room URL, and the token only when one was given. */
  function connectOptions() {
    takeTokenFromUrl();
    /** @type {import('../app/embed/api.ts').FoyerJoinOptions} */
    const options = { url: input('room-url').value.trim() };
    const token = input('token').value.trim();
    if (token) options.token = token;
    return options;
  }

  /** An owner link pasted as the room URL (`…/demo?t=…`): its token moves to the token field, so it travels by message. */
  function takeTokenFromUrl() {
    const field = input('room-url');
    let url;
    try {
      url = new URL(field.value.trim());
    } catch {
      return;
    }
    const token = url.searchParams.get('t') ?? new URLSearchParams(url.hash.slice(1)).get('t');
    if (!token) return;
    input('token').value = token;
    url.searchParams.delete('t');
    url.hash = '';
    field.value = url.toString();
  }

  /**
   * Calls `method` on the frame and logs how its promise ended.
   * @param {string} label what the log shows, e.g. `join()`
   * @param {(c: import('../app/embed/api.ts').FoyerCall) => unknown} method
   */
  async function run(label, method) {
    try {
      const value = await method(frame());
      addLogEntry(`${label} → resolved`, value, 'result');
    } catch (error) {
      addLogEntry(`${label} → rejected`, { message: error instanceof Error ? error.message : String(error) }, 'failed');
    }
    render();
  }

  /**
   * A method that returns the call (no promise): logged as sent; what it changes arrives as events.
   * @param {string} label
   * @param {(c: import('../app/embed/api.ts').FoyerCall) => unknown} method
   */
  function send(label, method) {
    if (!call || call.isDestroyed()) return;
    method(call);
    addLogEntry(`${label} sent`, undefined, 'result');
  }

  // ---- Controls --------------------------------------------------------------------------------

  function wireControls() {
    el('connect').addEventListener('submit', (e) => {
      e.preventDefault();
      const userName = input('user-name').value.trim();
      const options = {
        ...connectOptions(),
        ...(userName ? { userName } : {}),
        startVideoOff: input('start-video-off').checked,
        startAudioOff: input('start-audio-off').checked,
      };
      void run('join()', (c) => c.join(options));
    });
    el('room-url').addEventListener('change', takeTokenFromUrl);
    el('pre-auth').addEventListener('click', () => void run('preAuth()', (c) => c.preAuth(connectOptions())));
    el('leave').addEventListener('click', () => void run('leave()', (c) => c.leave()));
    el('destroy').addEventListener('click', () => {
      if (!call || call.isDestroyed()) return;
      void run('destroy()', (c) => c.destroy()).then(() => {
        el('frame').textContent = 'Destroyed. Join or Pre-auth makes a new frame.';
        render();
      });
    });
    el('mic-on').addEventListener('click', () => send('setLocalAudio(true)', (c) => c.setLocalAudio(true)));
    el('mic-off').addEventListener('click', () => send('setLocalAudio(false)', (c) => c.setLocalAudio(false)));
    el('camera-on').addEventListener('click', () => send('setLocalVideo(true)', (c) => c.setLocalVideo(true)));
    el('camera-off').addEventListener('click', () => send('setLocalVideo(false)', (c) => c.setLocalVideo(false)));
    el('knock').addEventListener('submit', (e) => {
      e.preventDefault();
      const name = input('knock-name').value.trim() || input('user-name').value.trim();
      if (!name) {
        input('knock-name').focus();
        addLogEntry('requestAccess() needs a name: type one above', undefined, 'failed');
        return;
      }
      void run(`requestAccess({name: ${JSON.stringify(name)}})`, (c) => c.requestAccess({ name }));
    });
    el('allow-all').addEventListener('click', () =>
      void run("updateWaitingParticipants({'*': allow})", (c) => c.updateWaitingParticipants({ '*': { grantRequestedAccess: true } })),
    );
    el('deny-all').addEventListener('click', () =>
      void run("updateWaitingParticipants({'*': deny})", (c) => c.updateWaitingParticipants({ '*': { grantRequestedAccess: false } })),
    );
    el('clear-log').addEventListener('click', () => {
      el('log').textContent = '';
    });
  }

  // ---- What the page shows ---------------------------------------------------------------------

  /** Redraws the state, the participants and the waiting list from the call's synchronous getters. */
  function render() {
    const live = call && !call.isDestroyed() ? call : null;
    el('meeting-state').textContent = live ? live.meetingState() : call ? 'destroyed' : 'no frame';
    el('access-state').textContent = live ? JSON.stringify(live.accessState()) : '–';
    el('local-audio').textContent = live ? String(live.localAudio()) : '–';
    el('local-video').textContent = live ? String(live.localVideo()) : '–';
    for (const id of ['leave', 'destroy', 'mic-on', 'mic-off', 'camera-on', 'camera-off', 'allow-all', 'deny-all']) {
      /** @type {HTMLButtonElement} */ (el(id)).disabled = !live;
    }
    renderParticipants(live ? live.participants() : null);
    renderWaiting(live ? live.waitingParticipants() : {});
  }

  /** @param {import('../app/embed/api.ts').FoyerParticipants | null} all */
  function renderParticipants(all) {
    const list = el('participants');
    list.textContent = '';
    const people = all ? Object.entries(all).filter(([key, p]) => key === 'local' || !p.local) : [];
    if (people.length === 0) return void list.append(emptyItem('Nobody yet (join first).'));
    const canAdmin = !!all?.local?.permissions.canAdmin;
    for (const [, p] of people) {
      const item = document.createElement('li');
      const who = document.createElement('span');
      who.className = 'who';
      who.textContent = p.user_name || '(no name)';
      const tags = [p.local ? 'you' : '', p.owner ? 'host' : '', p.audio ? 'mic on' : 'mic off', p.video ? 'camera on' : 'camera off'];
      who.append(' ', tag(tags.filter(Boolean).join(' · ')));
      item.append(who);
      if (canAdmin && !p.local) {
        const id = p.session_id;
        item.append(
          button('Mute', `Mute ${p.user_name}`, () => send(`updateParticipant(${id}, {setAudio: false})`, (c) => c.updateParticipant(id, { setAudio: false }))),
          button('Camera off', `Camera off for ${p.user_name}`, () =>
            send(`updateParticipant(${id}, {setVideo: false})`, (c) => c.updateParticipant(id, { setVideo: false })),
          ),
          button('Remove', `Remove ${p.user_name}`, () => send(`updateParticipant(${id}, {eject: true})`, (c) => c.updateParticipant(id, { eject: true })), 'danger'),
        );
      }
      list.append(item);
    }
  }

  /** @param {{ [id: string]: import('../app/embed/api.ts').FoyerWaitingParticipant }} waiting */
  function renderWaiting(waiting) {
    const list = el('waiting');
    list.textContent = '';
    const entries = Object.values(waiting);
    if (entries.length === 0) return void list.append(emptyItem('Nobody is waiting (an owner sees knocks here).'));
    for (const w of entries) {
      const item = document.createElement('li');
      const who = document.createElement('span');
      who.className = 'who';
      who.textContent = w.name;
      item.append(
        who,
        button('Allow', `Allow ${w.name}`, () => void run(`updateWaitingParticipant(${w.id}, allow)`, (c) => c.updateWaitingParticipant(w.id, { grantRequestedAccess: true }))),
        button('Deny', `Deny ${w.name}`, () => void run(`updateWaitingParticipant(${w.id}, deny)`, (c) => c.updateWaitingParticipant(w.id, { grantRequestedAccess: false })), 'danger'),
      );
      list.append(item);
    }
  }

  /**
   * @param {string} text
   * @param {string} label the accessible name, naming the person acted on
   * @param {() => void} onClick
   * @param {string} [className]
   */
  function button(text, label, onClick, className) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    if (className) b.className = className;
    b.addEventListener('click', onClick);
    return b;
  }

  /** @param {string} text */
  function tag(text) {
    const span = document.createElement('span');
    span.className = 'tag';
    span.textContent = text;
    return span;
  }

  /** @param {string} text */
  function emptyItem(text) {
    const item = document.createElement('li');
    item.className = 'empty';
    item.textContent = text;
    return item;
  }

  /**
   * One line of the log, newest first: time, name, and the payload folded away.
   * @param {string} name
   * @param {unknown} payload
   * @param {'event' | 'error' | 'result' | 'failed'} kind
   */
  function addLogEntry(name, payload, kind) {
    const log = el('log');
    const item = document.createElement('li');
    item.className = kind;
    item.dataset.name = name;
    const time = document.createElement('time');
    const now = new Date();
    time.dateTime = now.toISOString();
    time.textContent = `${now.toTimeString().slice(0, 8)}.${String(now.getMilliseconds()).padStart(3, '0')}`;
    const label = document.createElement('span');
    label.className = 'name';
    label.textContent = name;
    item.append(time, label);
    if (payload !== undefined) {
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = 'payload';
      const pre = document.createElement('pre');
      pre.textContent = JSON.stringify(payload, null, 2);
      details.append(summary, pre);
      item.append(details);
    }
    log.prepend(item);
    while (log.childElementCount > MAX_LOG_ENTRIES) log.lastElementChild?.remove();
  }

  // ---- Start -----------------------------------------------------------------------------------

  /** `#t=<token>&url=<room url>` prefills the form (a hash never reaches a server); it leaves the address bar at once. */
  function prefill() {
    input('room-url').value = `${location.origin}/demo`;
    const hash = new URLSearchParams(location.hash.slice(1));
    const url = hash.get('url');
    const token = hash.get('t');
    if (url) input('room-url').value = url;
    if (token) input('token').value = token;
    if (url || token) history.replaceState(null, '', location.pathname + location.search);
  }

  prefill();
  if (typeof window.Foyer?.createFrame !== 'function') {
    el('no-embed').hidden = false;
    return;
  }
  wireControls();
  render();
})();
