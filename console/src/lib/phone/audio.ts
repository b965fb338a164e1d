// Microphone choice and a level meter. Device labels are only readable after the page was allowed to use
// a microphone once, so listing asks for a short-lived stream first; a refusal is reported, not thrown.
export interface Microphone {
	id: string;
	label: string;
}

export type MicProbe = { state: 'ok'; devices: Microphone[] } | { state: 'blocked' | 'missing' | 'unsupported'; devices: Microphone[]; detail?: string };

export async function listMicrophones(): Promise<MicProbe> {
	if (!navigator.mediaDevices?.getUserMedia) return { state: 'unsupported', devices: [] };
	let probe: MediaStream | null = null;
	try {
		probe = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
	} catch (e) {
		const name = (e as { name?: string }).name ?? '';
		const devices = await inputs().catch(() => []);
		return { state: name === 'NotFoundError' || name === 'OverconstrainedError' ? 'missing' : 'blocked', devices, detail: (e as Error).message };
	} finally {
		probe?.getTracks().forEach((t) => t.stop());
	}
	return { state: 'ok', devices: await inputs() };
}

async function inputs(): Promise<Microphone[]> {
	const all = await navigator.mediaDevices.enumerateDevices();
	return all.filter((d) => d.kind === 'audioinput').map((d, i) => ({ id: d.deviceId, label: d.label || `#${i + 1}` }));
}

/** Opens the chosen microphone for the meter (outside a call). */
export function openMicrophone(deviceId: string): Promise<MediaStream> {
	return navigator.mediaDevices.getUserMedia({ audio: deviceId ? { deviceId: { exact: deviceId } } : true, video: false });
}

/** Calls `onlevel` (0..1, RMS) about 15 times a second until the returned stop function runs. */
export function meterLevel(stream: MediaStream, onlevel: (level: number) => void): () => void {
	const context = new AudioContext();
	// a context made outside a click may start suspended (autoplay policy)
	void context.resume().catch(() => undefined);
	const analyser = context.createAnalyser();
	analyser.fftSize = 512;
	const source = context.createMediaStreamSource(stream);
	source.connect(analyser);
	const samples = new Float32Array(analyser.fftSize);
	const timer = setInterval(() => {
		analyser.getFloatTimeDomainData(samples);
		let sum = 0;
		for (const s of samples) sum += s * s;
		onlevel(Math.min(1, Math.sqrt(sum / samples.length) * 4));
	}, 66);
	return () => {
		clearInterval(timer);
		source.disconnect();
		void context.close().catch(() => undefined);
	};
}
