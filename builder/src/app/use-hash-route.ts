import { useEffect, useState } from 'react';

export type Route =
  | { page: 'entities' }
  | { page: 'designer'; key: string }
  | { page: 'versions'; key: string };

/** Hash routes keep the static build servable from any path without server-side fallbacks. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'entities' && parts[1]) {
    return parts[2] === 'versions' ? { page: 'versions', key: parts[1] } : { page: 'designer', key: parts[1] };
  }
  return { page: 'entities' };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'entities':
      return '#/entities';
    case 'designer':
      return `#/entities/${encodeURIComponent(route.key)}`;
    case 'versions':
      return `#/entities/${encodeURIComponent(route.key)}/versions`;
  }
}

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
