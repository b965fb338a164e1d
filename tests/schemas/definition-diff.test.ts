// diffDefinitions (runtime/src/definitions/diff.ts): fields, sections and options are matched by id, so a
// renamed key or label is "changed", reordering is one "order" change, and nothing is "removed + added".
import { describe, expect, it } from 'vitest';
import { diffDefinitions } from '@telesales/runtime/definitions/diff';
import { entity, field, label, uid } from './support.js';

const opt = (n: number, value: string, extra: object = {}) => ({ id: uid(n), value, label: label(value.toUpperCase(), `选项${value}`), ...extra });

function base() {
  return entity([
    field(2, 'name', 'text', { required: true }),
    field(3, 'level', 'select', { options: [opt(10, 'a'), opt(11, 'b'), opt(12, 'c')] }),
    field(4, 'notes', 'longtext'),
  ], { sections: [{ id: uid(20), key: 'basic', label: label('Basic', '基本') }] });
}

describe('diffDefinitions', () => {
  it('nothing changed: no changes', () => {
    expect(diffDefinitions(base(), base())).toEqual([]);
  });

  it('a renamed field key is one "changed" on that field, with its id and label', () => {
    const after = base();
    after.fields[0]!.key = 'full_name';
    expect(diffDefinitions(base(), after)).toEqual([
      { change: 'changed', path: '/fields/full_name/key', target: 'property', id: uid(2), label: label('name', '字段name'), before: 'name', after: 'full_name' },
    ]);
  });

  it('a changed label is "changed" at the language that changed', () => {
    const after = base();
    after.fields[0]!.label = label('name', '客户姓名');
    expect(diffDefinitions(base(), after)).toEqual([
      { change: 'changed', path: '/fields/name/label/zh', target: 'property', id: uid(2), label: label('name', '客户姓名'), before: '字段name', after: '客户姓名' },
    ]);
  });

  it('an added and a removed field, matched by id (same key, new id = removed + added)', () => {
    const after = base();
    const added = field(5, 'email', 'email');
    after.fields = [after.fields[0]!, after.fields[1]!, added];
    const changes = diffDefinitions(base(), after);
    expect(changes).toEqual([
      { change: 'added', path: '/fields/email', target: 'field', id: uid(5), label: added.label, after: added },
      { change: 'removed', path: '/fields/notes', target: 'field', id: uid(4), label: base().fields[2]!.label, before: base().fields[2] },
    ]);

    const replaced = base();
    replaced.fields[2] = { ...replaced.fields[2]!, id: uid(6) };
    expect(diffDefinitions(base(), replaced).map((c) => [c.change, c.path, c.target, c.id])).toEqual([
      ['added', '/fields/notes', 'field', uid(6)],
      ['removed', '/fields/notes', 'field', uid(4)],
    ]);
  });

  it('an added option and a retired option', () => {
    const after = base();
    after.fields[1]!.options = [opt(10, 'a'), opt(11, 'b'), opt(12, 'c', { retired: true }), opt(13, 'vip')];
    expect(diffDefinitions(base(), after)).toEqual([
      { change: 'added', path: '/fields/level/options/c/retired', target: 'property', id: uid(12), label: label('C', '选项c'), before: undefined, after: true },
      { change: 'added', path: '/fields/level/options/vip', target: 'option', id: uid(13), label: label('VIP', '选项vip'), after: opt(13, 'vip') },
    ]);
  });

  it('a removed option', () => {
    const after = base();
    after.fields[1]!.options = [opt(10, 'a'), opt(12, 'c')];
    expect(diffDefinitions(base(), after)).toEqual([
      { change: 'removed', path: '/fields/level/options/b', target: 'option', id: uid(11), label: label('B', '选项b'), before: opt(11, 'b') },
    ]);
  });

  it('reordering fields is one order change listing the keys before and after', () => {
    const after = base();
    after.fields = [after.fields[2]!, after.fields[0]!, after.fields[1]!];
    expect(diffDefinitions(base(), after)).toEqual([
      { change: 'changed', path: '/fields/order', target: 'property', before: ['name', 'level', 'notes'], after: ['notes', 'name', 'level'] },
    ]);
  });

  it('reordering options, inside their field', () => {
    const after = base();
    after.fields[1]!.options = [opt(12, 'c'), opt(10, 'a'), opt(11, 'b')];
    expect(diffDefinitions(base(), after)).toEqual([
      { change: 'changed', path: '/fields/level/options/order', target: 'property', id: uid(3), label: base().fields[1]!.label, before: ['a', 'b', 'c'], after: ['c', 'a', 'b'] },
    ]);
  });

  it('an insertion in the middle is not a reorder', () => {
    const after = base();
    after.fields.splice(1, 0, field(5, 'email', 'email'));
    expect(diffDefinitions(base(), after).map((c) => [c.change, c.path])).toEqual([['added', '/fields/email']]);
  });

  it('definition properties and sections', () => {
    const after = base();
    after.label = label('Thing', '物品');
    after.titleField = 'name';
    after.sections = [{ id: uid(20), key: 'main', label: label('Basic', '基本') }, { id: uid(21), key: 'extra', label: label('Extra') }];
    expect(diffDefinitions(base(), after)).toEqual([
      { change: 'changed', path: '/label/zh', target: 'property', before: '东西', after: '物品' },
      { change: 'changed', path: '/sections/main/key', target: 'property', id: uid(20), label: label('Basic', '基本'), before: 'basic', after: 'main' },
      { change: 'added', path: '/sections/extra', target: 'section', id: uid(21), label: label('Extra'), after: after.sections[1] },
      { change: 'added', path: '/titleField', target: 'property', before: undefined, after: 'name' },
    ]);
  });

  it('from nothing (version 0): every field is added', () => {
    const changes = diffDefinitions(null, base());
    expect(changes.filter((c) => c.target === 'field').map((c) => [c.change, c.path])).toEqual([
      ['added', '/fields/name'], ['added', '/fields/level'], ['added', '/fields/notes'],
    ]);
    expect(changes.find((c) => c.path === '/key')).toEqual({ change: 'added', path: '/key', target: 'property', before: undefined, after: 'thing' });
  });

  it('a type change and a changed property of a field', () => {
    const after = base();
    after.fields[2] = { ...after.fields[2]!, type: 'text', maxLength: 100 };
    expect(diffDefinitions(base(), after)).toEqual([
      { change: 'changed', path: '/fields/notes/type', target: 'property', id: uid(4), label: base().fields[2]!.label, before: 'longtext', after: 'text' },
      { change: 'added', path: '/fields/notes/maxLength', target: 'property', id: uid(4), label: base().fields[2]!.label, before: undefined, after: 100 },
    ]);
  });
});
