import { useCallback, useEffect, useRef, useState } from 'react';
import type { FlowDefinition } from '@telesales/schemas';
import { ApiError } from '../../api/client';
import { simulateStep, type SimCommand, type SimEvent, type SimEventInput, type SimState } from '../../api/flows';
import { flowTimeZone, instantIn, wallTimeIn } from './zoned-time';

/** What the test panel shows: what the caller heard, what the flow asked for, what was pressed. */
export interface SimLine {
  kind: 'prompt' | 'command' | 'event';
  text: string;
  language?: string;
  /** a command is kept as the runtime sent it and put into words when shown, in the UI language of the moment */
  command?: SimCommand;
}

/** How long a played prompt "lasts" before the panel reports it finished (the skip button is quicker). */
export const PROMPT_MS = 1200;

function describe(c: SimCommand): SimLine {
  if (c.type === 'play') return { kind: 'prompt', text: c.prompt?.audio ? `♪ ${c.prompt.audio}` : c.prompt?.text ?? '', language: c.language };
  return { kind: 'command', text: c.type, command: c };
}

/**
 * One simulated call against the draft: the panel keeps the call's state and sends each event to the
 * runtime's interpreter. Simulated time starts at the clock the tester set (on the wall clock of the flow's
 * time zone, not the browser's) and runs on with real time.
 */
export function useSimulator(def: FlowDefinition) {
  const timeZone = flowTimeZone(def);
  const [clock, setClock] = useState(() => wallTimeIn(new Date(), timeZone));
  const [caller, setCaller] = useState('13800138000');
  const [state, setState] = useState<SimState | null>(null);
  const [lines, setLines] = useState<SimLine[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const startedAt = useRef<{ sim: number; real: number } | null>(null);
  const stateRef = useRef<SimState | null>(null);
  const defRef = useRef(def);
  defRef.current = def;
  const promptTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Events go out one at a time, in the order they happened (a key pressed while a step is out waits its turn).
  const queue = useRef(Promise.resolve());

  const now = () => {
    const s = startedAt.current;
    return new Date(s ? s.sim + (Date.now() - s.real) : instantIn(clock, timeZone).getTime()).toISOString();
  };

  const send = useCallback((event: SimEventInput, label?: string) => {
    clearTimeout(promptTimer.current);
    queue.current = queue.current.then(async () => {
      if (event.type !== 'start' && (!stateRef.current || stateRef.current.ended)) return;
      const full = { ...event, at: now() } as SimEvent;
      setBusy(true);
      setError(null);
      if (label) setLines((l) => [...l, { kind: 'event', text: label }]);
      try {
        const res = await simulateStep(defRef.current, event.type === 'start' ? null : stateRef.current, full);
        stateRef.current = res.state;
        setState(res.state);
        setLines((l) => [...l, ...res.commands.map(describe)]);
        // A prompt is "heard" for a moment, then finishes on its own (the tester may skip it).
        if (!res.state.ended && res.state.waiting?.for.includes('promptDone')) {
          promptTimer.current = setTimeout(() => send({ type: 'promptDone' }), PROMPT_MS);
        }
      } catch (e) {
        setError(e instanceof ApiError ? e.message : String(e));
      } finally {
        setBusy(false);
      }
    });
    // `now` reads refs and the clock; a stale clock only matters before the call starts, when start reads it afresh.
  }, [clock, timeZone]);

  const start = useCallback(() => {
    startedAt.current = { sim: instantIn(clock, timeZone).getTime(), real: Date.now() };
    stateRef.current = null;
    setState(null);
    setLines([]);
    const entry = defRef.current.nodes.find((n) => n.id === defRef.current.start);
    const callee = entry?.type === 'entry' ? (entry.config.numbers[0] ?? '') : '';
    send({ type: 'start', caller, callee }, `☎ ${caller} → ${callee || '—'}`);
  }, [clock, timeZone, caller, send]);

  const reset = useCallback(() => {
    clearTimeout(promptTimer.current);
    startedAt.current = null;
    stateRef.current = null;
    setState(null);
    setLines([]);
    setError(null);
  }, []);

  useEffect(() => () => clearTimeout(promptTimer.current), []);

  return { clock, setClock, timeZone, caller, setCaller, state, lines, busy, error, send, start, reset };
}

export type Simulator = ReturnType<typeof useSimulator>;
