import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API serves the built app on its own port; in development Vite forwards the API, the realtime socket and the sandbox carrier to it. */
const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/socket.io': { target: apiTarget, ws: true },
      '/sandbox': { target: apiTarget, changeOrigin: true },
    },
  },
});
