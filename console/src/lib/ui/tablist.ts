// Keyboard for a tab strip (the usual tablist pattern): Arrow Right / Left select the next / previous tab,
// wrapping around, and move focus to its button (found by its data-tab attribute inside `bar`).
export function onTablistKeydown<T extends string>(event: KeyboardEvent, tabs: readonly T[], current: string, select: (tab: T) => void, bar: HTMLElement | undefined): void {
	if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
	const index = tabs.findIndex((t) => t === current);
	const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
	if (next === undefined) return;
	event.preventDefault();
	select(next);
	queueMicrotask(() => bar?.querySelector<HTMLElement>(`[data-tab="${next}"]`)?.focus());
}
