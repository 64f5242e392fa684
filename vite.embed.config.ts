/**
 * `/embed.js` (classic script, global `Foyer`), `/embed.mjs` (module) and `/embed.d.ts`, from
 * app/embed/, written beside the SPA's build: run after `vite build` (which empties the directory),
 * with the same `--outDir`. Small (no dependencies) and old-browser friendly, as host pages vary.
 */
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { embedDeclarations } from './app/embed/build/declarations.ts';

/** Emits embed.d.ts from api.ts (at the start, so the compression below sees it). */
function declarations(): Plugin {
  return {
    name: 'foyer-embed-declarations',
    buildStart() {
      this.addWatchFile('app/embed/api.ts');
      this.emitFile({ type: 'asset', fileName: 'embed.d.ts', source: embedDeclarations(readFileSync('app/embed/api.ts', 'utf8')) });
    },
  };
}

export default defineConfig({
  publicDir: false,
  plugins: [declarations(), compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|mjs|ts)$/, logLevel: 'silent' })],
  build: {
    outDir: 'dist/web',
    emptyOutDir: false,
    target: 'es2019',
    sourcemap: false,
    lib: {
      entry: 'app/embed/index.ts',
      name: 'Foyer',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'embed.mjs' : 'embed.js'),
    },
    // Whitespace too: Vite's library default keeps the ES build readable. The global of the classic
    // script is the module's namespace: Foyer.createFrame, Foyer.wrap (and Foyer.default, the same).
    rolldownOptions: {
      output: { minify: true, exports: 'named' },
      // Class fields (ES2022) lowered as plain assignments: no defineProperty helpers (there are no setters to bypass).
      transform: { assumptions: { setPublicClassFields: true } },
    },
  },
});
