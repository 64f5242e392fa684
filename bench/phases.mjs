// Where the time between a click and the first remote video frame goes. An init script records, in the
// page, the WebRTC and signalling moments (from the browser's own objects, not Foyer's) beside Foyer's
// `foyer:*` User Timing marks; `phasesSince` reads them as ms after a moment (the click).

/** Installed with `context.addInitScript` before any page script runs. Times are epoch ms (fractional). */
export function phaseProbe() {
  const now = () => performance.timeOrigin + performance.now();
  const log = (window.__phases = []);
  const note = (name) => log.push({ name, at: now() });
  const NativeWS = window.WebSocket;
  window.WebSocket = class extends NativeWS {
    constructor(url, protocols) {
      super(url, protocols);
      if (String(url).includes('/rtc')) {
        note('signal socket created');
        this.addEventListener('open', () => note('signal socket open'));
        let first = true;
        this.addEventListener('message', () => first && (first = false, note('signal first message (join response)')));
      }
    }
  };
  const NativePC = window.RTCPeerConnection;
  let pcs = 0;
  window.RTCPeerConnection = class extends NativePC {
    constructor(...args) {
      super(...args);
      const n = ++pcs;
      note(`pc${n} created`);
      this.addEventListener('connectionstatechange', () => this.connectionState === 'connected' && note(`pc${n} connected`));
      this.addEventListener('track', (e) => note(`pc${n} remote ${e.track.kind} track`));
    }
  };
  // The publisher's side: dynacast pauses unwatched simulcast layers with setParameters; note resumes.
  const setParameters = RTCRtpSender.prototype.setParameters;
  RTCRtpSender.prototype.setParameters = function (params, ...rest) {
    if (this.track?.kind === 'video') {
      const active = (params.encodings ?? []).filter((e) => e.active !== false).length;
      note(`publisher video layers active: ${active}`);
    }
    return setParameters.call(this, params, ...rest);
  };
  // First decoded remote frame: the first remote <video> with a frame.
  const watchFrames = () => {
    const v = document.querySelector('video[data-remote="true"]');
    if (v && v.videoWidth > 0 && v.getVideoPlaybackQuality().totalVideoFrames > 0) return note('first remote frame');
    if (v && !window.__phaseVideo) {
      window.__phaseVideo = true;
      note('remote video element attached');
    }
    requestAnimationFrame(watchFrames);
  };
  requestAnimationFrame(watchFrames);
}

/** Every phase in the page after `since` (epoch ms), with Foyer's marks, sorted, as ms after `since`. */
export async function phasesSince(page, since) {
  const entries = await page.evaluate(() => [
    ...window.__phases,
    ...performance.getEntriesByType('mark').filter((m) => m.name.startsWith('foyer:')).map((m) => ({ name: m.name, at: performance.timeOrigin + m.startTime })),
  ]);
  return entries.filter((e) => e.at >= since - 1).map((e) => ({ name: e.name, ms: Math.round(e.at - since) })).sort((a, b) => a.ms - b.ms);
}

/** Median per phase name over runs (first occurrence in each run), in the order they usually happen. */
export function summarizePhases(runs) {
  const byName = new Map();
  for (const run of runs) {
    const seen = new Set();
    for (const { name, ms } of run) {
      if (seen.has(name)) continue;
      seen.add(name);
      if (!byName.has(name)) byName.set(name, []);
      byName.get(name).push(ms);
    }
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  return [...byName].map(([name, xs]) => ({ name, median: med(xs), runs: xs.length })).sort((a, b) => a.median - b.median);
}

/**
 * Where navigation → prejoin interactive goes, from the browser's Navigation and Resource Timing (ms since
 * navigation start): the document, each script and the control plane's answers the prejoin waits for.
 */
export async function navigationPhases(page, interactiveAt) {
  const entries = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const out = [
      { name: 'document answered (first byte)', ms: nav.responseStart },
      { name: 'document loaded', ms: nav.responseEnd },
      { name: 'DOMContentLoaded', ms: nav.domContentLoadedEventEnd },
    ];
    for (const r of performance.getEntriesByType('resource')) {
      const path = new URL(r.name).pathname;
      const what = path.startsWith('/assets/') ? path.replace(/-[\w-]{8}\.(js|css)$/, '.$1') : path.replace(/\/api\/rooms\/[^/]+/, '/api/rooms/:name');
      if (!/\.js$|\.css$|\/api\//.test(what)) continue;
      out.push({ name: `${what} fetched (${r.initiatorType})`, ms: r.responseEnd });
    }
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    if (fcp) out.push({ name: 'first contentful paint', ms: fcp.startTime });
    return out;
  });
  return [...entries, { name: 'prejoin interactive (Join enabled)', ms: interactiveAt }].map((e) => ({ name: e.name, ms: Math.round(e.ms) }));
}
