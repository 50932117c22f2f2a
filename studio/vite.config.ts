import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Served by the server at /studio/.
export default defineConfig({
  base: '/studio/',
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 4096 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/c': 'http://127.0.0.1:8080' } },
});
