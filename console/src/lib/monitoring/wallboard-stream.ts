// The wallboard's stream (GET /api/monitoring/wallboard/events): a whole wallboard in every `wallboard` frame. The
// browser's EventSource reconnects by itself; when it gives up (the server answered an error) we try again after a
// growing pause, and say so (the page keeps the last board it had).
import { wallboardEventsUrl, type WallboardJson } from '$lib/api/monitoring';

export type WallboardLink = 'connecting' | 'open' | 'reconnecting';

export function openWallboard(onboard: (board: WallboardJson) => void, onlink: (link: WallboardLink) => void): () => void {
	let source: EventSource | null = null;
	let retry: ReturnType<typeof setTimeout> | undefined;
	let delay = 1000;
	let closed = false;

	function connect() {
		if (closed) return;
		onlink(source ? 'reconnecting' : 'connecting');
		source = new EventSource(wallboardEventsUrl(), { withCredentials: true });
		source.onopen = () => {
			delay = 1000;
			onlink('open');
		};
		source.addEventListener('wallboard', (e) => {
			try {
				onboard(JSON.parse((e as MessageEvent).data) as WallboardJson);
			} catch {
				// a torn frame: the next one brings the whole board again
			}
		});
		source.onerror = () => {
			if (closed || !source) return;
			if (source.readyState === EventSource.CONNECTING) return onlink('reconnecting');
			source.close();
			onlink('reconnecting');
			clearTimeout(retry);
			retry = setTimeout(connect, delay);
			delay = Math.min(delay * 2, 30_000);
		};
	}

	connect();
	return () => {
		closed = true;
		clearTimeout(retry);
		source?.close();
	};
}

/** Seconds from an ISO time to now on this browser's clock, corrected by how far the server's clock is from it. */
export function secondsSince(iso: string | null | undefined, nowMs: number, skewMs: number): number {
	return iso ? Math.max(0, Math.floor((nowMs + skewMs - Date.parse(iso)) / 1000)) : 0;
}
