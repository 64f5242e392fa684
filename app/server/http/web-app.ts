/**
 * The built SPA: hashed files under `/assets/`, the HTML shell for `/` and every room link.
 *
 * `vite build` writes a `.br` and a `.gz` beside each text file; the browser gets the one its
 * `Accept-Encoding` allows (the file as is otherwise), with `Vary: Accept-Encoding`. Source maps,
 * if a build made them (`FOYER_SOURCEMAPS=1`), and the compressed siblings are never URLs of their own.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Hashed file names change with their content, so a browser may keep them as long as it likes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The shell (and unhashed files) name the current build: revalidate every time. */
const REVALIDATE = 'no-cache';

/** Serves the SPA built into `webDir`, if there is one (`index.html`); otherwise adds nothing. */
export async function webAppRoutes(app: FastifyInstance, webDir: string): Promise<void> {
  if (!existsSync(join(webDir, 'index.html'))) return;
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
  app.get('/:room', shell);
}
