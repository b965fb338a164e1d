import type { AgentStatesDefinition, DispositionsDefinition, LocalText } from '@telesales/schemas';
import { uuid } from '../lib/uuid';

/** What a new call definition of either kind starts with: its kind, a fresh id, and the key and name the admin gave. */
function header<D extends DispositionsDefinition | AgentStatesDefinition>(kind: D['kind'], key: string, label: LocalText) {
  return { kind, schemaVersion: 1 as const, id: uuid(), key, label: label as D['label'] };
}

/** A new outcome list starts with the outcome every call can have, so it is valid (at least one) from the start. */
export function newDispositions(key: string, label: LocalText): DispositionsDefinition {
  return {
    ...header<DispositionsDefinition>('dispositions', key, label),
    outcomes: [{ key: 'no_answer', label: { zh: '无人接听', en: 'No answer' } }],
  };
}

/** The states the phone cannot work without (ready, busy, after-call work) plus a break; admins rename and add. */
export function newAgentStates(key: string, label: LocalText): AgentStatesDefinition {
  return {
    ...header<AgentStatesDefinition>('agent-states', key, label),
    states: [
      { key: 'ready', label: { zh: '就绪', en: 'Ready' }, kind: 'ready' },
      { key: 'busy', label: { zh: '通话中', en: 'On a call' }, kind: 'busy' },
      { key: 'wrapup', label: { zh: '话后处理', en: 'After-call work' }, kind: 'wrapup', maxSec: 60 },
      { key: 'break', label: { zh: '小休', en: 'Break' }, kind: 'break' },
    ],
  };
}
