/** "Policy number" -> "policy_number": a starting point the admin may overwrite. */
export function suggestKey(english: string): string {
  const key = english
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 40);
  return key;
}
