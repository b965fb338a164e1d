import { useEffect, useState } from 'react';
import type { DefinitionKind } from '../api/definitions';

export type Route =
  | { page: 'entities' }
  | { page: 'designer'; key: string }
  | { page: 'versions'; key: string }
  | { page: 'roles' }
  | { page: 'role'; key: string }
  | { page: 'roleVersions'; key: string }
  | { page: 'pools' }
  | { page: 'pool'; key: string }
  | { page: 'poolVersions'; key: string }
  | { page: 'flows' }
  | { page: 'flow'; key: string }
  | { page: 'flowVersions'; key: string }
  | { page: 'dispositionsList' }
  | { page: 'dispositions'; key: string }
  | { page: 'dispositionsVersions'; key: string }
  | { page: 'agentStatesList' }
  | { page: 'agentStates'; key: string }
  | { page: 'agentStatesVersions'; key: string }
  | { page: 'tickets' }
  | { page: 'people' }
  | { page: 'skillGroups' };

/** Hash routes keep the static build servable from any path without server-side fallbacks. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'entities' && parts[1]) {
    return parts[2] === 'versions' ? { page: 'versions', key: parts[1] } : { page: 'designer', key: parts[1] };
  }
  if (parts[0] === 'roles') {
    if (!parts[1]) return { page: 'roles' };
    return parts[2] === 'versions' ? { page: 'roleVersions', key: parts[1] } : { page: 'role', key: parts[1] };
  }
  if (parts[0] === 'pools') {
    if (!parts[1]) return { page: 'pools' };
    return parts[2] === 'versions' ? { page: 'poolVersions', key: parts[1] } : { page: 'pool', key: parts[1] };
  }
  if (parts[0] === 'flows') {
    if (!parts[1]) return { page: 'flows' };
    return parts[2] === 'versions' ? { page: 'flowVersions', key: parts[1] } : { page: 'flow', key: parts[1] };
  }
  if (parts[0] === 'dispositions') {
    if (!parts[1]) return { page: 'dispositionsList' };
    return parts[2] === 'versions' ? { page: 'dispositionsVersions', key: parts[1] } : { page: 'dispositions', key: parts[1] };
  }
  if (parts[0] === 'agent-states') {
    if (!parts[1]) return { page: 'agentStatesList' };
    return parts[2] === 'versions' ? { page: 'agentStatesVersions', key: parts[1] } : { page: 'agentStates', key: parts[1] };
  }
  if (parts[0] === 'tickets') return { page: 'tickets' };
  if (parts[0] === 'people') return { page: 'people' };
  if (parts[0] === 'skill-groups') return { page: 'skillGroups' };
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
    case 'roles':
      return '#/roles';
    case 'role':
      return `#/roles/${encodeURIComponent(route.key)}`;
    case 'roleVersions':
      return `#/roles/${encodeURIComponent(route.key)}/versions`;
    case 'pools':
      return '#/pools';
    case 'pool':
      return `#/pools/${encodeURIComponent(route.key)}`;
    case 'poolVersions':
      return `#/pools/${encodeURIComponent(route.key)}/versions`;
    case 'flows':
      return '#/flows';
    case 'flow':
      return `#/flows/${encodeURIComponent(route.key)}`;
    case 'flowVersions':
      return `#/flows/${encodeURIComponent(route.key)}/versions`;
    case 'dispositionsList':
      return '#/dispositions';
    case 'dispositions':
      return `#/dispositions/${encodeURIComponent(route.key)}`;
    case 'dispositionsVersions':
      return `#/dispositions/${encodeURIComponent(route.key)}/versions`;
    case 'agentStatesList':
      return '#/agent-states';
    case 'agentStates':
      return `#/agent-states/${encodeURIComponent(route.key)}`;
    case 'agentStatesVersions':
      return `#/agent-states/${encodeURIComponent(route.key)}/versions`;
    case 'tickets':
      return '#/tickets';
    case 'people':
      return '#/people';
    case 'skillGroups':
      return '#/skill-groups';
  }
}

/** The list, editor and versions pages of one definition kind (every kind shares the list and versions components). */
export const kindRoutes = {
  entity: {
    list: (): Route => ({ page: 'entities' }),
    editor: (key: string): Route => ({ page: 'designer', key }),
    versions: (key: string): Route => ({ page: 'versions', key }),
  },
  role: {
    list: (): Route => ({ page: 'roles' }),
    editor: (key: string): Route => ({ page: 'role', key }),
    versions: (key: string): Route => ({ page: 'roleVersions', key }),
  },
  pool: {
    list: (): Route => ({ page: 'pools' }),
    editor: (key: string): Route => ({ page: 'pool', key }),
    versions: (key: string): Route => ({ page: 'poolVersions', key }),
  },
  flow: {
    list: (): Route => ({ page: 'flows' }),
    editor: (key: string): Route => ({ page: 'flow', key }),
    versions: (key: string): Route => ({ page: 'flowVersions', key }),
  },
  dispositions: {
    list: (): Route => ({ page: 'dispositionsList' }),
    editor: (key: string): Route => ({ page: 'dispositions', key }),
    versions: (key: string): Route => ({ page: 'dispositionsVersions', key }),
  },
  'agent-states': {
    list: (): Route => ({ page: 'agentStatesList' }),
    editor: (key: string): Route => ({ page: 'agentStates', key }),
    versions: (key: string): Route => ({ page: 'agentStatesVersions', key }),
  },
} satisfies Record<DefinitionKind, unknown>;

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
