import { useCallback, useEffect, useRef, useState } from 'react';
import type { DefinitionKind } from '../api/definitions';
import { ApiError } from '../api/client';
import { discardDraft, getDefinition, saveDraft, type DefinitionOf, type DefinitionHeadJson } from '../api/definitions';

export type SaveState = 'clean' | 'dirty' | 'saving' | 'saved' | 'error';

const AUTOSAVE_MS = 800;

export interface DefinitionDraft<K extends DefinitionKind> {
  record: DefinitionHeadJson<K> | null;
  def: DefinitionOf[K] | null;
  /** The published definition, to tell which fields and options may only be retired. */
  published: DefinitionOf[K] | null;
  loadError: ApiError | null;
  saveState: SaveState;
  saveError: ApiError | null;
  update(change: (def: DefinitionOf[K]) => DefinitionOf[K]): void;
  saveNow(): Promise<boolean>;
  discard(): Promise<void>;
  reload(): Promise<void>;
}

/**
 * A kind's editor (`useDefinitionDraft('pool', key)`) edits a local copy (the draft, or the published version when there
 * is none) and saves it as the draft shortly after each change. A revision counter tells whether edits
 * arrived during a save.
 */
export function useDefinitionDraft<K extends DefinitionKind>(kind: K, key: string): DefinitionDraft<K> {
  type Def = DefinitionOf[K];
  const [record, setRecord] = useState<DefinitionHeadJson<K> | null>(null);
  const [def, setDef] = useState<Def | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('clean');
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const defRef = useRef<Def | null>(null);
  const revision = useRef(0);
  const savedRevision = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<boolean> | null>(null);

  const reload = useCallback(async () => {
    clearTimeout(timer.current);
    setLoadError(null);
    try {
      const r = await getDefinition(kind, key);
      const working = structuredClone(r.draft ?? r.published) as Def | null;
      setRecord(r);
      defRef.current = working;
      setDef(working);
      revision.current = savedRevision.current = 0;
      setSaveState(r.draft ? 'saved' : 'clean');
    } catch (e) {
      setLoadError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)));
    }
  }, [kind, key]);

  useEffect(() => {
    setRecord(null);
    setDef(null);
    void reload();
  }, [reload]);

  const saveNow = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    // One request at a time, so an older body can never land after a newer one.
    while (inFlight.current) await inFlight.current;
    const current = defRef.current;
    if (!current || revision.current === savedRevision.current) return true;
    const rev = revision.current;
    setSaveState('saving');
    const run = (async () => {
      try {
        await saveDraft(current);
        savedRevision.current = rev;
        setSaveError(null);
        setRecord((r) => (r ? { ...r, draft: current } : r));
        setSaveState(revision.current === rev ? 'saved' : 'dirty');
        return true;
      } catch (e) {
        setSaveError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)));
        setSaveState('error');
        return false;
      }
    })();
    inFlight.current = run;
    const ok = await run;
    if (inFlight.current === run) inFlight.current = null;
    // Edits made while the request was out are saved in a further round.
    if (ok && revision.current !== rev) schedule();
    return ok;
  }, []);

  // Through a ref because saveNow and schedule call each other.
  const saveRef = useRef(saveNow);
  saveRef.current = saveNow;
  function schedule() {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveRef.current(), AUTOSAVE_MS);
  }

  const update = useCallback(
    (change: (d: Def) => Def) => {
      if (!defRef.current) return;
      defRef.current = change(defRef.current);
      revision.current += 1;
      setDef(defRef.current);
      setSaveState('dirty');
      schedule();
    },
    // schedule only touches refs, so the first render's copy stays valid.
    [],
  );

  const discard = useCallback(async () => {
    clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    await discardDraft(kind, key);
    revision.current = savedRevision.current = 0;
    // A never-published definition is gone with its draft; the caller leaves the page instead.
    if (record?.version) await reload();
  }, [kind, key, reload, record?.version]);

  // Leaving the designer (or the page) must not lose the last keystrokes.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (revision.current !== savedRevision.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      void saveNow();
    };
  }, [saveNow]);

  return {
    record,
    def,
    published: record?.published ?? null,
    loadError,
    saveState,
    saveError,
    update,
    saveNow,
    discard,
    reload,
  };
}
