import type { FlowDefinition, FlowNodeOf, FlowNodeType } from '@telesales/schemas';
import type { Issue } from '../../api/issues';

/** What every per-type settings form gets: its node, the flow (languages), the issues and where they point. */
export interface FormProps<T extends FlowNodeType> {
  node: FlowNodeOf<T>;
  def: FlowDefinition;
  issues: readonly Issue[];
  /** JSON pointer of the node's config (/nodes/3/config): issue paths below it belong to the form's inputs. */
  base: string;
  set(config: FlowNodeOf<T>['config']): void;
}

/** A copy with one key set, or removed when the value is undefined or '' (the schema wants absent keys, not empty ones). */
export function withKey<C extends object, K extends keyof C>(config: C, key: K, value: C[K] | undefined): C {
  const next = { ...config };
  if (value === undefined || (value as unknown) === '') delete next[key];
  else next[key] = value;
  return next;
}

export const replaceAt = <T>(list: readonly T[], index: number, item: T): T[] => list.map((x, i) => (i === index ? item : x));
export const removeAt = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);
