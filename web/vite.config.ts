import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The dev server forwards the API to a running medsupply server (npm start), so `npm run dev:web`
// works against real data; MEDSUPPLY_API points it elsewhere.
const apiTarget = process.env.MEDSUPPLY_API ?? 'http://localhost:8080';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: {
        // Libraries in chunks of their own: they change less often than the app (its labels
        // above all), so a new release leaves them in the browser's cache.
        manualChunks: {
          react: ['react', 'react-dom', 'react-router'],
          'nl-design-system': [
            '@utrecht/component-library-react',
            '@nl-design-system-candidate/button-react',
            '@nl-design-system-candidate/heading-react',
            '@nl-design-system-candidate/link-react',
            '@nl-design-system-candidate/paragraph-react',
            '@nl-design-system-candidate/skip-link-react',
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/v1': { target: apiTarget, changeOrigin: true } },
  },
  preview: {
    proxy: { '/v1': { target: apiTarget, changeOrigin: true } },
  },
});
