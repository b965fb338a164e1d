// createRecordValidator: the record's values against the entity (create: required enforced; update: partial).
import { describe, expect, it } from 'vitest';
import { createRecordValidator, recordSchemaFor } from '@telesales/schemas';
import { customerEntity, entity, field, label, uid } from './support.js';

const customer = customerEntity();
const validate = createRecordValidator(customer);
const valid = { name: '张三', phone: '+8613812345678', status: 'pending' };
/** Ajv's order of issues is incidental; compare them by path. */
const byPath = <T extends { path: string }>(issues: T[]) => [...issues].sort((a, b) => a.path.localeCompare(b.path));

describe('createRecordValidator', () => {
  it('accepts a valid customer on create and an empty update', () => {
    expect(validate(valid, { mode: 'create' })).toEqual([]);
    expect(validate({}, { mode: 'update' })).toEqual([]);
  });

  it('create enforces required fields (en and zh); update does not', () => {
    expect(validate({}, { mode: 'create' })).toEqual([
      { path: '/values/name', code: 'required', message: 'is required' },
      { path: '/values/phone', code: 'required', message: 'is required' },
      { path: '/values/status', code: 'required', message: 'is required' },
    ]);
    expect(validate({ name: '' }, { mode: 'create', locale: 'zh' })).toEqual([
      { path: '/values/phone', code: 'required', message: '必填' },
      { path: '/values/status', code: 'required', message: '必填' },
      { path: '/values/name', code: 'required', message: '必填' },
    ]);
    expect(validate({ notes: 'x' }, { mode: 'update' })).toEqual([]);
  });

  it('required values cannot be cleared with null; optional ones can', () => {
    expect(validate({ name: null, level: null, email: null, products: null, annual_premium: null }, { mode: 'update' })).toEqual([
      { path: '/values/name', code: 'required', message: 'is required' },
    ]);
    expect(validate({ status: null }, { mode: 'update' })).toEqual([
      { path: '/values/status', code: 'required', message: 'is required' },
    ]);
  });

  it('a pattern violation carries the field patternMessage in the locale', () => {
    expect(validate({ ...valid, id_number: '123' }, { mode: 'create' })).toEqual([
      { path: '/values/id_number', code: 'pattern', message: 'An ID number has 18 characters' },
    ]);
    expect(validate({ id_number: '123' }, { mode: 'update', locale: 'zh' })).toEqual([
      { path: '/values/id_number', code: 'pattern', message: '身份证号应为18位' },
    ]);
    expect(validate({ id_number: '11010519491231002X' }, { mode: 'update' })).toEqual([]);
  });

  it('without a patternMessage, the generic sentence', () => {
    const v = createRecordValidator(entity([field(2, 'code', 'text', { pattern: '^P\\d{3}$' })]));
    expect(v({ code: 'x' }, { mode: 'update' })).toEqual([{ path: '/values/code', code: 'pattern', message: 'has the wrong format' }]);
    expect(v({ code: 'x' }, { mode: 'update', locale: 'zh' })).toEqual([{ path: '/values/code', code: 'pattern', message: '格式不正确' }]);
    expect(v({ code: 'P123' }, { mode: 'update' })).toEqual([]);
  });

  it('a pattern message given only in one language falls back to the other', () => {
    const v = createRecordValidator(entity([field(2, 'code', 'text', { pattern: '^P$', patternMessage: { zh: '应为 P' } })]));
    expect(v({ code: 'x' }, { mode: 'update', locale: 'en' })).toEqual([{ path: '/values/code', code: 'pattern', message: '应为 P' }]);
  });

  it('type-specific checks: phone, email, limits, dates, unique items, options', () => {
    expect(byPath(validate({ phone: 'call me', email: 'nope', annual_premium: -1, birth_date: '1900-01-01', products: ['life', 'life'], level: 'z' }, { mode: 'update' }))).toEqual(byPath([
      { path: '/values/phone', code: 'invalid_phone', message: 'is not a valid phone number' },
      { path: '/values/birth_date', code: 'formatMinimum', message: 'must not be before 1920-01-01' },
      { path: '/values/email', code: 'format', message: 'is not a valid email' },
      { path: '/values/level', code: 'enum', message: 'is not one of the allowed values' },
      { path: '/values/products', code: 'uniqueItems', message: 'must not contain duplicates' },
      { path: '/values/annual_premium', code: 'minimum', message: 'must be at least 0' },
    ]));
    expect(byPath(validate({ phone: 'call me', email: 'nope', birth_date: '2030-01-01' }, { mode: 'update', locale: 'zh' }))).toEqual(byPath([
      { path: '/values/phone', code: 'invalid_phone', message: '不是有效的电话号码' },
      { path: '/values/birth_date', code: 'formatMaximum', message: '不能晚于 2026-12-31' },
      { path: '/values/email', code: 'format', message: '不是有效的邮箱' },
    ]));
  });

  it('an integer field refuses 1.5 and "1"; an address refuses unknown parts', () => {
    const v = createRecordValidator(entity([field(2, 'n', 'integer'), field(3, 'addr', 'address'), field(4, 'r', 'integer', { required: true })]));
    // an optional field's type includes null, and the sentence says so
    expect(v({ n: 1.5 }, { mode: 'update' })).toEqual([{ path: '/values/n', code: 'type', message: 'must be a whole number' }]);
    expect(v({ n: '1' }, { mode: 'update' })).toEqual([{ path: '/values/n', code: 'type', message: 'must be a whole number' }]);
    expect(v({ r: 1.5 }, { mode: 'update', locale: 'zh' })).toEqual([{ path: '/values/r', code: 'type', message: '应为整数' }]);
    expect(v({ addr: { city: '杭州', planet: 'Mars' } }, { mode: 'update' })).toEqual([
      { path: '/values/addr/planet', code: 'additionalProperties', message: 'has an unknown property "planet"' },
    ]);
  });

  it('a retired option is refused for new values with its own code', () => {
    const opts = [{ id: uid(10), value: 'gold', label: label('Gold') }, { id: uid(11), value: 'bronze', label: label('Bronze'), retired: true }];
    const v = createRecordValidator(entity([field(2, 'level', 'select', { options: opts }), field(3, 'many', 'multiselect', { options: opts })]));
    expect(v({ level: 'bronze' }, { mode: 'update' })).toEqual([{ path: '/values/level', code: 'retired_option', message: 'is a retired option' }]);
    expect(v({ level: 'bronze' }, { mode: 'update', locale: 'zh' })).toEqual([{ path: '/values/level', code: 'retired_option', message: '选项已停用' }]);
    expect(v({ many: ['gold', 'bronze'] }, { mode: 'update' })).toEqual([{ path: '/values/many/1', code: 'retired_option', message: 'is a retired option' }]);
    expect(v({ level: 'gold', many: ['gold'] }, { mode: 'update' })).toEqual([]);
  });

  it('unknown and retired fields are refused by key, before anything else', () => {
    const v = createRecordValidator(entity([field(2, 'a', 'text', { required: true }), field(3, 'old', 'text', { retired: true })]));
    expect(v({ old: 'x', ghost: 1 }, { mode: 'create' })).toEqual([
      { path: '/values/old', code: 'retired_field', message: 'is retired and can no longer be written' },
      { path: '/values/ghost', code: 'unknown_field', message: 'is not a field of this entity' },
    ]);
    expect(v({ ghost: 1 }, { mode: 'create', locale: 'zh' })).toEqual([{ path: '/values/ghost', code: 'unknown_field', message: '没有这个字段' }]);
    // a prototype key is not a field either
    expect(v({ constructor: 'x' } as never, { mode: 'update' })).toEqual([{ path: '/values/constructor', code: 'unknown_field', message: 'is not a field of this entity' }]);
  });

  it('read-only required fields are not required on create', () => {
    const def = entity([field(2, 'a', 'text', { required: true, readOnly: true }), field(3, 'b', 'text', { required: true })]);
    expect(recordSchemaFor(def, 'create').required).toEqual(['b']);
    expect(createRecordValidator(def)({ b: 'x' }, { mode: 'create' })).toEqual([]);
  });
});
