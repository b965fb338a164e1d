/** Moves focus to the input an issue's path points at: /outcomes/2/key -> the key input of the third row. */
export function focusItemIssue(path: string, rowTestId: string): void {
  const [, top, index, prop] = path.split('/');
  if ((top === 'outcomes' || top === 'states') && index !== undefined) {
    const row = document.querySelectorAll(`[data-testid="${rowTestId}"]`)[Number(index)];
    const target = row?.querySelector<HTMLElement>(prop ? `[aria-invalid="true"], input` : 'input');
    target?.focus();
    return;
  }
  document.querySelector<HTMLElement>(`[data-testid$="-${CSS.escape(top ?? '')}-zh"], [data-testid="add-outcome"], [data-testid="add-state"]`)?.focus();
}
