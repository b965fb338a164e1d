// A static SPA: everything renders in the browser, the runtime serves index.html for every path.
import { setupI18n } from '$lib/i18n';

export const ssr = false;
export const prerender = false;

// messages are bundled, so the language is ready before the first component renders
setupI18n();
