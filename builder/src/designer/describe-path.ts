import type { AnyDefinition, Locale } from '@telesales/schemas';
import { localize } from '@telesales/schemas';

export interface PathPlace {
  /** The field the path is about (issue paths index the fields array; server paths may name the key). */
  fieldId?: string;
  /** Human-readable place: "Policy number › pattern". */
  text: string;
}

export function describePath(def: AnyDefinition, path: string, locale: Locale): PathPlace {
  const parts = path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  // A flow's paths index its nodes: name the node instead (/nodes/3/config/prompt -> menu1 › config › prompt).
  if (def.kind === 'flow' && parts[0] === 'nodes' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    return { text: [def.nodes[Number(parts[1])]?.id ?? parts[1], ...parts.slice(2)].join(' › ') };
  }
  // Roles have no field list: their paths (/entities/customer/read) read well as they are.
  if (def.kind !== 'entity') return { text: parts.join(' › ') || '/' };
  if (parts[0] === 'fields' && parts[1] !== undefined) {
    const field = /^\d+$/.test(parts[1]) ? def.fields[Number(parts[1])] : def.fields.find((f) => f.key === parts[1] || f.id === parts[1]);
    const name = field ? localize(field.label, locale) || field.key : parts[1];
    return { fieldId: field?.id, text: [name, ...parts.slice(2)].join(' › ') };
  }
  if (parts[0] === 'sections' && parts[1] !== undefined) {
    const section = /^\d+$/.test(parts[1]) ? def.sections?.[Number(parts[1])] : undefined;
    const name = section ? localize(section.label, locale) || section.key : parts[1];
    return { text: ['§ ' + name, ...parts.slice(2)].join(' › ') };
  }
  return { text: parts.join(' › ') || '/' };
}
