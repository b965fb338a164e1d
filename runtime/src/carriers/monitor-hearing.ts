import type { MonitorMode } from '@telesales/schemas';

/** A party on a call: the outside caller, an agent by id, or a supervisor by id. */
export type Hearer = 'caller' | `agent:${string}` | `supervisor:${string}`;

/**
 * Who hears whom on a call with supervisors on it, the one rule both carriers follow (the SIP bridge's routes in
 * telephony's MediaBridge are the same table): a listening supervisor hears the caller and the agents and nobody
 * hears them; a whispering one is heard by the agents only (the customer never); a barging one by everyone.
 */
export function whoHears(agents: string[], supervisors: Map<string, MonitorMode>): Record<Hearer, Hearer[]> {
  const parties: Hearer[] = ['caller', ...agents.map((a) => `agent:${a}` as const), ...[...supervisors.keys()].map((s) => `supervisor:${s}` as const)];
  const heardBy = (speaker: Hearer, listener: Hearer): boolean => {
    if (speaker === listener) return false;
    if (!speaker.startsWith('supervisor:')) return true;
    const mode = supervisors.get(speaker.slice('supervisor:'.length));
    if (mode === 'barge') return true;
    if (mode === 'whisper') return listener.startsWith('agent:');
    return false;
  };
  const out = {} as Record<Hearer, Hearer[]>;
  for (const listener of parties) out[listener] = parties.filter((speaker) => heardBy(speaker, listener));
  return out;
}
