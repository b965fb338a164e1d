// A list that reloads as its query changes (view, search, page): only the answer to the latest request
// counts, so a slow earlier answer never overwrites a newer one. `value` keeps the last answer while the
// next one loads (`loading`), so the list can dim instead of blanking.
export class LatestLoad<T> {
	value = $state<T | null>(null);
	error = $state<string | null>(null);
	loading = $state(false);
	#seq = 0;

	async load(fetch: () => Promise<T>): Promise<void> {
		const mine = ++this.#seq;
		this.loading = true;
		this.error = null;
		try {
			const answer = await fetch();
			if (mine === this.#seq) this.value = answer;
		} catch (e) {
			if (mine === this.#seq) this.error = (e as Error).message;
		} finally {
			if (mine === this.#seq) this.loading = false;
		}
	}
}
