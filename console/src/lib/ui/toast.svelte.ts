// One short message that outlives a navigation ("Released to the pool" shown on the list the card
// went back to). The shell draws it; it fades after a few seconds.
export const toast = $state<{ text: string | null; seq: number }>({ text: null, seq: 0 });

let timer: ReturnType<typeof setTimeout> | undefined;

export function showToast(text: string): void {
	toast.text = text;
	toast.seq += 1;
	clearTimeout(timer);
	timer = setTimeout(() => (toast.text = null), 5000);
}
