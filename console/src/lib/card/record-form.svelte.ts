// The state of one record form: current values, which ones changed, the validator's issues as the user
// types (createRecordValidator, the server's own rules and messages) and the server's answer to a save.
import type { EntityDefinition, FieldDefinition, Locale, ValidationIssue } from '@telesales/schemas';
import { callerPhoneField, createRecordValidator, defaultValues, message, normalizePhoneValues } from '@telesales/schemas';
import type { RecordJson, RecordValues } from '$lib/api/types';
import { fieldMode, type FieldMode } from '$lib/fields/access';
import { isEmptyValue } from '$lib/fields/format';

/** `/values/phone/0` -> `phone`; anything else -> null (shown as a general error). */
export function fieldKeyOf(path: string): string | null {
	const match = /^\/values\/([^/]+)/.exec(path);
	return match ? match[1] : null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export class RecordForm {
	readonly entity: EntityDefinition;
	readonly record: RecordJson | null;
	readonly modes: Record<string, FieldMode>;
	private readonly validate: ReturnType<typeof createRecordValidator>;

	values = $state<RecordValues>({});
	touched = $state<Record<string, boolean>>({});
	submitted = $state(false);
	serverErrors = $state<Record<string, string>>({});
	generalErrors = $state<string[]>([]);
	locale = $state<Locale>('zh');
	/** A new record made from an inbound call: the phone field the server fills from the call record. */
	readonly callerField: string | null;

	/** `callerNumber`: the caller's number as this agent may see it (masked or not), shown read-only. */
	constructor(entity: EntityDefinition, record: RecordJson | null, role: string, canWrite: boolean, callerNumber?: string) {
		this.entity = entity;
		this.record = record;
		this.validate = createRecordValidator(entity);
		this.callerField = !record && callerNumber !== undefined ? (callerPhoneField(entity)?.key ?? null) : null;
		this.modes = Object.fromEntries(entity.fields.map((f) => [f.key, f.key === this.callerField ? 'read' : fieldMode(f, { role, canWrite, record })]));
		this.values = record ? ($state.snapshot(record.values) as RecordValues) : defaultValues(entity);
		if (this.callerField) this.values[this.callerField] = callerNumber;
	}

	get isNew(): boolean {
		return this.record === null;
	}

	mode(key: string): FieldMode {
		return this.modes[key] ?? 'hidden';
	}

	/** What a save sends: on create every filled editable value, on update only the edited ones (null clears). */
	payload = $derived.by<RecordValues>(() => {
		const out: RecordValues = {};
		for (const field of this.entity.fields) {
			if (this.mode(field.key) !== 'edit') continue;
			const value = this.values[field.key];
			if (this.isNew) {
				if (!isEmptyValue(value)) out[field.key] = value;
			} else if (!same(value, this.record!.values[field.key])) {
				out[field.key] = isEmptyValue(value) ? null : value;
			}
		}
		return out;
	});

	dirty = $derived(Object.keys(this.payload).length > 0);

	issues = $derived.by<ValidationIssue[]>(() => {
		// judged as the server will: it normalises phones first, so "138 1234 5678" is a number, not a typo
		const judged = normalizePhoneValues(this.entity, this.payload);
		const found = this.validate(judged, { mode: this.isNew ? 'create' : 'update', locale: this.locale })
			// the caller's number is not sent: the server fills it, so "required" does not apply here
			.filter((i) => !this.callerField || fieldKeyOf(i.path) !== this.callerField);
		// clearing a required field on update reads "required", not the schema's "must be of type"
		return found.map((i) => {
			const field = this.field(fieldKeyOf(i.path));
			return field?.required && i.code === 'type' && this.payload[field.key] === null
				? { ...i, code: 'required', message: message('required', this.locale) }
				: i;
		});
	});

	field(key: string | null): FieldDefinition | undefined {
		return key ? this.entity.fields.find((f) => f.key === key) : undefined;
	}

	set(key: string, value: unknown): void {
		this.values[key] = value;
		this.touched[key] = true;
		delete this.serverErrors[key];
	}

	/** The message under a field: the server's (until the field is edited) or the validator's once touched. */
	errorFor(key: string): string | null {
		if (this.serverErrors[key]) return this.serverErrors[key];
		if (!this.touched[key] && !this.submitted) return null;
		return this.issues.find((i) => fieldKeyOf(i.path) === key)?.message ?? null;
	}

	/** Puts the server's field errors beside their inputs; the rest become general messages. */
	applyServerErrors(errors: ValidationIssue[], fallback: string): void {
		const byField: Record<string, string> = {};
		const general: string[] = [];
		for (const error of errors) {
			const key = fieldKeyOf(error.path);
			if (key && this.mode(key) !== 'hidden') byField[key] ??= error.message;
			else general.push(error.path ? `${error.path}: ${error.message}` : error.message);
		}
		this.serverErrors = byField;
		this.generalErrors = general.length || Object.keys(byField).length ? general : [fallback];
	}

	clearServerErrors(): void {
		this.serverErrors = {};
		this.generalErrors = [];
	}
}
