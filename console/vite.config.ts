import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// The dev server proxies the API to a runtime started on CONSOLE_API (default 3320), so `npm run dev`
// talks to the same backend the built console talks to in production.
const api = process.env.CONSOLE_API ?? 'http://127.0.0.1:3320';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3321, strictPort: true, proxy: { '/api': { target: api, changeOrigin: false } } },
	build: { chunkSizeWarningLimit: 900 },
	// SvelteKit's build-time server bundle imports `cookie`; left external it would resolve from the repo
	// root, where the runtime's Fastify hoisted cookie 2 (Kit needs its own 0.6), so bundle it instead.
	ssr: { noExternal: ['cookie'] }
});
