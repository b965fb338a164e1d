import { useEffect, useState } from 'react';
import { storedKinds } from '@telesales/schemas';
import type { DefinitionKind } from '../api/definitions';

/** Every definition kind has the same three pages, at `#/<slug>`, `#/<slug>/<key>` and `#/<slug>/<key>/versions`. */
export type Route =
  | { page: 'list'; kind: DefinitionKind }
  | { page: 'editor'; kind: DefinitionKind; key: string }
  | { page: 'versions'; kind: DefinitionKind; key: string }
  | { page: 'tickets' }
  | { page: 'people' }
  | { page: 'skillGroups' };

/** The kinds' URL slugs, from the one table of kinds (schemas/src/kinds). */
export const slugOf = (kind: DefinitionKind) => storedKinds().find((k) => k.kind === kind)!.slug;
const kindOfSlug = (slug: string | undefined) => storedKinds().find((k) => k.slug === slug)?.kind as DefinitionKind | undefined;

/** Hash routes keep the static build servable from any path without server-side fallbacks. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const kind = kindOfSlug(parts[0]);
  if (kind) {
    if (!parts[1]) return { page: 'list', kind };
    return parts[2] === 'versions' ? { page: 'versions', kind, key: parts[1] } : { page: 'editor', kind, key: parts[1] };
  }
  if (parts[0] === 'tickets') return { page: 'tickets' };
  if (parts[0] === 'people') return { page: 'people' };
  if (parts[0] === 'skill-groups') return { page: 'skillGroups' };
  return { page: 'list', kind: 'entity' };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'list':
      return `#/${slugOf(route.kind)}`;
    case 'editor':
      return `#/${slugOf(route.kind)}/${encodeURIComponent(route.key)}`;
    case 'versions':
      return `#/${slugOf(route.kind)}/${encodeURIComponent(route.key)}/versions`;
    case 'tickets':
      return '#/tickets';
    case 'people':
      return '#/people';
    case 'skillGroups':
      return '#/skill-groups';
  }
}

/** The list, editor and versions pages of one definition kind (every kind shares the list and versions components). */
export interface KindRoutes {
  list(): Route;
  editor(key: string): Route;
  versions(key: string): Route;
}
export const kindRoutes = Object.fromEntries(
  storedKinds().map(({ kind }) => {
    const k = kind as DefinitionKind;
    const routes: KindRoutes = {
      list: () => ({ page: 'list', kind: k }),
      editor: (key) => ({ page: 'editor', kind: k, key }),
      versions: (key) => ({ page: 'versions', kind: k, key }),
    };
    return [kind, routes];
  }),
) as Record<DefinitionKind, KindRoutes>;

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
