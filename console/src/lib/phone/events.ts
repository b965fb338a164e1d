// The per-agent event stream (GET /api/calls/events, Server-Sent Events): screen pops, call changes and
// the agent's state. EventSource reconnects by itself after a dropped connection; when the browser gives
// up (the server answered an error), we open a new one after a growing pause.
import { eventsUrl, type AgentStateJson, type CallJson, type ScreenPopJson } from '$lib/api/calls';

export type StreamState = 'connecting' | 'open' | 'reconnecting';

export interface StreamHandlers {
	onringing(event: ScreenPopJson): void;
	oncall(call: CallJson): void;
	onstate(state: AgentStateJson): void;
	onwithdrawn(callId: string): void;
	onstream(state: StreamState): void;
}

const parse = (data: string): unknown => {
	try {
		return JSON.parse(data);
	} catch {
		return null;
	}
};

export function openCallEvents(handlers: StreamHandlers): () => void {
	let source: EventSource | null = null;
	let retry: ReturnType<typeof setTimeout> | undefined;
	let delay = 1000;
	let closed = false;

	const dispatch = (type: string, data: unknown) => {
		if (!data || typeof data !== 'object') return;
		const body = data as Record<string, unknown>;
		if (type === 'ringing' && body.call) handlers.onringing({ call: body.call as CallJson, customer: (body.customer as ScreenPopJson['customer']) ?? null, entity: String(body.entity ?? '') });
		else if (type === 'call' && body.call) handlers.oncall(body.call as CallJson);
		else if (type === 'state' && 'state' in body) handlers.onstate(body as unknown as AgentStateJson);
		else if (type === 'offerWithdrawn' && typeof body.callId === 'string') handlers.onwithdrawn(body.callId);
	};

	function connect() {
		if (closed) return;
		handlers.onstream(source ? 'reconnecting' : 'connecting');
		source = new EventSource(eventsUrl(), { withCredentials: true });
		source.onopen = () => {
			delay = 1000;
			handlers.onstream('open');
		};
		for (const type of ['ringing', 'call', 'state', 'offerWithdrawn']) source.addEventListener(type, (e) => dispatch(type, parse((e as MessageEvent).data)));
		// unnamed events carry their type inside
		source.onmessage = (e) => {
			const data = parse(e.data) as { type?: string } | null;
			if (data?.type) dispatch(data.type, data);
		};
		source.onerror = () => {
			if (closed || !source) return;
			if (source.readyState === EventSource.CONNECTING) return handlers.onstream('reconnecting');
			// CLOSED: the browser will not retry on its own
			source.close();
			handlers.onstream('reconnecting');
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
		source = null;
	};
}
