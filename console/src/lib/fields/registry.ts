// THE place where a field type meets its widgets: one display and one input component per type.
// Everything that renders a value (list cells, card fields, the operation log) goes through here, so a
// new field type is one entry plus two small components.
import type { Component } from 'svelte';
import type { FieldType } from '@telesales/schemas';
import type { DisplayProps, InputProps } from './types';

import AddressDisplay from './display/AddressDisplay.svelte';
import AttachmentDisplay from './display/AttachmentDisplay.svelte';
import BooleanDisplay from './display/BooleanDisplay.svelte';
import DateDisplay from './display/DateDisplay.svelte';
import DateTimeDisplay from './display/DateTimeDisplay.svelte';
import DecimalDisplay from './display/DecimalDisplay.svelte';
import EmailDisplay from './display/EmailDisplay.svelte';
import IntegerDisplay from './display/IntegerDisplay.svelte';
import LongTextDisplay from './display/LongTextDisplay.svelte';
import MoneyDisplay from './display/MoneyDisplay.svelte';
import MultiSelectDisplay from './display/MultiSelectDisplay.svelte';
import PercentDisplay from './display/PercentDisplay.svelte';
import PhoneDisplay from './display/PhoneDisplay.svelte';
import ReferenceDisplay from './display/ReferenceDisplay.svelte';
import SelectDisplay from './display/SelectDisplay.svelte';
import TagsDisplay from './display/TagsDisplay.svelte';
import TextDisplay from './display/TextDisplay.svelte';
import UrlDisplay from './display/UrlDisplay.svelte';
import UserDisplay from './display/UserDisplay.svelte';

import AddressInput from './input/AddressInput.svelte';
import AttachmentInput from './input/AttachmentInput.svelte';
import BooleanInput from './input/BooleanInput.svelte';
import DateInput from './input/DateInput.svelte';
import DateTimeInput from './input/DateTimeInput.svelte';
import DecimalInput from './input/DecimalInput.svelte';
import IntegerInput from './input/IntegerInput.svelte';
import LongTextInput from './input/LongTextInput.svelte';
import MoneyInput from './input/MoneyInput.svelte';
import MultiSelectInput from './input/MultiSelectInput.svelte';
import PercentInput from './input/PercentInput.svelte';
import ReferenceInput from './input/ReferenceInput.svelte';
import SelectInput from './input/SelectInput.svelte';
import StringInput from './input/StringInput.svelte';
import TagsInput from './input/TagsInput.svelte';
import UserInput from './input/UserInput.svelte';

export interface FieldWidgets {
	display: Component<DisplayProps>;
	input: Component<InputProps, object, 'value'>;
	/** the input spans the card's full width (long text, address, multi-value pickers) */
	wide?: boolean;
}

export const fieldRegistry: Record<FieldType, FieldWidgets> = {
	text: { display: TextDisplay, input: StringInput },
	longtext: { display: LongTextDisplay, input: LongTextInput, wide: true },
	integer: { display: IntegerDisplay, input: IntegerInput },
	decimal: { display: DecimalDisplay, input: DecimalInput },
	money: { display: MoneyDisplay, input: MoneyInput },
	percent: { display: PercentDisplay, input: PercentInput },
	date: { display: DateDisplay, input: DateInput },
	datetime: { display: DateTimeDisplay, input: DateTimeInput },
	boolean: { display: BooleanDisplay, input: BooleanInput },
	select: { display: SelectDisplay, input: SelectInput },
	multiselect: { display: MultiSelectDisplay, input: MultiSelectInput, wide: true },
	phone: { display: PhoneDisplay, input: StringInput },
	email: { display: EmailDisplay, input: StringInput },
	url: { display: UrlDisplay, input: StringInput },
	user: { display: UserDisplay, input: UserInput },
	reference: { display: ReferenceDisplay, input: ReferenceInput },
	tags: { display: TagsDisplay, input: TagsInput, wide: true },
	address: { display: AddressDisplay, input: AddressInput, wide: true },
	attachment: { display: AttachmentDisplay, input: AttachmentInput, wide: true }
};

export function widgetsFor(type: FieldType): FieldWidgets {
	return fieldRegistry[type] ?? fieldRegistry.text;
}
