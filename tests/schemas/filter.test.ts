// validateFilter: the filter language is data, never a MongoDB query: operator-like keys and object values are refused.
import { describe, expect, it } from 'vitest';
import { FILTER_MAX_CONDITIONS, operatorsFor, validateFilter } from '@telesales/schemas';
import { customerEntity } from './support.js';

const customer = customerEntity();

describe('validateFilter', () => {
  it('accepts conditions of the right type, nested and/or, system fields', () => {
    expect(validateFilter({
      and: [
        { field: 'name', op: 'contains', value: '张' },
        { or: [{ field: 'level', op: 'in', value: ['a', 'b'] }, { field: 'annual_premium', op: 'between', value: [1000, 5000] }] },
        { field: 'createdAt', op: 'gte', value: '2026-01-01T00:00:00Z' },
        { field: 'ownerId', op: 'eq', value: 'u1' },
        { field: 'email', op: 'isEmpty' },
        { field: 'birth_date', op: 'lt', value: '2000-01-01' },
      ],
    }, customer)).toEqual([]);
  });

  it('refuses {"$where": ...} as an unknown property', () => {
    expect(validateFilter({ $where: 'sleep(1000)' }, customer)).toEqual([
      { path: '/filter/field', code: 'required', message: 'is required' },
      { path: '/filter/op', code: 'required', message: 'is required' },
      { path: '/filter/$where', code: 'additionalProperties', message: 'has an unknown property "$where"' },
    ]);
    expect(validateFilter({ and: [{ field: 'name', op: 'eq', value: 'x', $where: '1' }] }, customer)).toEqual([
      { path: '/filter/and/0/$where', code: 'additionalProperties', message: 'has an unknown property "$where"' },
    ]);
  });

  it('refuses an object value such as {"$gt": ""}', () => {
    expect(validateFilter({ field: 'name', op: 'eq', value: { $gt: '' } }, customer)).toEqual([
      { path: '/filter/value', code: 'type', message: 'must be text, a number or true/false' },
    ]);
    // inside a list: both anyOf branches of `value` answer (not a scalar; item not a scalar)
    expect(validateFilter({ or: [{ field: 'phone', op: 'in', value: [{ $gt: '' }] }] }, customer)).toEqual([
      { path: '/filter/or/0/value', code: 'type', message: 'must be text, a number or true/false' },
      { path: '/filter/or/0/value/0', code: 'type', message: 'must be text, a number or true/false' },
    ]);
  });

  it('refuses unknown operators and a field key that could be a path', () => {
    expect(validateFilter({ field: 'name', op: 'regex', value: '.*' }, customer)).toEqual([
      { path: '/filter/op', code: 'enum', message: 'is not one of the allowed values' },
    ]);
    expect(validateFilter({ field: 'values.name', op: 'eq', value: 'x' }, customer)).toEqual([
      { path: '/filter/field', code: 'pattern', message: 'has the wrong format' },
    ]);
    expect(validateFilter({ field: '$where', op: 'eq', value: 'x' }, customer)).toEqual([
      { path: '/filter/field', code: 'pattern', message: 'has the wrong format' },
    ]);
  });

  it('checks fields, operators and value types against the entity (zh)', () => {
    expect(validateFilter({
      and: [
        { field: 'nope', op: 'eq', value: 'x' },
        { field: 'annual_premium', op: 'contains', value: '1' },
        { field: 'annual_premium', op: 'gt', value: '1' },
        { field: 'level', op: 'in', value: 'a' },
        { field: 'birth_date', op: 'between', value: ['2020-01-01'] },
      ],
    }, customer, 'zh')).toEqual([
      { path: '/filter/and/0/field', code: 'unknown_field', message: '没有这个字段' },
      { path: '/filter/and/1/op', code: 'unknown_operator', message: '字段类型 money 不支持运算符 contains' },
      { path: '/filter/and/2/value', code: 'bad_value', message: '值应为数字' },
      { path: '/filter/and/3/value', code: 'bad_value', message: '值应为列表' },
      { path: '/filter/and/4/value', code: 'bad_value', message: '值应为列表 [起, 止]' },
    ]);
  });

  it('every bad-value sentence is Chinese in zh', () => {
    expect(validateFilter({
      and: [
        { field: 'name', op: 'in', value: 'x' },
        { field: 'name', op: 'eq', value: ['x'] },
        { field: 'email', op: 'isEmpty', value: 'x' },
        { field: 'next_contact', op: 'gt', value: 'soon' },
        { field: 'birth_date', op: 'eq', value: 1 },
        { field: 'name', op: 'eq', value: 1 },
      ],
    }, { ...customer, fields: [...customer.fields] }, 'zh').map((i) => i.message)).toEqual([
      '值应为列表', '值应为单个值', '值应为空（不应提供值）', '值应为日期时间', '值应为日期（YYYY-MM-DD）', '值应为文本',
    ]);
  });

  it('the same in English, with the position of a bad list item', () => {
    expect(validateFilter({ or: [{ field: 'birth_date', op: 'in', value: ['2020-01-01', 'soon'] }, { field: 'email', op: 'isEmpty', value: 'x' }] }, customer)).toEqual([
      { path: '/filter/or/0/value/1', code: 'bad_value', message: 'value must be a date (YYYY-MM-DD)' },
      { path: '/filter/or/1/value', code: 'bad_value', message: 'value must be absent' },
    ]);
  });

  it('retired fields and fields the caller may not use count as unknown', () => {
    const retired = { ...customer, fields: customer.fields.map((f) => (f.key === 'notes' ? { ...f, retired: true } : f)) };
    expect(validateFilter({ field: 'notes', op: 'contains', value: 'x' }, retired)).toEqual([
      { path: '/filter/field', code: 'unknown_field', message: 'is not a field of this entity' },
    ]);
    expect(validateFilter({ field: 'id_number', op: 'eq', value: 'x' }, customer, 'en', (k) => k !== 'id_number')).toEqual([
      { path: '/filter/field', code: 'unknown_field', message: 'is not a field of this entity' },
    ]);
  });

  it('limits depth and the number of conditions', () => {
    const deep = { and: [{ and: [{ and: [{ and: [{ and: [{ field: 'name', op: 'eq', value: 'x' }] }] }] }] }] };
    expect(validateFilter(deep, customer)).toEqual([
      { path: '/filter/and/0/and/0/and/0/and/0/and/0', code: 'too_deep', message: 'must not nest deeper than 5 levels' },
    ]);
    const many = { or: [{ or: Array.from({ length: 50 }, () => ({ field: 'name', op: 'eq', value: 'x' })) }, { field: 'name', op: 'eq', value: 'y' }] };
    expect(validateFilter(many, customer)).toEqual([
      { path: '/filter/or/1', code: 'too_many_conditions', message: `must not have more than ${FILTER_MAX_CONDITIONS} conditions` },
    ]);
  });

  it('offers text operators for text, ordered ones for numbers, none of contains for booleans', () => {
    expect(operatorsFor('text')).toContain('contains');
    expect(operatorsFor('money')).toEqual(expect.arrayContaining(['gt', 'between']));
    expect(operatorsFor('money')).not.toContain('contains');
    expect(operatorsFor('boolean')).toEqual(['eq', 'ne', 'isEmpty', 'isNotEmpty']);
  });
});
