import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// Served by the gateway (Quarkus Quinoa builds it into dist/). In development, `npm run dev` proxies
// the API and the live socket to a gateway on :8080 that holds the session.
export default defineConfig({
  plugins: [vue()],
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', ws: true },
      '/logout': 'http://127.0.0.1:8080',
    },
  },
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 600 },
  test: { environment: 'jsdom', include: ['src/**/*.test.ts'] },
});
