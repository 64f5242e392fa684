/**
 * The built SPA: hashed files under `/assets/`, the HTML shell for `/`, `/dashboard` and every room link.
 *
 * `vite build` writes a `.br` and a `.gz` beside each text file; the browser gets the one its
 * `Accept-Encoding` allows (the file as is otherwise), with `Vary: Accept-Encoding`. Source maps,
 * if a build made them (`FOYER_SOURCEMAPS=1`), and the compressed siblings are never URLs of their own.
 *
 * The embed script (`/embed.js`, `/embed.mjs`, `/embed.d.ts`, built by vite.embed.config.ts) is for
 * other sites' pages: those three may be loaded from any origin. `/embed-demo` is a page using it.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Hashed file names change with their content, so a browser may keep them as long as it likes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The shell (and unhashed files) name the current build: revalidate every time. */
const REVALIDATE = 'no-cache';

/** The embed script's files, for host pages on any site. */
const EMBED_FILES = new Set(['/embed.js', '/embed.mjs', '/embed.d.ts']);

/**
 * Another origin may use the embed files: importing a module across origins needs CORS, and helmet's
 * `Cross-Origin-Resource-Policy: same-origin` would keep another site's classic `<script>` from loading
 * it at all. Set on sending, after helmet's headers and after the static plugin's Content-Type (a `.ts`
 * is `video/mp2t` to it).
 */
function embedFileHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.routeOptions.url;
    if (url === undefined || !EMBED_FILES.has(url)) return payload;
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    if (url.endsWith('.d.ts') && reply.statusCode === 200) reply.header('Content-Type', 'text/plain; charset=utf-8');
    return payload;
  });
}

/** Serves the SPA built into `webDir`, if there is one (`index.html`); otherwise adds nothing. */
export async function webAppRoutes(app: FastifyInstance, webDir: string): Promise<void> {
  if (!existsSync(join(webDir, 'index.html'))) return;
  embedFileHeaders(app);
  const assets = join(webDir, 'assets') + sep;
  await app.register(fastifyStatic, {
    root: webDir,
    // Routes for the files present at start (a build replaces the process anyway), nothing else.
    wildcard: false,
    index: false,
    preCompressed: true,
    globIgnore: ['**/*.map', '**/*.br', '**/*.gz'],
    setHeaders(reply, path) {
      reply.header('Cache-Control', path.startsWith(assets) && !relative(assets, path).includes(sep) ? IMMUTABLE : REVALIDATE);
    },
  });
  const shell = (_request: unknown, reply: FastifyReply) => reply.sendFile('index.html');
  app.get('/', shell);
  // Before `/:room`, which it shadows: a room named embed-demo is not reachable by its link while a build has the demo.
  if (existsSync(join(webDir, 'embed-demo.html'))) app.get('/embed-demo', (_request, reply) => reply.sendFile('embed-demo.html'));
  // The team dashboard is a page of the SPA, not a room (`dashboard` is a reserved room name).
  app.get('/dashboard', shell);
  app.get('/:room', shell);
}
