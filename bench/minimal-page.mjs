// The livekit-client minimal page (bench/minimal), bundled with vite from node_modules at bench time and
// served on loopback next to Foyer, so both load the same livekit-client the same way.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';

const OUT = resolve('data/bench-minimal');
const PORT = 3201;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Builds the page and serves it; resolves to its address and a way to stop serving. */
export async function serveMinimalPage() {
  await build({
    root: resolve('bench/minimal'),
    configFile: false,
    logLevel: 'error',
    // livekit-client alone is one large chunk, as it is in any page that uses it.
    build: { outDir: OUT, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  });
  const server = createServer(async (req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    try {
      const body = await readFile(join(OUT, path));
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(PORT, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${PORT}/`, close: () => new Promise((ok) => server.close(ok)) };
}
