import { describe, expect, it } from 'vitest';
import type { FieldOption } from '@telesales/schemas';
import { withDerivedValue } from '../../builder/src/fields/option-values.js';

const option = (value: string, en: string, zh = en): FieldOption => ({ id: value, value, label: { zh, en } });
const relabel = (options: FieldOption[], i: number, en: string, published = false) =>
  withDerivedValue(options, i, { ...options[i]!, label: { ...options[i]!.label, en } }, published).value;

/** A select option's value follows its English label like a field key does, until it is typed by hand or published. */
describe('option values derived from the English label', () => {
  it('a new option_N takes the slug of the English label typed over "Option N", and keeps following it', () => {
    const options = [option('option_1', 'Option 1', '选项1')];
    expect(relabel(options, 0, 'Gold member')).toBe('gold_member');
    const renamed = [option('gold_member', 'Gold member')];
    expect(relabel(renamed, 0, 'Gold members')).toBe('gold_members');
  });

  it('stays unique among the field’s options', () => {
    const options = [option('gold', 'Gold'), option('option_2', 'Option 2')];
    expect(relabel(options, 1, 'Gold')).toBe('gold_2');
  });

  it('falls back to option_N when the English label gives no key (empty, Chinese only, digits)', () => {
    const options = [option('a', 'A'), option('vip', 'VIP')];
    expect(relabel(options, 1, '')).toBe('option_2');
    expect(relabel(options, 1, '贵宾')).toBe('option_2');
  });

  it('never changes a value typed by hand or a published option’s value', () => {
    const typed = [option('vip_custom', 'VIP')];
    expect(relabel(typed, 0, 'Very important')).toBe('vip_custom');
    const published = [option('option_1', 'Option 1')];
    expect(relabel(published, 0, 'Gold', true)).toBe('option_1');
  });
});
