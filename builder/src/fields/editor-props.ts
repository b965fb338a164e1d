import type { FieldDefinition } from '@telesales/schemas';
import type { Issue } from '../api/issues';
import type { FieldPatch } from '../designer/definition-ops';

/** What every part of the field panel receives. */
export interface FieldEditorProps {
  field: FieldDefinition;
  /** JSON pointer of the field in the definition, e.g. /fields/3 (issues are matched below it). */
  pointer: string;
  issues: readonly Issue[];
  onPatch(patch: FieldPatch): void;
}
