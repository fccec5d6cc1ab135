import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import postcssPresetMantine from 'postcss-preset-mantine';

const rootDir = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = 'http://127.0.0.1:8080';

export default defineConfig({
  root: `${rootDir}src/web`,
  // Inline rather than postcss.config.cjs: a .cjs file at the root is outside the typed lint project.
  css: { postcss: { plugins: [postcssPresetMantine()] } },
  plugins: [react()],
  build: {
    outDir: `${rootDir}dist/web`,
    emptyOutDir: true,
    // ECharts alone is ~500 kB; it loads lazily with the best-times heatmap.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code, so they get their own cacheable chunks.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/,
              priority: 30,
            },
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/, priority: 20 },
            { name: 'icons', test: /node_modules[\\/]@tabler[\\/]/, priority: 20 },
            // Charts and the calendar load only with the pages that show them.
            {
              name: 'vendor',
              test: /node_modules[\\/](?!echarts|zrender|@fullcalendar|@full-ui|temporal-polyfill)/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
    },
  },
});
