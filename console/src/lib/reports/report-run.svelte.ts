// One report's run for the page or a dashboard tile: the latest answer for the latest parameters (an older answer
// arriving late never overwrites a newer one), with its loading and error states.
import { untrack } from 'svelte';
import { runReport, type ReportParams, type ReportResultJson } from '$lib/api/reports';

export class ReportRun {
	result = $state<ReportResultJson | null>(null);
	error = $state<string | null>(null);
	loading = $state(false);
	private asked = 0;

	constructor(private readonly key: () => string) {}

	/** Runs with these parameters; called from an effect, it makes the effect depend on nothing it reads itself. */
	async load(params: ReportParams): Promise<void> {
		const ticket = ++this.asked;
		const key = untrack(this.key);
		this.loading = true;
		this.error = null;
		try {
			const next = await runReport(key, params);
			if (ticket === this.asked) this.result = next;
		} catch (e) {
			if (ticket === this.asked) this.error = (e as Error).message;
		} finally {
			if (ticket === this.asked) this.loading = false;
		}
	}
}
