import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Served by the server at /c/:communityId/ with assets under /c/assets/.
export default defineConfig({
  base: '/c/',
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2020' },
});
