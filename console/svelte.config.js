import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// A static SPA: the runtime serves dist/ at /console/ and falls back to index.html for every route.
		adapter: adapter({ pages: 'dist', assets: 'dist', fallback: 'index.html', strict: false }),
		paths: { base: '/console' },
		alias: {}
	}
};
