// A flow trace step in the UI language: node types, events and the interpreter's fixed ports and notes have
// texts of their own; a port named in the definition (a menu key, a condition's case) stays as written.
import type { CallTraceStepJson } from '$lib/api/calls';

type Format = (id: string, options?: { values?: Record<string, string | number>; default?: string }) => string;

/** A piece of the trace: words in the UI language, or an identifier to show as code. */
export type TracePiece = { text: string } | { code: string };

const known = (t: Format, id: string): string | null => {
	const text = t(id, { default: '' });
	return text && text !== id ? text : null;
};

function piece(t: Format, group: string, value: string | undefined): TracePiece | null {
	if (value === undefined) return null;
	const text = known(t, `trace.${group}.${value}`);
	return text ? { text } : { code: value };
}

/** The note: an end reason, "agent <id>", "language <code>", "retry <n>", "returned from <flow>" or a port name. */
function note(t: Format, value: string | undefined, userName: (id: string) => string): TracePiece | null {
	if (value === undefined) return null;
	let m: RegExpMatchArray | null;
	if ((m = value.match(/^agent (\S+)$/))) return { text: t('trace.note.agent', { values: { name: userName(m[1]!) } }) };
	if ((m = value.match(/^language (zh|en)$/))) return { text: t('trace.note.language', { values: { language: t(`trace.language.${m[1]}`) } }) };
	if ((m = value.match(/^retry (\d+)$/))) return { text: t('trace.note.retry', { values: { n: m[1]! } }) };
	if ((m = value.match(/^returned from (\S+)$/))) return { text: t('trace.note.returned', { values: { flow: m[1]! } }) };
	const text = known(t, `trace.note.${value}`);
	// anything else is the interpreter's diagnostic (an expression error…): shown as written, as code
	return text ? { text } : { code: value };
}

export function traceStepText(t: Format, step: CallTraceStepJson, userName: (id: string) => string) {
	return {
		type: piece(t, 'type', step.type),
		event: piece(t, 'event', step.event),
		port: piece(t, 'port', step.port),
		note: note(t, step.note, userName),
	};
}
