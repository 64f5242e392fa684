// The JS budget of the page before Join: the entry script and its modulepreloads (what the prejoin needs
// before it can show) must stay within 80 KB gzip (issue 13); the call chunks the prejoin prefetches in
// the background (`loadCallModule` in app/web/flow/call-store.ts) are reported beside it.
// Sizes are gzip at zlib's default level, in KB of 1024 bytes to one decimal, as scripts/bench.mjs's
// prejoinJsGzipKb counts them. Reads a build; builds nothing.
// The embed script for host pages (embed.js, embed.mjs) is weighed too, for the report only: its soft
// goal (EMBED_GOAL_KB) is said met or not, and never fails anything.
// Alone: `node bench/size-budget.mjs [webDir]` prints the figures and exits 1 when over budget.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The most gzip KB the entry (script + modulepreloads) may weigh. */
export const ENTRY_BUDGET_KB = 80;

/** What the embed script should weigh at most (gzip KB): a goal to report, not a budget. */
export const EMBED_GOAL_KB = 8;
const EMBED_FILES = ['embed.js', 'embed.mjs'];

const CALL_STORE = 'app/web/flow/call-store.ts';

const kb = (bytes) => Math.round(bytes / 102.4) / 10;

/** The JS files index.html loads before anything renders: the entry and its modulepreloads. */
function entryFiles(webDir) {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
}

/** The modules `loadCallModule` loads (`import('../call/livekit-session.ts')` → `livekit-session`), read from its source. */
function callModuleNames(source) {
  const at = source.indexOf('loadCallModule =');
  if (at < 0) throw new Error(`size budget: no loadCallModule in ${CALL_STORE}`);
  const body = source.slice(at, source.indexOf(';', source.indexOf('Promise.all', at)));
  const names = [...body.matchAll(/import\(\s*['"][^'"]*\/([^/'"]+)\.tsx?['"]\s*\)/g)].map((m) => m[1]);
  // The call's English texts (app/web/i18n/en-call.ts) load with it.
  if (body.includes('loadCallTexts()')) names.push('en-call');
  if (names.length === 0) throw new Error(`size budget: loadCallModule in ${CALL_STORE} imports no module`);
  return names;
}

/** A chunk's static imports (`import{a}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`), as `assets/x.js`. */
function staticImports(webDir, file) {
  const code = readFileSync(join(webDir, file), 'utf8');
  return [...code.matchAll(/\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']\.\/([^"']+\.js)["']/g)].map((m) => `assets/${m[1]}`);
}

/** `roots` and every chunk they import statically. */
function closure(webDir, roots) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const dep of staticImports(webDir, file)) visit(dep);
  };
  roots.forEach(visit);
  return seen;
}

const gzipBytes = (webDir, files) => [...files].reduce((sum, f) => sum + gzipSync(readFileSync(join(webDir, f))).length, 0);
const brotliBytes = (webDir, files) => [...files].reduce((sum, f) => sum + (existsSync(join(webDir, `${f}.br`)) ? readFileSync(join(webDir, `${f}.br`)).length : NaN), 0);

/** embed.js and embed.mjs (gzip KB) when the build has them, with a note on the goal. */
function embedScriptSizes(webDir) {
  if (!EMBED_FILES.every((f) => existsSync(join(webDir, f)))) return { figures: {}, notes: [`size budget: no embed.js/embed.mjs in ${webDir} (built by vite.embed.config.ts)`] };
  const sizes = EMBED_FILES.map((f) => kb(gzipBytes(webDir, [f])));
  const met = sizes.every((size) => size <= EMBED_GOAL_KB);
  return {
    figures: Object.fromEntries(EMBED_FILES.map((f, i) => [`${f}, the embed script (KB gzip)`, [sizes[i]]])),
    notes: [`size budget: embed script ${EMBED_FILES.map((f, i) => `${f} ${sizes[i]} KB`).join(', ')} gzip — goal ${EMBED_GOAL_KB} KB: ${met ? 'met' : 'not met'} (reported, never failing)`],
  };
}

/**
 * Weighs a build: the prejoin entry JS, the prefetched call chunks and the embed script (gzip KB). `withinBudget` is false
 * when the entry is over `ENTRY_BUDGET_KB`: the bench fails then (exit code 1), the tests do not.
 * @param {{ webDir?: string }} [options] the build to weigh (default FOYER_WEB_DIR, else dist/web)
 * @returns {Promise<{ figures: Record<string, number[]>, notes: string[], withinBudget: boolean }>}
 */
export async function measureSizeBudget({ webDir = process.env.FOYER_WEB_DIR || 'dist/web' } = {}) {
  const entry = closure(webDir, entryFiles(webDir));
  const assets = readdirSync(join(webDir, 'assets')).filter((f) => f.endsWith('.js'));
  // A module without a chunk of its own was put into another one (a call chunk, or the entry).
  const roots = callModuleNames(readFileSync(CALL_STORE, 'utf8'))
    .map((name) => assets.find((f) => f.startsWith(`${name}-`)))
    .filter((chunk) => chunk !== undefined)
    .map((chunk) => `assets/${chunk}`);
  if (roots.length === 0) throw new Error(`size budget: no chunk of loadCallModule's modules in ${webDir}/assets`);
  // What the call adds: its chunks and what they import, less what the entry already brought.
  const call = [...closure(webDir, roots)].filter((f) => !entry.has(f));
  const entryKb = kb(gzipBytes(webDir, entry));
  const callKb = kb(gzipBytes(webDir, call));
  const withinBudget = entryKb <= ENTRY_BUDGET_KB;
  const names = (files) => [...files].map((f) => f.replace(/^assets\//, '')).join(', ');
  const notes = [
    `size budget: prejoin entry JS ${entryKb} KB gzip (${names(entry)}) — budget ${ENTRY_BUDGET_KB} KB: ${withinBudget ? 'met' : 'OVER'}`,
    `size budget: call chunks prefetched during the prejoin ${callKb} KB gzip (${names(call)})`,
  ];
  const br = kb(brotliBytes(webDir, entry));
  if (!Number.isNaN(br)) notes.push(`size budget: on the wire (precompressed brotli) entry ${br} KB, call chunks ${kb(brotliBytes(webDir, call))} KB`);
  const embed = embedScriptSizes(webDir);
  return {
    figures: { 'prejoin entry JS (KB gzip)': [entryKb], 'prefetched call chunks JS (KB gzip)': [callKb], ...embed.figures },
    notes: [...notes, ...embed.notes],
    withinBudget,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { figures, notes, withinBudget } = await measureSizeBudget(process.argv[2] ? { webDir: process.argv[2] } : {});
  for (const [name, [value]] of Object.entries(figures)) console.log(`${name}: ${value}`);
  for (const note of notes) console.log(note);
  process.exit(withinBudget ? 0 : 1);
}
