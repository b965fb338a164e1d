// validateDefinition: structural (Ajv) and semantic checks, each issue a JSON pointer + code + sentence (en/zh).
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '@telesales/schemas';
import { customerEntity, entity, field, label, uid } from './support.js';

describe('validateDefinition: valid definitions', () => {
  it('accepts the insurance template customer entity and a minimal entity', () => {
    expect(validateDefinition(customerEntity())).toEqual([]);
    expect(validateDefinition(entity([field(2, 'name', 'text')]))).toEqual([]);
  });

  it('accepts a role with a "*" default and entity overrides', () => {
    const role = {
      kind: 'role', schemaVersion: 1, id: uid(1), key: 'intern', label: label('Intern', '实习生'), dataScope: 'own',
      entities: { '*': { read: true }, customer: { read: true, create: false, dataScope: 'team' } },
    };
    expect(validateDefinition(role)).toEqual([]);
  });
});

describe('validateDefinition: kind', () => {
  it('refuses an unknown or missing kind with /kind', () => {
    expect(validateDefinition({ kind: 'widget' })).toEqual([{ path: '/kind', code: 'unknown_kind', message: 'unknown definition kind "widget"' }]);
    expect(validateDefinition({ kind: 'widget' }, 'zh')).toEqual([{ path: '/kind', code: 'unknown_kind', message: '未知的定义类型 “widget”' }]);
    expect(validateDefinition(null)).toEqual([{ path: '/kind', code: 'unknown_kind', message: 'unknown definition kind "undefined"' }]);
    expect(validateDefinition({ kind: 'toString' })).toEqual([{ path: '/kind', code: 'unknown_kind', message: 'unknown definition kind "toString"' }]);
  });
});

describe('validateDefinition: structure', () => {
  it('points at each bad property of a field, in English by default', () => {
    const bad = entity([{ id: uid(2), key: 'A b', label: { zh: '甲' }, type: 'texty', extra: 1 } as never]);
    expect(validateDefinition(bad)).toEqual([
      { path: '/fields/0/extra', code: 'additionalProperties', message: 'has an unknown property "extra"' },
      { path: '/fields/0/key', code: 'pattern', message: 'has the wrong format' },
      { path: '/fields/0/label/en', code: 'required', message: 'is required' },
      { path: '/fields/0/type', code: 'enum', message: 'is not one of the allowed values' },
    ]);
  });

  it('says the same in Chinese', () => {
    const bad = entity([{ id: uid(2), key: 'A b', label: { zh: '甲' }, type: 'texty', extra: 1 } as never]);
    expect(validateDefinition(bad, 'zh')).toEqual([
      { path: '/fields/0/extra', code: 'additionalProperties', message: '不认识的属性 “extra”' },
      { path: '/fields/0/key', code: 'pattern', message: '格式不正确' },
      { path: '/fields/0/label/en', code: 'required', message: '必填' },
      { path: '/fields/0/type', code: 'enum', message: '不是可选的值' },
    ]);
  });

  it('reports missing top-level properties at their own pointer', () => {
    const issues = validateDefinition({ kind: 'entity', schemaVersion: 1 });
    expect(issues).toEqual([
      { path: '/id', code: 'required', message: 'is required' },
      { path: '/key', code: 'required', message: 'is required' },
      { path: '/label', code: 'required', message: 'is required' },
      { path: '/fields', code: 'required', message: 'is required' },
    ]);
  });

  it('refuses a schemaVersion other than 1 and a bad id', () => {
    expect(validateDefinition({ ...entity([]), schemaVersion: 2, id: 'abc' })).toEqual([
      { path: '/schemaVersion', code: 'const', message: 'must be 1' },
      { path: '/id', code: 'pattern', message: 'has the wrong format' },
    ]);
  });

  it('checks a role: data scope and permission values', () => {
    const role = { kind: 'role', schemaVersion: 1, id: uid(1), key: 'r', label: label('R'), dataScope: 'mine', entities: { customer: { read: 1 } } };
    expect(validateDefinition(role)).toEqual([
      { path: '/dataScope', code: 'enum', message: 'is not one of the allowed values' },
      { path: '/entities/customer/read', code: 'type', message: 'must be true/false' },
    ]);
  });
});

