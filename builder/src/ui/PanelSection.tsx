import type { ReactNode } from 'react';

/** A collapsible group in the side panel (<details> keeps it keyboard-accessible for free). */
export function PanelSection({ title, collapsed, children }: { title: string; collapsed?: boolean; children: ReactNode }) {
  return (
    <details className="panel-section" open={!collapsed}>
      <summary>{title}</summary>
      <div className="panel-section-body">{children}</div>
    </details>
  );
}
