import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Served by the server at /studio/.
export default defineConfig({
  base: '/studio/',
  plugins: [vue()],
  define: {
    // vue-i18n: composition API only, no devtools hooks in the bundle.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 4096 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/c': 'http://127.0.0.1:8080' } },
});
