import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { audioPromptUrl, listAudioPrompts, onAudioPromptsChanged, uploadAudioPrompt } from '../../api/audio-prompts';
import { ApiError } from '../../api/client';
import { useAsync } from '../../hooks/use-async';

interface Props {
  id?: string;
  value: string | undefined;
  onChange(id: string | undefined): void;
  ariaLabel: string;
  invalid?: boolean;
  testId: string;
}

/**
 * Picks an uploaded audio prompt by name (the definition stores its id), uploads a new one in place and plays
 * the chosen one. An id the list does not hold stays shown as it is: the publish check names it.
 */
export function AudioPicker({ id, value, onChange, ariaLabel, invalid, testId }: Props) {
  const { t } = useTranslation();
  const prompts = useAsync(() => listAudioPrompts(), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const player = useRef<HTMLAudioElement | null>(null);
  useEffect(() => onAudioPromptsChanged(prompts.reload), [prompts.reload]);
  useEffect(() => () => player.current?.pause(), []);

  const options = (prompts.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.durationSec.toFixed(1)} s)` }));
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: value });

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      onChange((await uploadAudioPrompt(file)).id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const toggle = () => {
    if (playing) { player.current?.pause(); setPlaying(false); return; }
    if (!value) return;
    const audio = new Audio(audioPromptUrl(value));
    player.current?.pause();
    player.current = audio;
    audio.onended = () => setPlaying(false);
    audio.onerror = () => { setPlaying(false); setError(t('flows.form.audioPlayFailed')); };
    setPlaying(true);
    void audio.play().catch(() => setPlaying(false));
  };

  return (
    <div className="audio-picker" data-testid={testId}>
      <select id={id} value={value ?? ''} aria-label={ariaLabel} aria-invalid={invalid} onChange={(e) => onChange(e.target.value || undefined)} data-testid={`${testId}-select`}>
        <option value="">{t('flows.form.audioNone')}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <button type="button" className="small" disabled={!value} onClick={toggle} data-testid={`${testId}-play`}>
        {playing ? t('flows.form.audioStop') : t('flows.form.audioPlay')}
      </button>
      <button type="button" className="small" disabled={busy} onClick={() => fileInput.current?.click()} data-testid={`${testId}-upload`}>
        {busy ? t('flows.form.audioUploading') : t('flows.form.audioUpload')}
      </button>
      <input ref={fileInput} type="file" accept="audio/*" hidden onChange={(e) => void upload(e.target.files?.[0])} data-testid={`${testId}-file`} />
      {(error || !!prompts.error) && <div className="hint error" role="alert">{error ?? t('flows.form.audioListFailed')}</div>}
    </div>
  );
}
