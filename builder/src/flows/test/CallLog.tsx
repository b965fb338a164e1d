import { useEffect, useRef } from 'react';
import type { SimLine } from './use-simulator';

/** What the caller heard (prompts as text), what the flow asked the phone system to do, and what was pressed. */
export function CallLog({ lines }: { lines: readonly SimLine[] }) {
  const end = useRef<HTMLLIElement>(null);
  // Braces: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup function.
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [lines.length]);
  return (
    <ol className="call-log" data-testid="call-log">
      {lines.map((l, i) => (
        <li key={i} className={`call-${l.kind}`} data-kind={l.kind}>
          {l.language && <span className="lang-tag">{l.language === 'zh' ? '中' : 'EN'}</span>}
          {l.text}
        </li>
      ))}
      <li ref={end} aria-hidden="true" />
    </ol>
  );
}
