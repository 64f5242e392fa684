import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

const serverPort = Number(process.env.FOYER_PORT ?? 3000);

export default defineConfig({
  plugins: [
    react(),
    // A .br and a .gz beside each text file, at the highest levels (once per build); the control plane
    // serves whichever the browser accepts (app/server/http/web-app.ts).
    compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' }),
  ],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    // Maps would publish the source; FOYER_SOURCEMAPS=1 writes them for an error tracker, unreferenced
    // ('hidden'), and the server never serves them.
    sourcemap: process.env.FOYER_SOURCEMAPS === '1' ? 'hidden' : false,
    // The polyfill weighed 0.3 KB gzip on the entry (budget: 80 KB). Browsers without native modulepreload
    // (Safari < 17, Firefox < 115) still load everything, only without the call chunk's imports in parallel.
    modulePreload: { polyfill: false },
    // livekit-client alone is ~530 kB; it loads as its own chunk, in the background during the prejoin.
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: '127.0.0.1',
    // In development Vite serves the SPA and forwards the APIs to the control plane.
    proxy: {
      '/api': { target: `http://127.0.0.1:${serverPort}`, ws: true },
      '/v1': `http://127.0.0.1:${serverPort}`,
    },
  },
  test: {
    include: ['app/**/*.test.ts', 'app/**/*.test.tsx'],
    // Real processes and real LiveKit: `npm run test:integration` (vitest.integration.config.ts).
    exclude: ['app/**/*.integration.test.ts', 'node_modules/**'],
    environment: 'node',
  },
});
