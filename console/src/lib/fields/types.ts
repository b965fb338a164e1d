import type { FieldDefinition } from '@telesales/schemas';

/** Props of every display widget. The value is never empty (FieldDisplay renders the empty mark). */
export interface DisplayProps {
	field: FieldDefinition;
	value: unknown;
	/** in a list cell: one line, no links that steal the row click */
	compact?: boolean;
}

/** Props of every input widget; `value` is bindable and holds the field type's JSON value (null = empty). */
export interface InputProps {
	field: FieldDefinition;
	value: unknown;
	id: string;
	invalid?: boolean;
	describedBy?: string;
}
