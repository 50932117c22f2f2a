import { defineConfig, type Plugin } from 'vite';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

/**
 * Writes `name.js.gz` beside each built script and stylesheet; the server sends those to
 * browsers that accept gzip (a phone on a weak network downloads a third of the bytes).
 */
function precompress(): Plugin {
  return {
    name: 'scene-precompress',
    apply: (config) => !config.build?.ssr,
    closeBundle() {
      const dir = fileURLToPath(new URL('./dist/assets', import.meta.url));
      for (const f of readdirSync(dir)) {
        if (/\.(js|css)$/.test(f))
          writeFileSync(join(dir, `${f}.gz`), gzipSync(readFileSync(join(dir, f)), { level: 9 }));
      }
    },
  };
}

/**
 * Vant's icon font names a second source on a CDN after the inline one. The portal's CSP
 * (`font-src 'self' data:`) blocks it and the browser reports a violation, so it is dropped:
 * the inline woff2 is what every supported phone uses.
 */
function vantIconFontInline(): Plugin {
  return {
    name: 'scene-vant-icon-font-inline',
    transform(code, id) {
      if (!/vant\/es\/icon\/index\.css$/.test(id.split('?')[0]!)) return undefined;
      return {
        code: code.replace(/,\s*url\(\/\/at\.alicdn\.com[^)]*\)\s*format\("woff"\)/g, ''),
        map: null,
      };
    },
  };
}

// Served by the server at /c/:communityId/ with assets under /c/assets/. A second build
// (`vite build --ssr src/entry-server.ts`) writes the server's renderer of the first page to
// dist-server/, everything it needs bundled in, so the server loads it without the portal's
// dependencies.
export default defineConfig({
  base: '/c/',
  plugins: [vue(), precompress(), vantIconFontInline()],
  ssr: { noExternal: true },
  define: {
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2020',
    // The bench reads the entry chunk and its static imports from here.
    manifest: true,
    rolldownOptions: {
      output: {
        // What the first page needs and lazy chunks share (Vue, the preload helper, the action
        // runner, the renderer's common code) goes in one chunk, not five: on a slow phone
        // network each script is a round trip and only six requests run at once.
        codeSplitting: {
          groups: [
            {
              name: 'shell',
              test: /node_modules\/\.pnpm\/@vue\+|vite\/preload-helper|schema\/src\/manifest\/vocabulary|renderer\/src\/(use-action|announcer)/,
            },
          ],
        },
      },
    },
  },
});
