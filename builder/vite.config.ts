import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The runtime serves this build at /builder/; in `npm run dev -w @telesales/builder` the API is proxied to a
// runtime started on port 3310 so cookies stay same-origin.
export default defineConfig({
  base: '/builder/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // React + Ajv + libphonenumber (the last two through @telesales/schemas, for live validation) make one
    // ~560 kB bundle (170 kB gzipped): fine for an admin tool that is loaded once and cached.
    chunkSizeWarningLimit: 700,
  },
  server: { port: 3311, proxy: { '/api': 'http://127.0.0.1:3310' } },
});
