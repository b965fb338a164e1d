import type { ComponentType } from 'react';
import type { FieldType } from '@telesales/schemas';
import { AddressWidget } from './AddressWidget';
import { AttachmentWidget } from './AttachmentWidget';
import { BooleanWidget } from './BooleanWidget';
import { DateWidget } from './DateWidget';
import { LongTextWidget } from './LongTextWidget';
import { LookupWidget } from './LookupWidget';
import { MultiSelectWidget } from './MultiSelectWidget';
import { NumberWidget } from './NumberWidget';
import { SelectWidget } from './SelectWidget';
import { TagsWidget } from './TagsWidget';
import { TextWidget } from './TextWidget';
import type { WidgetProps } from './widget-props';

/** One widget per field type, chosen here only (the console keeps the same kind of registry). */
export const WIDGETS: Record<FieldType, ComponentType<WidgetProps>> = {
  text: TextWidget,
  longtext: LongTextWidget,
  integer: NumberWidget,
  decimal: NumberWidget,
  money: NumberWidget,
  percent: NumberWidget,
  date: DateWidget,
  datetime: DateWidget,
  boolean: BooleanWidget,
  select: SelectWidget,
  multiselect: MultiSelectWidget,
  phone: TextWidget,
  email: TextWidget,
  url: TextWidget,
  user: LookupWidget,
  reference: LookupWidget,
  tags: TagsWidget,
  address: AddressWidget,
  attachment: AttachmentWidget,
};

/** Types that take the card's full width. */
export const WIDE_TYPES: ReadonlySet<FieldType> = new Set(['longtext', 'address', 'multiselect', 'tags', 'attachment']);
