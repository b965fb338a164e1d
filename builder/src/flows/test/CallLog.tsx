import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useReferenceNames } from '../use-reference-names';
import { commandText } from './command-text';
import type { SimLine } from './use-simulator';

/** What the caller heard (prompts as text), what the flow asked the phone system to do, and what was pressed. */
export function CallLog({ lines }: { lines: readonly SimLine[] }) {
  const end = useRef<HTMLLIElement>(null);
  const { t } = useTranslation();
  const nameOf = useReferenceNames();
  const groupName = (key: string) => nameOf('group', key);
  // Braces: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup function.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [lines.length]);
  return (
    <ol className="call-log" data-testid="call-log">
      {lines.map((l, i) => (
        // a prompt is in the caller's language, which may not be the UI's: say so (lang) to the browser
        <li key={i} className={`call-${l.kind}`} data-kind={l.kind} lang={l.language}>
          {l.language && <span className="lang-tag">{l.language === 'zh' ? '中' : 'EN'}</span>}
          {l.command ? commandText(l.command, t, groupName) : l.text}
        </li>
      ))}
      <li ref={end} aria-hidden="true" />
    </ol>
  );
}