describe('validateDefinition: semantic checks', () => {
  it('a select field needs options', () => {
    expect(validateDefinition(entity([field(2, 'level', 'select')]))).toEqual([
      { path: '/fields/0/options', code: 'options_required', message: 'a select field needs at least one option' },
    ]);
    expect(validateDefinition(entity([field(2, 'level', 'multiselect', { options: [] })]), 'zh')).toEqual([
      { path: '/fields/0/options', code: 'options_required', message: '单选或多选字段至少需要一个选项' },
    ]);
  });

  it('duplicate field keys and ids point at the second one', () => {
    const def = entity([field(2, 'a', 'text'), field(3, 'b', 'text'), { ...field(2, 'a', 'integer') }]);
    expect(validateDefinition(def)).toEqual([
      { path: '/fields/2/key', code: 'duplicate_key', message: 'key "a" is used twice' },
      { path: '/fields/2/id', code: 'duplicate_id', message: `id ${uid(2)} is used twice` },
    ]);
  });

  it('duplicate option values and section keys', () => {
    const opt = (n: number, value: string) => ({ id: uid(n), value, label: label(value) });
    const def = entity([field(2, 'level', 'select', { options: [opt(10, 'x'), opt(11, 'x')] })], {
      sections: [{ id: uid(20), key: 's', label: label('S') }, { id: uid(21), key: 's', label: label('S2') }],
    });
    expect(validateDefinition(def)).toEqual([
      { path: '/sections/1/key', code: 'duplicate_key', message: 'key "s" is used twice' },
      { path: '/fields/0/options/1/value', code: 'duplicate_key', message: 'key "x" is used twice' },
    ]);
  });

  it('a default must have the field type; a select default must be an active option', () => {
    expect(validateDefinition(entity([field(2, 'n', 'integer', { default: 'x' })]))).toEqual([
      { path: '/fields/0/default', code: 'bad_default', message: 'default value is invalid: must be a whole number' },
    ]);
    const opts = [{ id: uid(10), value: 'a', label: label('A') }, { id: uid(11), value: 'old', label: label('Old'), retired: true }];
    expect(validateDefinition(entity([field(2, 's', 'select', { options: opts, default: 'a' })]))).toEqual([]);
    expect(validateDefinition(entity([field(2, 's', 'select', { options: opts, default: 'old' })]), 'zh')).toEqual([
      { path: '/fields/0/default', code: 'bad_default', message: '默认值无效：不是可选的值' },
    ]);
  });

  it('min above max, minLength above maxLength', () => {
    expect(validateDefinition(entity([field(2, 'n', 'integer', { min: 5, max: 1 }), field(3, 't', 'text', { minLength: 9, maxLength: 3 })]))).toEqual([
      { path: '/fields/0/min', code: 'min_above_max', message: 'min is greater than max' },
      { path: '/fields/1/minLength', code: 'min_above_max', message: 'min is greater than max' },
    ]);
  });

  it('date limits must be dates; numeric limits numbers', () => {
    expect(validateDefinition(entity([field(2, 'd', 'date', { min: '2020-01-01', max: 'soon' }), field(3, 'n', 'decimal', { min: '1' })]))).toEqual([
      { path: '/fields/0/max', code: 'type', message: 'must be a date string' },
      { path: '/fields/1/min', code: 'type', message: 'must be a number' },
    ]);
  });

  it('a bad regular expression', () => {
    const issues = validateDefinition(entity([field(2, 't', 'text', { pattern: '(' })]));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: '/fields/0/pattern', code: 'bad_pattern' });
    expect(issues[0]!.message).toMatch(/^is not a valid regular expression: .*Unterminated group/);
  });

  it('properties that do not apply to the type', () => {
    expect(validateDefinition(entity([field(2, 't', 'text', { options: [{ id: uid(9), value: 'a', label: label('A') }], currency: 'CNY' })]))).toEqual([
      { path: '/fields/0/options', code: 'not_applicable', message: '"options" does not apply to a text field' },
      { path: '/fields/0/currency', code: 'not_applicable', message: '"currency" does not apply to a text field' },
    ]);
  });

  it('unknown section, title field, duplicate-key field; a reference without its entity', () => {
    const def = entity([field(2, 'a', 'text', { section: 'nope' }), field(3, 'r', 'reference')], {
      sections: [{ id: uid(20), key: 'basic', label: label('Basic') }],
      titleField: 'zz',
      duplicateKeys: [['a', 'b']],
    });
    expect(validateDefinition(def)).toEqual([
      { path: '/fields/0/section', code: 'unknown_section', message: 'section "nope" does not exist' },
      { path: '/fields/1/reference', code: 'missing_reference', message: 'a reference field needs the entity it points to' },
      { path: '/titleField', code: 'unknown_title_field', message: 'title field "zz" is not a field' },
      { path: '/duplicateKeys/0/1', code: 'unknown_key_field', message: 'duplicate key names unknown field "b"' },
    ]);
    expect(validateDefinition(def, 'zh').map((i) => i.message)).toEqual([
      '没有分组 “nope”', '引用字段需要指定实体', '标题字段 “zz” 不存在', '查重键中的字段 “b” 不存在',
    ]);
  });
});
