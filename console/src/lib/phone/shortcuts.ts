// The phone's keyboard shortcuts, listed once: the key handler and the help panel (`?`) both read SHORTCUTS.
// Alt + a letter, matched by the physical key (event.code) so they work in any keyboard layout and on macOS,
// where Option+letter types a character instead. They work while typing a note too (a ringing call should not
// wait for the agent to leave the field); Ctrl/Cmd combinations are left to the browser. Alt+D (address bar),
// Alt+E and Alt+F (browser menu) are avoided.
import type { CallJson } from '$lib/api/calls';
import { answer, chooseState, hangup, toggleHold, toggleMute } from './controls';
import { phone } from './state.svelte';
import { currentCall, roleOn, statusOn } from './view';

export type ShortcutAction = 'answer' | 'hangup' | 'hold' | 'mute' | 'ready';

export const SHORTCUTS: readonly { action: ShortcutAction; code: string; keys: string }[] = [
	{ action: 'answer', code: 'KeyA', keys: 'Alt+A' },
	{ action: 'hangup', code: 'KeyH', keys: 'Alt+H' },
	{ action: 'hold', code: 'KeyO', keys: 'Alt+O' },
	{ action: 'mute', code: 'KeyM', keys: 'Alt+M' },
	{ action: 'ready', code: 'KeyR', keys: 'Alt+R' }
];

/** The key that opens the help panel (outside text fields, where it is a question mark). */
export const HELP_KEY = '?';

export function shortcutOf(event: KeyboardEvent): ShortcutAction | null {
	if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
	return SHORTCUTS.find((s) => s.code === event.code)?.action ?? null;
}

/** Typing in a field: `?` is a character there, not a request for help. */
export function isTyping(target: EventTarget | null): boolean {
	const el = target as HTMLElement | null;
	if (!el || !el.tagName) return false;
	return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

const ringingForMe = (call: CallJson) => statusOn(call) === 'ringing' && (call.direction === 'in' || roleOn(call) === 'consult' || !!call.task);
const talkingOwn = (call: CallJson) => statusOn(call) === 'talking' && roleOn(call) === 'agent' && !call.consult;

/**
 * Carries out a shortcut the way the matching button would, and only when that button is offered (the call
 * panel shows Answer while a call rings for this agent, Hold and Mute on their own call in conversation).
 * Returns false when there was nothing to do, so the key goes on to the browser.
 */
export function runShortcut(action: ShortcutAction): boolean {
	const call = currentCall();
	if (phone.pending) return !!call || action === 'ready';
	switch (action) {
		case 'answer':
			if (!call || !ringingForMe(call)) return false;
			void answer(call);
			return true;
		case 'hangup':
			if (!call) return false;
			void hangup(call);
			return true;
		case 'hold':
			if (!call || !talkingOwn(call)) return false;
			void toggleHold(call);
			return true;
		case 'mute':
			if (!call || !talkingOwn(call)) return false;
			void toggleMute(call);
			return true;
		case 'ready':
			return toggleReady();
	}
}

/** Ready <-> not ready (the first break state): on a call the state follows the call, so nothing changes. */
function toggleReady(): boolean {
	if (phone.status !== 'on' || phone.agent?.kind === 'busy') return false;
	const next = phone.agent?.kind === 'ready' ? phone.states.find((s) => s.kind === 'break') : phone.states.find((s) => s.kind === 'ready');
	if (!next) return false;
	void chooseState(next.key);
	return true;
}
