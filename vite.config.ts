import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const rootDir = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = 'http://127.0.0.1:8080';

export default defineConfig({
  root: `${rootDir}src/web`,
  // postcss.config.cjs lives at the repo root, not in the Vite root.
  css: { postcss: rootDir },
  plugins: [react()],
  build: {
    outDir: `${rootDir}dist/web`,
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
    },
  },
});
